// The -x KEY=VALUE arguments of the command line: values for ${KEY} in the config, looked up before the
// environment (Alembic's -x, which its env.py reads the same way).
#pragma once

#include "config/env_expand.h"
#include "util/status.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace retort {

// "" when `argument` is KEY=VALUE with a non-empty KEY; otherwise what is wrong with it, in words that
// never repeat the argument (without its KEY, a VALUE may be a password).
std::string x_argument_problem(std::string_view argument);

class XArguments {
 public:
  // Every argument checked; the first malformed one is an error ("-x: takes KEY=VALUE, ...").
  static Result<XArguments> parse(const std::vector<std::string>& arguments);

  // The VALUE of the first argument that sets `key` (VALUE may hold '=' itself).
  std::optional<std::string> value(const std::string& key) const;
  // value(), for expand_variables and environment_lookup.
  VariableLookup lookup() const;

 private:
  std::vector<std::pair<std::string, std::string>> values_;
};

}  // namespace retort
