#include "sqlcipher_dialect.hpp"

#include <algorithm>
#include <cctype>

namespace sqlcipher {

using retort::sdk::Failure;
using retort::sdk::TypeSpec;
using retort::sdk::Value;

void SqlcipherDialect::check_operation(const std::string& op, const Value& args) const {
  // SQLite changes these only by rebuilding the table (retort's own sqlite dialect does that); SQLCipher
  // 3.4 is SQLite 3.15, which cannot even rename or drop a column in place. Refusing here means the
  // revision is rejected before any database is touched, with the reason.
  const bool needs_rebuild = op == "drop_column" || op == "alter_column" || op == "create_primary_key" ||
                             op == "create_unique_constraint" || op == "create_foreign_key" ||
                             op == "create_check_constraint" || op == "drop_constraint";
  if (needs_rebuild)
    throw Failure(op + " on table " + args.get_string("table") +
                  ": SQLCipher's ALTER TABLE cannot do this, and this dialect does not rebuild tables; write the "
                  "rebuild (CREATE the new table, INSERT ... SELECT, DROP, ALTER TABLE ... RENAME TO) as execute "
                  "operations");
}

std::vector<std::string> SqlcipherDialect::render_statement(retort_statement_kind kind,
                                                            const std::vector<std::string>& args) const {
  // The driver's begin is BEGIN IMMEDIATE, which takes the database's write lock: that serialises two
  // retorts on one file. The lock statement only sets how long the second one waits (at least 1 ms: the
  // pragma answers with the new value, and 0 would read as "not granted").
  if (kind == RETORT_STMT_LOCK_ACQUIRE && args.size() >= 3)
    return {"PRAGMA busy_timeout = " + std::to_string(std::max(1L, std::stol(args[2]) * 1000))};
  if (kind == RETORT_STMT_BEGIN) return {"BEGIN IMMEDIATE"};
  return SqlDialect::render_statement(kind, args);
}

std::string SqlcipherDialect::table_exists_query(const std::string& schema, const std::string& table) const {
  const std::string master = schema.empty() ? "sqlite_master" : quote_identifier(schema) + ".sqlite_master";
  return "SELECT 1 FROM " + master + " WHERE type = 'table' AND name = " + quote_literal(table);
}

std::string SqlcipherDialect::map_type(const TypeSpec& t) const {
  if (t.name == "boolean") return "BOOLEAN";
  if (t.name == "datetime") return "DATETIME";
  if (t.name == "timestamptz") return "TIMESTAMP";
  if (t.name == "double") return "FLOAT";
  if (t.name == "uuid") return "CHAR(32)";
  return SqlDialect::map_type(t);
}

// SQLite takes only literals, CURRENT_* and parenthesised expressions after DEFAULT.
std::string SqlcipherDialect::default_expression(const std::string& sql) const {
  std::string upper;
  for (char c : sql) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const bool bare = upper == "CURRENT_TIMESTAMP" || upper == "CURRENT_DATE" || upper == "CURRENT_TIME" ||
                    upper == "NULL" || (!sql.empty() && (sql.front() == '(' || sql.front() == '\''));
  return bare ? sql : "(" + sql + ")";
}

// SQLite autoincrements only a column declared exactly INTEGER PRIMARY KEY AUTOINCREMENT, so a single
// autoincrement key is declared on its column instead of as a table constraint.
std::string SqlcipherDialect::inline_primary_key(const Value& args, const std::vector<std::string>& pk) const {
  if (pk.size() != 1) return "";
  Value col = find_column(args["columns"], pk[0]);
  return col.present() && col.get_bool("autoincrement", false) ? pk[0] : "";
}

std::string SqlcipherDialect::column_definition(const Value& col, bool inline_pk) const {
  if (inline_pk) return quote_identifier(col["name"].str()) + " INTEGER PRIMARY KEY AUTOINCREMENT";
  return SqlDialect::column_definition(col, false);
}

}  // namespace sqlcipher
