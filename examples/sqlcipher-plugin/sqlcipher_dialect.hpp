// The SQL of SQLCipher databases: SQLite's, at the SQLite version SQLCipher is built on. Everything the
// standard rendering of the SDK's SqlDialect gets right is inherited; this class overrides where SQLite
// differs, and refuses before anything runs what SQLite's ALTER TABLE cannot do.
#pragma once

#include <retort/sdk/sql_dialect.hpp>

namespace sqlcipher {

class SqlcipherDialect : public retort::sdk::SqlDialect {
 public:
  uint64_t capabilities() const override { return RETORT_CAP_TRANSACTIONAL_DDL | RETORT_CAP_PARTIAL_INDEX; }
  void check_operation(const std::string& op, const retort::sdk::Value& args) const override;
  std::vector<std::string> render_statement(retort_statement_kind kind,
                                            const std::vector<std::string>& args) const override;

 protected:
  std::string table_exists_query(const std::string& schema, const std::string& table) const override;
  std::string map_type(const retort::sdk::TypeSpec& t) const override;
  std::string render_boolean(bool b) const override { return b ? "1" : "0"; }
  std::string default_expression(const std::string& sql) const override;
  std::string inline_primary_key(const retort::sdk::Value& args, const std::vector<std::string>& pk) const override;
  std::string column_definition(const retort::sdk::Value& col, bool inline_pk) const override;
};

}  // namespace sqlcipher
