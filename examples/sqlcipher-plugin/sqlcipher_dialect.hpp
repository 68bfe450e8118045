// The SQL of SQLCipher databases: SQLite's, at the SQLite version SQLCipher is built on. The SDK's
// SqliteSqlDialect renders everything SQLite's way; this class adds the one thing a dialect must decide
// for itself: what it does about the changes SQLite's ALTER TABLE cannot make. It refuses them, before
// anything runs.
#pragma once

#include <retort/sdk/sqlite_sql_dialect.hpp>

namespace sqlcipher {

class SqlcipherDialect : public retort::sdk::SqliteSqlDialect {
 public:
  void check_operation(const std::string& op, const retort::sdk::Value& args) const override;
};

}  // namespace sqlcipher
