// Column types as the PostgreSQL inspector reports them: the generic name where the server's type is
// exactly what that generic type creates on this dialect (PostgresqlDialect::map_type), else the server's.
#pragma once

#include <string>

namespace retort::postgresql {

// The generic type for a type as format_type(atttypid, atttypmod) spells it ("character varying(50)" is
// "string(50)", "timestamp without time zone" is "timestamp"), or that spelling unchanged ("jsonb",
// "integer[]", "character varying" without a length, "time(3) without time zone").
std::string reported_type(const std::string& format_type);

// Whether a reported type is one SERIAL, BIGSERIAL or SMALLSERIAL creates.
bool serial_type(const std::string& reported);

}  // namespace retort::postgresql
