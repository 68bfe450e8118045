// A column's type and default as information_schema.COLUMNS reports them, turned into the inspected
// document's spelling: retort's generic type where the server's type is exactly what that generic type
// creates (MysqlDialect::map_type), and one spelling of a default whichever server reports it.
#pragma once

#include <optional>
#include <string>

namespace retort::mysql {

// COLUMN_TYPE as a generic type ("int(11)" -> "integer", "varchar(50)" -> "string(50)") or else the
// server's own spelling without integer display widths ("int(10) unsigned" -> "int unsigned"). JSON on
// MariaDB is LONGTEXT plus a check: the caller, which reads the checks, makes that "json".
std::string inspected_type(const std::string& column_type);

// How the server reports COLUMN_DEFAULT.
enum class DefaultSpelling {
  expressions,  // MariaDB 10.2.7 and later: 'quoted' literals, NULL for "no default", functions as called
  bare_values,  // MySQL (and older MariaDB): literals unquoted, SQL NULL for "no default" and DEFAULT NULL
};

// The column's server default in MariaDB's expression spelling, or nullopt when it has none (DEFAULT NULL
// is no default: a nullable column without one gets NULL all the same).
std::optional<std::string> inspected_default(const std::optional<std::string>& column_default,
                                             const std::string& data_type, const std::string& extra,
                                             DefaultSpelling spelling);

}  // namespace retort::mysql
