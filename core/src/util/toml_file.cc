#include "util/toml_file.h"

#include "util/regular_file.h"
#include "util/strings.h"
#include "util/toml_nesting.h"

namespace retort {

Result<toml::table> parse_toml_text(std::string_view text, const std::string& display_path) {
  RETORT_TRY(check_toml_nesting(text, display_path));
  try {
    return toml::parse(text, display_path);
  } catch (const toml::parse_error& e) {
    return Error(std::string(e.description()))
        .at(display_path + ":" + std::to_string(e.source().begin.line));
  }
}

Result<toml::table> parse_toml_file(const std::filesystem::path& path) {
  RETORT_ASSIGN_OR_RETURN(std::string text, read_regular_file(path, path.string()));
  return parse_toml_text(text, path.string());
}

std::string location_of(const toml::node& node, const std::string& path) {
  // A node built in memory (an operation autogenerate writes) has no line.
  const auto line = node.source().begin.line;
  return line ? path + ":" + std::to_string(line) : path;
}

Error error_at(const toml::node& node, const std::string& path, std::string message) {
  return Error(std::move(message)).at(location_of(node, path));
}

std::string type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: return "string";
    case toml::node_type::integer: return "integer";
    case toml::node_type::floating_point: return "float";
    case toml::node_type::boolean: return "boolean";
    case toml::node_type::array: return "array";
    case toml::node_type::table: return "table";
    case toml::node_type::date: return "date";
    case toml::node_type::time: return "time";
    case toml::node_type::date_time: return "date-time";
    default: return "nothing";
  }
}

}  // namespace retort

namespace retort {

void check_known_keys(const toml::table& table, const std::string& path, const std::vector<std::string>& allowed,
                      const std::string& context, ErrorList& errors) {
  for (const auto& [key, node] : table) {
    std::string k(key.str());
    bool known = false;
    for (const auto& a : allowed) known = known || a == k;
    if (known) continue;
    Error e = error_at(node, path, "unknown field '" + k + "' in " + context);
    std::string near = closest_match(k, allowed);
    e.hint(near.empty() ? "allowed fields: " + join(allowed, ", ") : "did you mean '" + near + "'?");
    errors.add(std::move(e));
  }
}

}  // namespace retort
