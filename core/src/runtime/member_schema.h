// A fleet member's own PostgreSQL schema (`schema = "tenant_{name}"`, DatabaseConfig::connection_schema):
// the connection works in it, and it is created with the first table retort keeps there, so that a new
// tenant needs nothing but its name in the source.
#pragma once

#include "runtime/database.h"
#include "util/status.h"

#include <string>
#include <vector>

namespace retort {

// `SET search_path TO "schema"`: what makes the revisions' unqualified tables land in the member's schema;
// nothing for a database without one. Offline scripts start with it.
Result<std::vector<std::string>> search_path_statements(Database& db);

// Runs search_path_statements on a new connection.
Status use_member_schema(Database& db);

// `CREATE SCHEMA IF NOT EXISTS "schema"`, to run before the version or history table is created in it;
// nothing for a database without one.
Result<std::vector<std::string>> member_schema_statements(Database& db);

// `statements` after member_schema_statements: a table create that makes its own schema first.
Result<std::vector<std::string>> after_member_schema(Database& db, Result<std::vector<std::string>> statements);

}  // namespace retort
