#include "sqlite_dialect.hpp"

namespace retort::sqlite {

using sdk::TypeSpec;
using sdk::Value;

// SQLite's ALTER TABLE cannot change a column or add and drop constraints; those need the table to be
// rebuilt, which this dialect does not do yet, so they are refused before anything runs.
void SqliteDialect::check_operation(const std::string& op, const Value& /*args*/) const {
  if (op == "alter_column" || op == "create_primary_key" || op == "create_unique_constraint" ||
      op == "create_foreign_key" || op == "create_check_constraint" || op == "drop_constraint")
    throw sdk::Failure("SQLite's ALTER TABLE cannot do " + op +
                       "; it needs a table rebuild, which retort's SQLite dialect does not do yet. Use [[upgrade_NAME]] "
                       "sections or execute with a hand-written rebuild for SQLite databases");
}

std::vector<std::string> SqliteDialect::render_statement(retort_statement_kind kind,
                                                         const std::vector<std::string>& args) const {
  // The driver's BEGIN IMMEDIATE takes the database write lock, which serialises concurrent runs.
  if (kind == RETORT_STMT_BEGIN) return {"BEGIN IMMEDIATE"};
  return SqlDialect::render_statement(kind, args);
}

std::string SqliteDialect::table_exists_query(const std::string& schema, const std::string& table) const {
  std::string master = schema.empty() ? "sqlite_master" : quote_identifier(schema) + ".sqlite_master";
  return "SELECT 1 FROM " + master + " WHERE type = 'table' AND name = " + quote_literal(table);
}

std::string SqliteDialect::map_type(const TypeSpec& t) const {
  const std::string& n = t.name;
  if (n == "boolean") return "BOOLEAN";
  if (n == "datetime") return "DATETIME";
  if (n == "timestamptz") return "TIMESTAMP";
  if (n == "double") return "FLOAT";
  if (n == "uuid") return "CHAR(32)";
  return SqlDialect::map_type(t);
}

// SQLite only autoincrements a column declared exactly "INTEGER PRIMARY KEY AUTOINCREMENT", so a single
// autoincrement key is declared on the column rather than as a table constraint.
std::string SqliteDialect::inline_primary_key(const Value& args, const std::vector<std::string>& pk) const {
  if (pk.size() != 1) return "";
  Value col = find_column(args["columns"], pk[0]);
  return col.present() && col.get_bool("autoincrement", false) ? pk[0] : "";
}

std::string SqliteDialect::column_definition(const Value& col, bool inline_pk) const {
  if (inline_pk) return quote_identifier(col["name"].str()) + " INTEGER PRIMARY KEY AUTOINCREMENT";
  return SqlDialect::column_definition(col, false);
}

}  // namespace retort::sqlite
