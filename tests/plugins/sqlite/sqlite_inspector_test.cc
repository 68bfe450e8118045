// The SQLite inspector (ABI 1.2) on real SQLite files, natively and through the SQLite ODBC driver: every
// kind of object it reports, in the exact text of an inspected document (docs/schema-files.md).
#include "live_database.h"
#include "schema/schema_file.h"
#include "sqlite_inspector.hpp"
#include "sqlite_spelling.hpp"

#include <gtest/gtest.h>

namespace retort {
namespace {

using testing::Backend;
using testing::LiveDatabase;

class SqliteInspectorTest : public ::testing::TestWithParam<Backend> {
 protected:
  // The document for the schema that `sql` creates, checked to read back as a schema file.
  std::string inspect(const std::string& sql) {
    LiveDatabase db(GetParam(), "inspect");
    if (!sql.empty()) db.execute(sql);
    auto text = db.connection().inspect("");
    EXPECT_TRUE(text.ok()) << (text.ok() ? "" : text.error().to_string());
    if (!text.ok()) return "";
    auto doc = parse_schema_text(*text, "inspected");
    EXPECT_TRUE(doc.ok()) << (doc.ok() ? "" : doc.error().to_string()) << "\n" << *text;
    return *text;
  }
};

TEST_P(SqliteInspectorTest, AnEmptyDatabaseIsAnEmptyDocument) {
  RETORT_REQUIRE_BACKEND(GetParam());
  EXPECT_EQ(inspect(""), "format = 1\n");
}

TEST_P(SqliteInspectorTest, ColumnsKeepTheirOrderTypesNullabilityAndDefaults) {
  RETORT_REQUIRE_BACKEND(GetParam());
  EXPECT_EQ(inspect("CREATE TABLE t ("
                    " a INTEGER NOT NULL, b BIGINT, c SMALLINT, d BOOLEAN DEFAULT 0, e FLOAT, f NUMERIC(10, 2),"
                    " g VARCHAR(50) DEFAULT 'it''s', h TEXT, i DATE, j TIME, k DATETIME, l TIMESTAMP"
                    " DEFAULT CURRENT_TIMESTAMP, m BLOB, n JSON, o CHAR(32), p jsonb, q varchar, r DEFAULT (1 + 2))"),
            "format = 1\n\n[[table]]\nname = \"t\"\ncolumns = [\n"
            "  { name = \"a\", type = \"integer\", nullable = false },\n"
            "  { name = \"b\", type = \"bigint\", nullable = true },\n"
            "  { name = \"c\", type = \"smallint\", nullable = true },\n"
            "  { name = \"d\", type = \"boolean\", nullable = true, server_default = { sql = \"0\" } },\n"
            "  { name = \"e\", type = \"float\", nullable = true },\n"
            "  { name = \"f\", type = \"numeric(10,2)\", nullable = true },\n"
            "  { name = \"g\", type = \"string(50)\", nullable = true, server_default = { sql = \"'it''s'\" } },\n"
            "  { name = \"h\", type = \"text\", nullable = true },\n"
            "  { name = \"i\", type = \"date\", nullable = true },\n"
            "  { name = \"j\", type = \"time\", nullable = true },\n"
            "  { name = \"k\", type = \"datetime\", nullable = true },\n"
            "  { name = \"l\", type = \"timestamp\", nullable = true, server_default = { sql = \"CURRENT_TIMESTAMP\" } },\n"
            "  { name = \"m\", type = \"binary\", nullable = true },\n"
            "  { name = \"n\", type = \"json\", nullable = true },\n"
            "  { name = \"o\", type = \"uuid\", nullable = true },\n"
            "  { name = \"p\", type = \"jsonb\", nullable = true },\n"
            "  { name = \"q\", type = \"varchar\", nullable = true },\n"
            "  { name = \"r\", type = \"\", nullable = true, server_default = { sql = \"1 + 2\" } },\n"
            "]\n");
}

TEST_P(SqliteInspectorTest, KeysConstraintsAndTheirNames) {
  RETORT_REQUIRE_BACKEND(GetParam());
  EXPECT_EQ(inspect("CREATE TABLE org (id INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT UNIQUE,"
                    " CONSTRAINT ck_code CHECK (length(code) > 1), CHECK (code <> 'x'));"
                    "CREATE TABLE member (org_id INTEGER NOT NULL CONSTRAINT fk_org REFERENCES org (id) ON DELETE CASCADE,"
                    " n INTEGER NOT NULL, owner INTEGER REFERENCES org ON UPDATE SET NULL,"
                    " PRIMARY KEY (n, org_id), CONSTRAINT uq_owner UNIQUE (owner, n))"),
            "format = 1\n\n"
            "[[table]]\nname = \"member\"\ncolumns = [\n"
            "  { name = \"org_id\", type = \"integer\", nullable = false },\n"
            "  { name = \"n\", type = \"integer\", nullable = false },\n"
            "  { name = \"owner\", type = \"integer\", nullable = true },\n"
            "]\n"
            "primary_key = [\"n\", \"org_id\"]\n"
            "unique = [\n  { name = \"uq_owner\", columns = [\"owner\", \"n\"] },\n]\n"
            "foreign_keys = [\n"
            "  { columns = [\"owner\"], ref_table = \"org\", ref_columns = [\"id\"], onupdate = \"SET NULL\" },\n"
            "  { name = \"fk_org\", columns = [\"org_id\"], ref_table = \"org\", ref_columns = [\"id\"], ondelete = \"CASCADE\" },\n"
            "]\n\n"
            "[[table]]\nname = \"org\"\ncolumns = [\n"
            "  { name = \"id\", type = \"integer\", nullable = false, autoincrement = true },\n"
            "  { name = \"code\", type = \"text\", nullable = true },\n"
            "]\n"
            "primary_key = [\"id\"]\n"
            "unique = [\n  { columns = [\"code\"] },\n]\n"
            "checks = [\n  { sql = \"code <> 'x'\" },\n  { name = \"ck_code\", sql = \"length(code) > 1\" },\n]\n");
}

TEST_P(SqliteInspectorTest, TheRowidKeyIsNotNullAndIntKeysStayInt) {
  RETORT_REQUIRE_BACKEND(GetParam());
  EXPECT_EQ(inspect("CREATE TABLE a (id INTEGER PRIMARY KEY, n int DEFAULT '0');"
                    "CREATE TABLE b (id INT PRIMARY KEY, s character varying(20) DEFAULT 0);"
                    "CREATE TABLE c (id INTEGER PRIMARY KEY, x TEXT) WITHOUT ROWID"),
            "format = 1\n\n"
            "[[table]]\nname = \"a\"\ncolumns = [\n"
            "  { name = \"id\", type = \"integer\", nullable = false },\n"
            "  { name = \"n\", type = \"integer\", nullable = true, server_default = { sql = \"0\" } },\n"
            "]\nprimary_key = [\"id\"]\n\n"
            "[[table]]\nname = \"b\"\ncolumns = [\n"
            "  { name = \"id\", type = \"INT\", nullable = true },\n"
            "  { name = \"s\", type = \"string(20)\", nullable = true, server_default = { sql = \"'0'\" } },\n"
            "]\nprimary_key = [\"id\"]\n\n"
            "[[table]]\nname = \"c\"\ncolumns = [\n"
            "  { name = \"id\", type = \"integer\", nullable = false },\n"
            "  { name = \"x\", type = \"text\", nullable = true },\n"
            "]\nprimary_key = [\"id\"]\n");
}

TEST_P(SqliteInspectorTest, IndexesPlainUniquePartialAndOnExpressions) {
  RETORT_REQUIRE_BACKEND(GetParam());
  EXPECT_EQ(inspect("CREATE TABLE t (a TEXT, b INTEGER, c TEXT UNIQUE);"
                    "CREATE INDEX ix_ab ON t (a, b);"
                    "CREATE UNIQUE INDEX ux_b ON t (b) WHERE b > 0;"
                    "CREATE INDEX ix_expr ON t (lower(a), b DESC) WHERE a IS NOT NULL AND (b <> 3)"),
            "format = 1\n\n[[table]]\nname = \"t\"\ncolumns = [\n"
            "  { name = \"a\", type = \"text\", nullable = true },\n"
            "  { name = \"b\", type = \"integer\", nullable = true },\n"
            "  { name = \"c\", type = \"text\", nullable = true },\n"
            "]\n"
            "unique = [\n  { columns = [\"c\"] },\n]\n"
            "indexes = [\n"
            "  { name = \"ix_ab\", columns = [\"a\", \"b\"] },\n"
            "  { name = \"ix_expr\", columns = [{ sql = \"lower(a)\" }, \"b\"], where = \"a IS NOT NULL AND (b <> 3)\" },\n"
            "  { name = \"ux_b\", columns = [\"b\"], unique = true, where = \"b > 0\" },\n"
            "]\n");
}

TEST_P(SqliteInspectorTest, OddNamesAreKeptExactly) {
  RETORT_REQUIRE_BACKEND(GetParam());
  EXPECT_EQ(inspect("CREATE TABLE \"we\"\"ird tablé\" (\"Mixed Case\" TEXT, [br] INTEGER, `bq` TEXT,"
                    " CONSTRAINT \"ck \"\"q\"\"\" CHECK (\"Mixed Case\" <> ''));"
                    "CREATE INDEX \"ix \"\"1\"\"\" ON \"we\"\"ird tablé\" (\"Mixed Case\")"),
            "format = 1\n\n[[table]]\nname = \"we\\\"ird tablé\"\ncolumns = [\n"
            "  { name = \"Mixed Case\", type = \"text\", nullable = true },\n"
            "  { name = \"br\", type = \"integer\", nullable = true },\n"
            "  { name = \"bq\", type = \"text\", nullable = true },\n"
            "]\n"
            "checks = [\n  { name = \"ck \\\"q\\\"\", sql = \"\\\"Mixed Case\\\" <> ''\" },\n]\n"
            "indexes = [\n  { name = \"ix \\\"1\\\"\", columns = [\"Mixed Case\"] },\n]\n");
}

TEST_P(SqliteInspectorTest, ViewsAndSqlitesOwnTablesAreNotTables) {
  RETORT_REQUIRE_BACKEND(GetParam());
  // sqlite_sequence exists once a table has AUTOINCREMENT.
  std::string doc = inspect("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT); CREATE VIEW v AS SELECT id FROM t;"
                            "INSERT INTO t DEFAULT VALUES");
  EXPECT_EQ(doc.find("sqlite_sequence"), std::string::npos) << doc;
  EXPECT_EQ(doc.find("name = \"v\""), std::string::npos) << doc;
  EXPECT_NE(doc.find("name = \"t\""), std::string::npos) << doc;
}

INSTANTIATE_TEST_SUITE_P(Backends, SqliteInspectorTest, ::testing::ValuesIn(testing::backends_of("sqlite")),
                         [](const auto& info) { return testing::test_name(info.param); });

TEST(SqliteGenericTypeTest, WhatTheDialectWritesAndStandardNamesForItMapBack) {
  EXPECT_EQ(sqlite::generic_type("VARCHAR(50)"), "string(50)");
  EXPECT_EQ(sqlite::generic_type("varchar ( 50 )"), "string(50)");
  EXPECT_EQ(sqlite::generic_type("NUMERIC(10, 2)"), "numeric(10,2)");
  EXPECT_EQ(sqlite::generic_type("integer"), "integer");
  // The standard names SQLite gives the same meaning.
  EXPECT_EQ(sqlite::generic_type("INT"), "integer");
  EXPECT_EQ(sqlite::generic_type("character varying(20)"), "string(20)");
  EXPECT_EQ(sqlite::generic_type("CHAR VARYING(20)"), "string(20)");
  EXPECT_EQ(sqlite::generic_type("decimal(10, 2)"), "numeric(10,2)");
  EXPECT_EQ(sqlite::generic_type("bool"), "boolean");
  EXPECT_EQ(sqlite::generic_type("double precision"), "float");
  EXPECT_EQ(sqlite::generic_type("REAL"), "float");
  // Anything else as written.
  EXPECT_EQ(sqlite::generic_type("CHAR(36)"), "CHAR(36)");
  EXPECT_EQ(sqlite::generic_type("VARCHAR"), "VARCHAR");
  EXPECT_EQ(sqlite::generic_type("UNSIGNED BIG INT"), "UNSIGNED BIG INT");
  EXPECT_EQ(sqlite::generic_type("int4"), "int4");
}

TEST(SqliteReportedDefaultTest, TheValueAColumnGetsInOneSpelling) {
  EXPECT_EQ(sqlite::reported_default("NULL", "TEXT"), std::nullopt);
  EXPECT_EQ(sqlite::reported_default("null", "INTEGER"), std::nullopt);
  EXPECT_EQ(sqlite::reported_default("TRUE", "BOOLEAN"), "1");
  EXPECT_EQ(sqlite::reported_default("false", "BOOLEAN"), "0");
  EXPECT_EQ(sqlite::reported_default("current_timestamp", "TIMESTAMP"), "CURRENT_TIMESTAMP");
  // Numeric affinity stores a well-formed number in quotes as the number.
  EXPECT_EQ(sqlite::reported_default("'0'", "INTEGER"), "0");
  EXPECT_EQ(sqlite::reported_default("'-1'", "BIGINT"), "-1");
  EXPECT_EQ(sqlite::reported_default("'0.5'", "FLOAT"), "0.5");
  EXPECT_EQ(sqlite::reported_default("'1e3'", "NUMERIC(10,2)"), "1e3");
  EXPECT_EQ(sqlite::reported_default("+1", "INTEGER"), "1");
  EXPECT_EQ(sqlite::reported_default("'x'", "INTEGER"), "'x'");
  EXPECT_EQ(sqlite::reported_default("'1 2'", "INTEGER"), "'1 2'");
  // TEXT affinity stores an integer as its text.
  EXPECT_EQ(sqlite::reported_default("0", "VARCHAR(10)"), "'0'");
  EXPECT_EQ(sqlite::reported_default("-12", "TEXT"), "'-12'");
  EXPECT_EQ(sqlite::reported_default("0.50", "TEXT"), "0.50");  // stored as '0.5'
  EXPECT_EQ(sqlite::reported_default("007", "TEXT"), "007");    // stored as '7'
  // No affinity (BLOB, or no type) converts nothing.
  EXPECT_EQ(sqlite::reported_default("'0'", "BLOB"), "'0'");
  EXPECT_EQ(sqlite::reported_default("0", ""), "0");
  EXPECT_EQ(sqlite::reported_default("1 + 2", "INTEGER"), "1 + 2");
}

}  // namespace
}  // namespace retort
