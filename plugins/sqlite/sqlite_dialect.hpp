// SQLite's SQL: the SDK's SQLite-family rendering, plus the table rebuilds SQLite needs for what its
// ALTER TABLE cannot do (changing a column, adding or dropping a constraint), and reading a schema back.
#pragma once

#include "sqlite_inspector.hpp"
#include "table_definition.hpp"

#include <retort/sdk/sqlite_sql_dialect.hpp>

#include <functional>

namespace retort::sqlite {

class SqliteDialect : public sdk::SqliteSqlDialect, public sdk::Inspector {
 public:
  // SQLite keeps no comments.
  uint64_t inspect_features() const override {
    return RETORT_INSPECT_CHECKS | RETORT_INSPECT_PARTIAL_INDEXES | RETORT_INSPECT_EXPRESSION_INDEXES |
           RETORT_INSPECT_AUTOINCREMENT | RETORT_INSPECT_FOREIGN_KEY_ACTIONS;
  }
  std::vector<sdk::InspectedTable> inspect(const std::string& schema, const sdk::Session& session) const override {
    return inspect_schema(schema, session);
  }

 protected:
  std::vector<std::string> alter_column(const sdk::Value& args, const sdk::Session& session) const override;
  std::vector<std::string> add_constraint(const std::string& op, const sdk::Value& args,
                                          const sdk::Session& session) const override;
  std::vector<std::string> drop_constraint(const sdk::Value& args, const sdk::Session& session) const override;

 private:
  // Re-creates the table with `edit` applied to its definition, keeping its rows, indexes and
  // triggers, and fails if its foreign keys no longer hold.
  std::vector<std::string> rebuild(const sdk::Value& args, const sdk::Session& session,
                                   const std::function<void(TableDefinition&)>& edit) const;
};

}  // namespace retort::sqlite
