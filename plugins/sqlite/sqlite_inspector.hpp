// Reads a SQLite schema back (ABI 1.2 inspection): sqlite_master and the table-valued pragmas for what
// SQLite records, and the CREATE TABLE text for what it does not (constraint names, CHECK expressions).
#pragma once

#include <retort/sdk/schema_document.hpp>

#include <string>
#include <vector>

namespace retort::sqlite {

// The tables of the attached database `schema` ("" for main).
std::vector<sdk::InspectedTable> inspect_schema(const std::string& schema, const sdk::Session& session);

}  // namespace retort::sqlite
