// Tests runtime/statement_kind.cc: which statements commit together with their progress record.
#include "runtime/statement_kind.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

TEST(StatementKind, DataChangesByTheirFirstKeyword) {
  for (const char* sql : {"INSERT INTO t VALUES (1)", "update t set a = 1", "DELETE FROM t", "REPLACE INTO t VALUES (1)",
                          "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", "SELECT pg_sleep(1)", "DO SLEEP(1)",
                          "  -- a note\n  INSERT INTO t VALUES (1)", "/* why */ (SELECT 1)", "MERGE INTO t USING s ON 1 = 1",
                          "SET lock_timeout = 1000", "CALL refresh()"})
    EXPECT_EQ(classify_statement(sql), StatementKind::kDataChange) << sql;
}

TEST(StatementKind, EverythingElseIsASchemaChange) {
  for (const char* sql : {"CREATE TABLE t (id INTEGER)", "ALTER TABLE t ADD c INTEGER", "DROP INDEX ix",
                          "CREATE INDEX CONCURRENTLY ix ON t (a)", "TRUNCATE t", "RENAME TABLE a TO b", "GRANT SELECT ON t TO u",
                          "", "   ", "-- only a comment", "/* unterminated", "INSERTED_NAME(1)", "PRAGMA foreign_keys = OFF"})
    EXPECT_EQ(classify_statement(sql), StatementKind::kSchemaChange) << sql;
}

}  // namespace
}  // namespace retort
