#include "ops/column_types.h"

#include "util/strings.h"

#include <algorithm>
#include <cctype>

namespace retort {

const std::vector<std::string>& generic_type_names() {
  static const std::vector<std::string> names = {"integer", "bigint", "smallint", "boolean",  "float",
                                                 "double",  "numeric", "string",  "text",     "date",
                                                 "time",    "datetime", "timestamp", "timestamptz", "binary",
                                                 "json",    "uuid"};
  return names;
}

std::optional<std::string> misspelt_generic_type(std::string_view written) {
  // Native types of the supported databases that are spelt within reach of a generic name.
  static const std::vector<std::string> close_natives = {"float4", "float8", "citext", "jsonb",
                                                         "timetz", "datetime2", "int2", "int4", "int8"};
  std::string name;
  for (char c : written) {
    if (c == '(' || c == '[') break;
    name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  name = trim(name);
  const auto& generic = generic_type_names();
  if (name.empty() || name.find(' ') != std::string::npos) return std::nullopt;
  if (std::find(generic.begin(), generic.end(), name) != generic.end()) return std::nullopt;
  if (std::find(close_natives.begin(), close_natives.end(), name) != close_natives.end()) return std::nullopt;
  const size_t reach = name.size() > 5 ? 2 : 1;
  std::string best;
  size_t best_distance = reach + 1;
  for (const auto& g : generic) {
    size_t d = edit_distance(name, g);
    if (d < best_distance) {
      best = g;
      best_distance = d;
    }
  }
  if (best.empty()) return std::nullopt;
  return best;
}

}  // namespace retort
