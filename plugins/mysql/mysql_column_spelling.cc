#include "mysql_column_spelling.hpp"

#include "mysql_quote.hpp"

#include <cctype>
#include <map>
#include <set>

namespace retort::mysql {
namespace {

std::string lower(const std::string& s) {
  std::string out = s;
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Lower case outside quotes: the values of enum('A','b') are data, not spelling.
std::string lower_outside_quotes(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  bool quoted = false;
  for (char c : s) {
    if (c == '\'') quoted = !quoted;  // a doubled quote toggles twice
    out += quoted ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

// "int(11) unsigned" -> "int unsigned". An integer's display width changes neither storage nor range, and
// MySQL 8.0.19 stopped reporting it, so it is no part of the type; ZEROFILL pads to it, and keeps it.
std::string without_display_width(const std::string& type) {
  static const std::set<std::string> integers = {"tinyint", "smallint", "mediumint", "int", "bigint", "year"};
  const auto open = type.find('(');
  const auto close = type.find(')');
  if (open == std::string::npos || close == std::string::npos || type.find("zerofill") != std::string::npos)
    return type;
  const std::string base = type.substr(0, open);
  return integers.count(base) != 0 ? base + type.substr(close + 1) : type;
}

// "name(args)" when `type` is exactly that, else "".
std::string arguments_of(const std::string& type, const std::string& name) {
  if (!starts_with(type, name + "(") || type.back() != ')') return "";
  return type.substr(name.size(), std::string::npos);
}

bool numeric_type(const std::string& data_type) {
  static const std::set<std::string> numeric = {"tinyint", "smallint", "mediumint", "int",   "integer",
                                                "bigint",  "decimal",  "numeric",   "float", "double",
                                                "real",    "year"};
  return numeric.count(lower(data_type)) != 0;
}

}  // namespace

std::string inspected_type(const std::string& column_type) {
  const std::string type = lower_outside_quotes(column_type);
  // BOOL is tinyint(1); MySQL 8 still reports this one display width, because of what it means.
  if (type == "tinyint(1)") return "boolean";
  std::string bare = without_display_width(type);
  // What MysqlDialect::map_type (and SqlDialect::map_type under it) creates for each generic type.
  // DATETIME also serves timestamptz; it reads back as datetime, the generic type that names it.
  static const std::map<std::string, std::string> generic = {
      {"int", "integer"},      {"bigint", "bigint"}, {"smallint", "smallint"}, {"float", "float"},
      {"double", "double"},    {"text", "text"},     {"date", "date"},         {"time", "time"},
      {"datetime", "datetime"}, {"timestamp", "timestamp"}, {"blob", "binary"}, {"char(36)", "uuid"},
      {"json", "json"},  // MySQL 5.7 and 8 have a JSON type; MariaDB's is LONGTEXT (see the header)
  };
  if (auto it = generic.find(bare); it != generic.end()) return it->second;
  if (std::string n = arguments_of(bare, "varchar"); !n.empty()) return "string" + n;
  if (std::string ps = arguments_of(bare, "decimal"); !ps.empty()) return "numeric" + ps;
  return bare;
}

std::optional<std::string> inspected_default(const std::optional<std::string>& column_default,
                                             const std::string& data_type, const std::string& extra,
                                             DefaultSpelling spelling) {
  if (!column_default) return std::nullopt;
  const std::string& raw = *column_default;
  if (spelling == DefaultSpelling::expressions) {
    if (raw == "NULL") return std::nullopt;  // a string 'NULL' is reported quoted
    return raw;
  }
  // MySQL: CURRENT_TIMESTAMP[(fsp)] in upper case, as MariaDB's current_timestamp([fsp]).
  const std::string lowered = lower(raw);
  if (starts_with(lowered, "current_timestamp")) {
    const auto paren = lowered.find('(');
    return "current_timestamp" + (paren == std::string::npos ? std::string("()") : lowered.substr(paren));
  }
  // MySQL 8.0.13+ marks expression defaults; they are reported as written, with MySQL's own spelling of
  // the expression (which may differ from MariaDB's parenthesised one; both sides of a comparison are on
  // the same server, so that never shows up as a change).
  if (lower(extra).find("default_generated") != std::string::npos) return raw;
  if (numeric_type(data_type) || starts_with(lowered, "b'")) return raw;  // numbers and bit literals
  return quote_literal(raw);
}

}  // namespace retort::mysql
