// Reads a SQLite schema back (ABI 1.2 inspection): sqlite_master and the table-valued pragmas for what
// SQLite records, and the CREATE TABLE text for what it does not (constraint names, CHECK expressions).
#pragma once

#include <retort/sdk/schema_document.hpp>

#include <string>
#include <vector>

namespace retort::sqlite {

// The tables of the attached database `schema` ("" for main).
std::vector<sdk::InspectedTable> inspect_schema(const std::string& schema, const sdk::Session& session);

// The generic type a declared SQLite type stands for when it is exactly what the dialect writes for it
// ("VARCHAR(50)" -> "string(50)"), else the declared type as written.
std::string generic_type(const std::string& declared);

}  // namespace retort::sqlite
