// SQLite's SQL: the SDK's SQLite-family rendering, plus the table rebuilds SQLite needs for what its
// ALTER TABLE cannot do (changing a column, adding or dropping a constraint).
#pragma once

#include "table_definition.hpp"

#include <retort/sdk/sqlite_sql_dialect.hpp>

#include <functional>

namespace retort::sqlite {

class SqliteDialect : public sdk::SqliteSqlDialect {
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
