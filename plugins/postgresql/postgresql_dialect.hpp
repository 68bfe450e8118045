// PostgreSQL's SQL: SERIAL keys, COMMENT ON, advisory locks, information_schema in the current schema; and
// reading a schema back through its catalogs (PostgresqlInspector).
#pragma once

#include "postgresql_inspector.hpp"

#include <retort/sdk/sql_dialect.hpp>

namespace retort::postgresql {

class PostgresqlDialect : public sdk::SqlDialect, public PostgresqlInspector {
 public:
  uint64_t capabilities() const override {
    return RETORT_CAP_TRANSACTIONAL_DDL | RETORT_CAP_ALTER_COLUMN | RETORT_CAP_ALTER_CONSTRAINTS |
           RETORT_CAP_PARTIAL_INDEX | RETORT_CAP_SCHEMAS;
  }
  std::vector<std::string> render_statement(retort_statement_kind kind,
                                            const std::vector<std::string>& args) const override;
  // Advisory locks: pg_try_advisory_lock until granted or the timeout has passed.
  retort_lock_outcome lock(const sdk::Session& session, const std::string& schema, const std::string& name,
                           int timeout_seconds) const override;
  void unlock(const sdk::Session& session, const std::string& schema, const std::string& name) const override;

 protected:
  std::string table_exists_query(const std::string& schema, const std::string& table) const override;
  std::string map_type(const sdk::TypeSpec& t) const override;
  std::string column_definition(const sdk::Value& col, bool inline_pk) const override;
  std::vector<std::string> column_comment(const sdk::Value& args, const std::string& column,
                                          const std::string& comment) const override;
  std::vector<std::string> table_comment(const sdk::Value& args, const std::string& comment) const override;
  std::string create_index(const sdk::Value& args) const override;

 private:
  std::string comment_text(const std::string& comment) const;
  // RETORT_STMT_LOCK_HOLDER: who holds the advisory lock `name`.
  std::string lock_holder_query(const std::string& name) const;
};

}  // namespace retort::postgresql
