// Reading typed values out of a config table: each problem is collected as "path:line: message" naming
// the key, so one pass reports every mistake in the file; strings may have ${VAR} expanded.
#pragma once

#include "config/env_expand.h"
#include "util/status.h"
#include "util/toml_file.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace retort {

struct ConfigReader {
  const std::string& path;  // the config file as shown in errors
  const VariableLookup& variables;
  ErrorList& errors;

  std::optional<std::string> string(const toml::table& t, const char* key, bool expand);
  std::optional<bool> boolean(const toml::table& t, const char* key);
  // An integer from `min` to `max`.
  std::optional<int64_t> integer(const toml::table& t, const char* key, int64_t min, int64_t max);
  // Every string of an array, expanded.
  std::vector<std::string> strings(const toml::table& t, const char* key);
  // `text` with ${VAR} expanded; a problem is located at `node`, in `key`.
  std::optional<std::string> expand(const std::string& text, const toml::node& node, const std::string& key);
};

// `p` made absolute against `base` (the config's folder) unless it is already.
std::filesystem::path absolute_from(const std::filesystem::path& base, const std::string& p);

}  // namespace retort
