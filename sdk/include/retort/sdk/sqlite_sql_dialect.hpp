// A dialect base for databases that speak SQLite's SQL (SQLite itself, SQLCipher, and other SQLite
// derivatives): SqlDialect with SQLite's type names, rowid autoincrement, default expressions,
// sqlite_master introspection, and locking by the write lock of BEGIN IMMEDIATE. What SQLite's ALTER
// TABLE cannot do (change a column or a constraint) is left to the concrete dialect: rebuild the table,
// or refuse in check_operation.
#pragma once

#include <retort/sdk/sql_dialect.hpp>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace retort::sdk {

class SqliteSqlDialect : public SqlDialect {
 public:
  uint64_t capabilities() const override { return RETORT_CAP_TRANSACTIONAL_DDL | RETORT_CAP_PARTIAL_INDEX; }

  std::vector<std::string> render_statement(retort_statement_kind kind,
                                            const std::vector<std::string>& args) const override {
    // The driver's BEGIN IMMEDIATE takes the database's write lock, which serialises concurrent runs; the
    // lock statement only sets how long the second run waits for it. (At least 1 ms: the pragma answers
    // with the new value, and 0 would read as "not granted".)
    if (kind == RETORT_STMT_BEGIN) return {"BEGIN IMMEDIATE"};
    if (kind == RETORT_STMT_LOCK_ACQUIRE && args.size() >= 3)
      return {"PRAGMA busy_timeout = " + std::to_string(std::max(1L, std::stol(args[2]) * 1000))};
    return SqlDialect::render_statement(kind, args);
  }

  // No session lock is needed (the write lock serialises runs), so the answer is NOT_NEEDED: the host then
  // knows that nothing is held, and that calling again (it tries without waiting first) is harmless, so the
  // busy timeout ends up at the real lock_timeout.
  retort_lock_outcome lock(const Session& session, const std::string& schema, const std::string& name,
                           int timeout_seconds) const override {
    for (const auto& s : render_statement(RETORT_STMT_LOCK_ACQUIRE, {schema, name, std::to_string(timeout_seconds)}))
      session.query(s);
    return RETORT_LOCK_NOT_NEEDED;
  }

 protected:
  // The schema table of the main database, or of an attached one.
  std::string master_table(const std::string& schema) const {
    return schema.empty() ? "sqlite_master" : quote_identifier(schema) + ".sqlite_master";
  }

  std::string table_exists_query(const std::string& schema, const std::string& table) const override {
    return "SELECT 1 FROM " + master_table(schema) + " WHERE type = 'table' AND name = " + quote_literal(table);
  }

  std::string map_type(const TypeSpec& t) const override {
    const std::string& n = t.name;
    if (n == "boolean") return "BOOLEAN";
    if (n == "datetime") return "DATETIME";
    if (n == "timestamptz") return "TIMESTAMP";
    if (n == "double") return "FLOAT";
    if (n == "uuid") return "CHAR(32)";
    return SqlDialect::map_type(t);
  }

  std::string render_boolean(bool b) const override { return b ? "1" : "0"; }

  // SQLite takes only literals, CURRENT_* and parenthesised expressions after DEFAULT.
  std::string default_expression(const std::string& sql) const override {
    std::string upper;
    for (char c : sql) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    bool bare = upper == "CURRENT_TIMESTAMP" || upper == "CURRENT_DATE" || upper == "CURRENT_TIME" ||
                upper == "NULL" || upper == "TRUE" || upper == "FALSE" ||
                (!sql.empty() && (sql.front() == '(' || sql.front() == '\''));
    return bare ? sql : "(" + sql + ")";
  }

  // SQLite autoincrements only a column declared exactly INTEGER PRIMARY KEY AUTOINCREMENT, so a single
  // autoincrement key is declared on its column rather than as a table constraint.
  std::string inline_primary_key(const Value& args, const std::vector<std::string>& pk) const override {
    if (pk.size() != 1) return "";
    Value col = find_column(args["columns"], pk[0]);
    return col.present() && col.get_bool("autoincrement", false) ? pk[0] : "";
  }

  std::string column_definition(const Value& col, bool inline_pk) const override {
    if (inline_pk) return quote_identifier(col["name"].str()) + " INTEGER PRIMARY KEY AUTOINCREMENT";
    return SqlDialect::column_definition(col, false);
  }
};

}  // namespace retort::sdk
