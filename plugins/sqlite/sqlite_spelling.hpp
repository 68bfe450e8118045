// Column types and defaults as the SQLite inspector reports them. SQLite keeps both as they were written
// and gives them meaning only through the column's affinity (https://sqlite.org/datatype3.html), so
// spellings that mean the same are given one here (docs/schema-files.md, "SQLite").
#pragma once

#include <optional>
#include <string>

namespace retort::sqlite {

// The generic type a declared type stands for: exactly what the dialect writes for it ("VARCHAR(50)" ->
// "string(50)"), or a standard SQL name for the same thing ("INT" -> "integer", "CHARACTER VARYING(50)"
// -> "string(50)", "DECIMAL(10,2)" -> "numeric(10,2)", "BOOL" -> "boolean", "DOUBLE PRECISION" and
// "REAL" -> "float", as "double" creates FLOAT here); else the declared type as written.
std::string generic_type(const std::string& declared);

// A column's default (pragma table_info's dflt_value) as the value it gives a column of `declared_type`:
// DEFAULT NULL is no default; TRUE and FALSE are 1 and 0, as SQLite reads them; CURRENT_TIMESTAMP,
// CURRENT_DATE and CURRENT_TIME in upper case; a quoted number on a column of numeric affinity (INTEGER,
// REAL, NUMERIC) is the bare number it is stored as, and a bare integer on a column of TEXT affinity the
// quoted text it is stored as. Anything else is as written.
std::optional<std::string> reported_default(const std::string& dflt_value, const std::string& declared_type);

}  // namespace retort::sqlite
