// Reading TOML files into toml++ tables with errors as values that carry path:line.
#pragma once

#include "util/status.h"

#include <toml++/toml.h>

#include <filesystem>
#include <string>
#include <vector>

namespace retort {

// Every TOML document retort reads goes through these two, so the limits on what it reads and parses
// (util/regular_file.h, util/toml_nesting.h) hold everywhere.

// Reads (a regular file only, size-capped) and parses `path`; a syntax error comes back as
// "path:line: message".
Result<toml::table> parse_toml_file(const std::filesystem::path& path);

// Parses TOML text, refusing absurd nesting before toml++ sees it; `display_path` names it in errors.
Result<toml::table> parse_toml_text(std::string_view text, const std::string& display_path);

// "path:line" for a node of a parsed document.
std::string location_of(const toml::node& node, const std::string& path);

// An error located at a node: "path:line: message".
Error error_at(const toml::node& node, const std::string& path, std::string message);

// "string", "integer", "array", ... as a user would call the node's type.
std::string type_name(const toml::node& node);

}  // namespace retort

namespace retort {

// Reports every key of `table` not in `allowed` as "path:line: unknown field 'x' in <context>", with the
// closest allowed name when there is one.
void check_known_keys(const toml::table& table, const std::string& path, const std::vector<std::string>& allowed,
                      const std::string& context, ErrorList& errors);

}  // namespace retort
