#include "runtime/member_schema.h"

namespace retort {

Result<std::vector<std::string>> search_path_statements(Database& db) {
  const std::string& schema = db.config().connection_schema;
  if (schema.empty()) return std::vector<std::string>{};
  RETORT_ASSIGN_OR_RETURN(std::string quoted, db.quote_identifier(schema));
  // Only the member's schema: a table missing there must never be found in (or created in) another one.
  return std::vector<std::string>{"SET search_path TO " + quoted};
}

Status use_member_schema(Database& db) { return db.execute_each(search_path_statements(db)); }

Result<std::vector<std::string>> member_schema_statements(Database& db) {
  const std::string& schema = db.config().connection_schema;
  if (schema.empty()) return std::vector<std::string>{};
  RETORT_ASSIGN_OR_RETURN(std::string quoted, db.quote_identifier(schema));
  return std::vector<std::string>{"CREATE SCHEMA IF NOT EXISTS " + quoted};
}

Result<std::vector<std::string>> after_member_schema(Database& db, Result<std::vector<std::string>> statements) {
  if (!statements.ok() || db.config().connection_schema.empty()) return statements;
  RETORT_ASSIGN_OR_RETURN(std::vector<std::string> out, member_schema_statements(db));
  out.insert(out.end(), statements->begin(), statements->end());
  return out;
}

}  // namespace retort
