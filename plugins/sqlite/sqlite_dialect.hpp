// SQLite's SQL: type affinities, rowid autoincrement, sqlite_master introspection.
#pragma once

#include "table_definition.hpp"

#include <retort/sdk/sql_dialect.hpp>

#include <functional>

namespace retort::sqlite {

class SqliteDialect : public sdk::SqlDialect {
 public:
  uint64_t capabilities() const override { return RETORT_CAP_TRANSACTIONAL_DDL | RETORT_CAP_PARTIAL_INDEX; }

  std::vector<std::string> render_statement(retort_statement_kind kind,
                                            const std::vector<std::string>& args) const override;

 protected:
  std::string table_exists_query(const std::string& schema, const std::string& table) const override;
  std::string map_type(const sdk::TypeSpec& t) const override;
  std::string render_boolean(bool b) const override { return b ? "1" : "0"; }
  std::string default_expression(const std::string& sql) const override;
  std::vector<std::string> alter_column(const sdk::Value& args, const sdk::Session& session) const override;
  std::vector<std::string> add_constraint(const std::string& op, const sdk::Value& args,
                                          const sdk::Session& session) const override;
  std::vector<std::string> drop_constraint(const sdk::Value& args, const sdk::Session& session) const override;
  std::string inline_primary_key(const sdk::Value& args, const std::vector<std::string>& pk) const override;
  std::string column_definition(const sdk::Value& col, bool inline_pk) const override;

 private:
  // Re-creates the table with `edit` applied to its definition, keeping its rows, indexes and
  // triggers, and fails if its foreign keys no longer hold.
  std::vector<std::string> rebuild(const sdk::Value& args, const sdk::Session& session,
                                   const std::function<void(TableDefinition&)>& edit) const;
};

}  // namespace retort::sqlite
