// MySQL and MariaDB SQL: backquoted names, AUTO_INCREMENT, inline comments, MODIFY for column changes,
// GET_LOCK, and per-kind DROP for constraints. DDL is not transactional. Reads a schema back through
// MysqlInspector.
#pragma once

#include "mysql_inspector.hpp"

#include <retort/sdk/sql_dialect.hpp>

namespace retort::mysql {

class MysqlDialect : public sdk::SqlDialect, public MysqlInspector {
 public:
  uint64_t capabilities() const override {
    return RETORT_CAP_ALTER_COLUMN | RETORT_CAP_ALTER_CONSTRAINTS | RETORT_CAP_FOREIGN_KEY_INDEX;
  }
  std::string quote_identifier(const std::string& name) const override;
  std::string quote_literal(const std::string& text) const override;
  void check_operation(const std::string& op, const sdk::Value& args) const override;
  std::vector<std::string> render_statement(retort_statement_kind kind,
                                            const std::vector<std::string>& args) const override;
  // GET_LOCK, named per database: 1 granted, 0 timed out, NULL failed.
  retort_lock_outcome lock(const sdk::Session& session, const std::string& schema, const std::string& name,
                           int timeout_seconds) const override;
  void unlock(const sdk::Session& session, const std::string& schema, const std::string& name) const override;

 protected:
  std::string table_exists_query(const std::string& schema, const std::string& table) const override;
  std::string schema_expression(const std::string& schema) const;
  std::string lock_name(const std::string& schema, const std::string& name) const;
  std::string map_type(const sdk::TypeSpec& t) const override;
  std::string render_boolean(bool b) const override { return b ? "1" : "0"; }
  std::string column_definition(const sdk::Value& col, bool inline_pk) const override;
  std::string table_options(const sdk::Value& args) const override;
  std::vector<std::string> alter_table_comment(const sdk::Value& args, const std::string& comment) const override;
  std::vector<std::string> rename_table(const sdk::Value& args) const override;
  std::vector<std::string> alter_column(const sdk::Value& args, const sdk::Session& session) const override;
  std::vector<std::string> drop_constraint(const sdk::Value& args, const sdk::Session& session) const override;
  std::string create_index(const sdk::Value& args) const override;
  std::string drop_index(const sdk::Value& args) const override;

 private:
  // A column's definition as CHANGE COLUMN restates it, each part as SQL ("" for none), the comment as text.
  struct ColumnSql {
    std::string type, nullable, default_clause, extra, comment;
  };
  ColumnSql live_column(const sdk::Value& args, const sdk::Session& session) const;
  ColumnSql offline_column(const sdk::Value& args) const;
  std::string change_column(const sdk::Value& args, const sdk::Session& session) const;
};

}  // namespace retort::mysql
