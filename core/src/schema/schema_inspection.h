// A live database's schema as a SchemaDocument: its dialect's inspector (ABI 1.2), read back with the
// schema-file reader, without retort's own tables.
#pragma once

#include "runtime/database.h"
#include "schema/schema_model.h"
#include "util/status.h"

namespace retort {

// The tables of `schema` ("" for the database's own, whose version and history tables are left out). An
// inspector whose document cannot be read is named as a plugin bug.
Result<SchemaDocument> inspect_database(Database& db, const std::string& schema = "");

}  // namespace retort
