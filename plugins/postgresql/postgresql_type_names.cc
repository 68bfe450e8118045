#include "postgresql_type_names.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

namespace retort::postgresql {
namespace {

bool digits(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

// The text inside "name(...)" when `type` is exactly that and holds what a typmod prints: "12" or "12,2".
// Anything after the parenthesis (an array's "[]") does not match.
std::optional<std::string> typmod_of(const std::string& type, const std::string& name) {
  const std::string open = name + "(";
  if (type.size() <= open.size() || type.compare(0, open.size(), open) != 0 || type.back() != ')') return std::nullopt;
  std::string params = type.substr(open.size(), type.size() - open.size() - 1);
  const size_t comma = params.find(',');
  const bool ok = comma == std::string::npos ? digits(params)
                                             : digits(params.substr(0, comma)) && digits(params.substr(comma + 1));
  if (!ok) return std::nullopt;
  return params;
}

}  // namespace

std::string reported_type(const std::string& format_type) {
  // What map_type writes, as format_type() reads it back. REAL is float and DOUBLE PRECISION double here,
  // and TIMESTAMP WITHOUT TIME ZONE is what both datetime and timestamp create: it reads as "timestamp".
  static const std::map<std::string, std::string> exact = {
      {"integer", "integer"},
      {"bigint", "bigint"},
      {"smallint", "smallint"},
      {"boolean", "boolean"},
      {"real", "float"},
      {"double precision", "double"},
      {"numeric", "numeric"},
      {"text", "text"},
      {"date", "date"},
      {"time without time zone", "time"},
      {"timestamp without time zone", "timestamp"},
      {"timestamp with time zone", "timestamptz"},
      {"bytea", "binary"},
      {"json", "json"},
      {"uuid", "uuid"},
  };
  if (auto it = exact.find(format_type); it != exact.end()) return it->second;
  // numeric(p) is stored as numeric(p,0) and reads back so, which is also what "numeric(p,0)" creates.
  if (auto params = typmod_of(format_type, "numeric")) return "numeric(" + *params + ")";
  if (auto params = typmod_of(format_type, "character varying"); params && params->find(',') == std::string::npos)
    return "string(" + *params + ")";
  return format_type;
}

bool serial_type(const std::string& reported) {
  return reported == "integer" || reported == "bigint" || reported == "smallint";
}

}  // namespace retort::postgresql
