// The PostgreSQL dialect's inspector on the test server (tests/test_servers.sh), through libpqxx and through
// psqlODBC: schemas made with raw SQL and with retort's own operations, read back with Database::inspect
// and compared as the exact document text, which must also parse as TOML.
#include "config/url.h"
#include "live_database.h"
#include "ops/op_catalogue.h"

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <chrono>
#include <cstddef>
#include <iostream>
#include <list>
#include <memory>
#include <string>
#include <vector>

namespace retort {
namespace {

using testing::Backend;
using testing::LiveDatabase;

std::string current_test_name() { return ::testing::UnitTest::GetInstance()->current_test_info()->name(); }

// The document Database::inspect writes for `schema`; a failure, or text that is not TOML, fails the test.
std::string inspect(Database& db, const std::string& schema = "") {
  Result<std::string> doc = db.inspect(schema);
  if (!doc.ok()) {
    ADD_FAILURE() << doc.error().to_string();
    return "";
  }
  try {
    (void)toml::parse(*doc);
  } catch (const toml::parse_error& e) {
    ADD_FAILURE() << "not valid TOML: " << e.description() << " at line " << e.source().begin.line << "\n" << *doc;
  }
  return *doc;
}

size_t count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
  return n;
}

class PostgresqlInspectorTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    RETORT_REQUIRE_BACKEND(GetParam());
    db_ = std::make_unique<LiveDatabase>(GetParam(), current_test_name());
  }

  std::string inspect(const std::string& schema = "") { return retort::inspect(db_->connection(), schema); }
  void execute(const std::string& sql) { db_->execute(sql); }
  void execute(const std::vector<std::string>& statements) {
    for (const auto& s : statements) db_->execute(s);
  }

  // Runs one core operation, written as the body of an [[upgrade]] table, as the dialect renders it.
  void apply(const std::string& operation) {
    toml::table args = toml::parse(operation);
    const OpSpec* spec = OpCatalogue::core().find(args["op"].value_or(std::string()));
    ASSERT_NE(spec, nullptr) << operation;
    Result<std::vector<std::string>> statements = db_->connection().render_operation(*spec, args);
    ASSERT_TRUE(statements.ok()) << statements.error().to_string();
    execute(*statements);
  }

  std::unique_ptr<LiveDatabase> db_;
};

TEST_P(PostgresqlInspectorTest, AnEmptySchemaIsTheFormatLineAlone) {
  EXPECT_EQ(inspect(), "format = 1\n");
}

TEST_P(PostgresqlInspectorTest, EveryGenericTypeReadsBackByItsGenericName) {
  apply(R"toml(
op = "create_table"
table = "generic"
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "big", type = "bigint", nullable = false },
  { name = "small", type = "smallint" },
  { name = "flag", type = "boolean" },
  { name = "ratio", type = "float" },
  { name = "precise", type = "double" },
  { name = "price", type = "numeric(10,2)" },
  { name = "whole", type = "numeric(12)" },
  { name = "any_number", type = "numeric" },
  { name = "label", type = "string(50)" },
  { name = "body", type = "text" },
  { name = "born", type = "date" },
  { name = "alarm", type = "time" },
  { name = "seen", type = "datetime" },
  { name = "stamped", type = "timestamp" },
  { name = "zoned", type = "timestamptz" },
  { name = "blob", type = "binary" },
  { name = "doc", type = "json" },
  { name = "token", type = "uuid" },
]
)toml");
  // datetime and timestamp create the same column: it reads back as "timestamp"; numeric(12) is stored
  // as numeric(12,0).
  EXPECT_EQ(inspect(), R"toml(format = 1

[[table]]
name = "generic"
columns = [
  { name = "id", type = "integer", nullable = false },
  { name = "big", type = "bigint", nullable = false },
  { name = "small", type = "smallint", nullable = true },
  { name = "flag", type = "boolean", nullable = true },
  { name = "ratio", type = "float", nullable = true },
  { name = "precise", type = "double", nullable = true },
  { name = "price", type = "numeric(10,2)", nullable = true },
  { name = "whole", type = "numeric(12,0)", nullable = true },
  { name = "any_number", type = "numeric", nullable = true },
  { name = "label", type = "string(50)", nullable = true },
  { name = "body", type = "text", nullable = true },
  { name = "born", type = "date", nullable = true },
  { name = "alarm", type = "time", nullable = true },
  { name = "seen", type = "timestamp", nullable = true },
  { name = "stamped", type = "timestamp", nullable = true },
  { name = "zoned", type = "timestamptz", nullable = true },
  { name = "blob", type = "binary", nullable = true },
  { name = "doc", type = "json", nullable = true },
  { name = "token", type = "uuid", nullable = true },
]
primary_key = ["id"]
)toml");
}

TEST_P(PostgresqlInspectorTest, NativeTypesKeepTheServersSpelling) {
  execute("CREATE EXTENSION IF NOT EXISTS citext");
  execute("CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0)");
  execute("CREATE TYPE mood AS ENUM ('sad', 'happy')");
  execute(
      "CREATE TABLE native (doc jsonb, free varchar, tags integer[], names varchar(20)[], code char(3), "
      "precise_time time(3), precise_stamp timestamp(3), zoned_time timetz, span interval, email citext, "
      "amount positive_int, feeling mood, address inet, bits bit(8), float8_alias float8, int4_alias int4, "
      "decimal_alias decimal(6,3), varchar_alias character varying(7), bool_alias bool)");
  // The aliases are the same types as the generic ones create, so they read back as those.
  EXPECT_EQ(inspect(), R"toml(format = 1

[[table]]
name = "native"
columns = [
  { name = "doc", type = "jsonb", nullable = true },
  { name = "free", type = "character varying", nullable = true },
  { name = "tags", type = "integer[]", nullable = true },
  { name = "names", type = "character varying(20)[]", nullable = true },
  { name = "code", type = "character(3)", nullable = true },
  { name = "precise_time", type = "time(3) without time zone", nullable = true },
  { name = "precise_stamp", type = "timestamp(3) without time zone", nullable = true },
  { name = "zoned_time", type = "time with time zone", nullable = true },
  { name = "span", type = "interval", nullable = true },
  { name = "email", type = "citext", nullable = true },
  { name = "amount", type = "positive_int", nullable = true },
  { name = "feeling", type = "mood", nullable = true },
  { name = "address", type = "inet", nullable = true },
  { name = "bits", type = "bit(8)", nullable = true },
  { name = "float8_alias", type = "double", nullable = true },
  { name = "int4_alias", type = "integer", nullable = true },
  { name = "decimal_alias", type = "numeric(6,3)", nullable = true },
  { name = "varchar_alias", type = "string(7)", nullable = true },
  { name = "bool_alias", type = "boolean", nullable = true },
]
)toml");
}

TEST_P(PostgresqlInspectorTest, DefaultsAreTheServersExpressionsWithOneSpellingPerMeaning) {
  execute(
      "CREATE TABLE defaults (plain integer DEFAULT 42, negative integer DEFAULT -1, "
      "label varchar(10) NOT NULL DEFAULT 'x', quoted text DEFAULT 'it''s', price numeric(5,2) DEFAULT 1.50, "
      "flag boolean DEFAULT true, created timestamp DEFAULT now(), zoned timestamptz DEFAULT CURRENT_TIMESTAMP, "
      "today date DEFAULT CURRENT_DATE, fixed date DEFAULT '2020-01-01', doc jsonb DEFAULT '{}', "
      "computed integer DEFAULT 1 + 2, lowered text DEFAULT lower('X'), nothing text)");
  EXPECT_EQ(inspect(), R"toml(format = 1

[[table]]
name = "defaults"
columns = [
  { name = "plain", type = "integer", nullable = true, server_default = { sql = "42" } },
  { name = "negative", type = "integer", nullable = true, server_default = { sql = "-1" } },
  { name = "label", type = "string(10)", nullable = false, server_default = { sql = "'x'" } },
  { name = "quoted", type = "text", nullable = true, server_default = { sql = "'it''s'" } },
  { name = "price", type = "numeric(5,2)", nullable = true, server_default = { sql = "1.50" } },
  { name = "flag", type = "boolean", nullable = true, server_default = { sql = "true" } },
  { name = "created", type = "timestamp", nullable = true, server_default = { sql = "CURRENT_TIMESTAMP" } },
  { name = "zoned", type = "timestamptz", nullable = true, server_default = { sql = "CURRENT_TIMESTAMP" } },
  { name = "today", type = "date", nullable = true, server_default = { sql = "CURRENT_DATE" } },
  { name = "fixed", type = "date", nullable = true, server_default = { sql = "'2020-01-01'::date" } },
  { name = "doc", type = "jsonb", nullable = true, server_default = { sql = "'{}'::jsonb" } },
  { name = "computed", type = "integer", nullable = true, server_default = { sql = "(1 + 2)" } },
  { name = "lowered", type = "text", nullable = true, server_default = { sql = "lower('X'::text)" } },
  { name = "nothing", type = "text", nullable = true },
]
)toml");
}

TEST_P(PostgresqlInspectorTest, SerialAndIdentityColumnsAreAutoincrementWithoutTheirDefault) {
  execute("CREATE SEQUENCE shared_seq");
  execute(
      "CREATE TABLE counters (id serial PRIMARY KEY, big bigserial, small smallserial, "
      "always_id integer GENERATED ALWAYS AS IDENTITY, default_id bigint GENERATED BY DEFAULT AS IDENTITY, "
      "unowned integer DEFAULT nextval('shared_seq'), borrowed integer DEFAULT nextval('counters_id_seq'), "
      "amount numeric(10,0), plus integer)");
  // Owned by its column, but not an integer column: a default like any other.
  execute("CREATE SEQUENCE amount_seq OWNED BY counters.amount");
  execute("ALTER TABLE counters ALTER COLUMN amount SET DEFAULT nextval('amount_seq')");
  // Owned by its column, but the default is more than nextval().
  execute("CREATE SEQUENCE plus_seq OWNED BY counters.plus");
  execute("ALTER TABLE counters ALTER COLUMN plus SET DEFAULT nextval('plus_seq') + 1");
  EXPECT_EQ(inspect(), R"toml(format = 1

[[table]]
name = "counters"
columns = [
  { name = "id", type = "integer", nullable = false, autoincrement = true },
  { name = "big", type = "bigint", nullable = false, autoincrement = true },
  { name = "small", type = "smallint", nullable = false, autoincrement = true },
  { name = "always_id", type = "integer", nullable = false, autoincrement = true },
  { name = "default_id", type = "bigint", nullable = false, autoincrement = true },
  { name = "unowned", type = "integer", nullable = true, server_default = { sql = "nextval('shared_seq'::regclass)" } },
  { name = "borrowed", type = "integer", nullable = true, server_default = { sql = "nextval('counters_id_seq'::regclass)" } },
  { name = "amount", type = "numeric(10,0)", nullable = true, server_default = { sql = "nextval('amount_seq'::regclass)" } },
  { name = "plus", type = "integer", nullable = true, server_default = { sql = "(nextval('plus_seq'::regclass) + 1)" } },
]
primary_key = ["id"]
)toml");
}

TEST_P(PostgresqlInspectorTest, RetortsAutoincrementColumnsReadBackAsAutoincrement) {
  apply(R"toml(
op = "create_table"
table = "keyed"
columns = [
  { name = "id", type = "bigint", primary_key = true, autoincrement = true },
  { name = "rank", type = "smallint", autoincrement = true },
]
)toml");
  EXPECT_EQ(inspect(), R"toml(format = 1

[[table]]
name = "keyed"
columns = [
  { name = "id", type = "bigint", nullable = false, autoincrement = true },
  { name = "rank", type = "smallint", nullable = false, autoincrement = true },
]
primary_key = ["id"]
)toml");
}

TEST_P(PostgresqlInspectorTest, AGeneratedColumnReportsItsTypeButNoDefault) {
  execute(
      "CREATE TABLE shapes (w integer NOT NULL, h integer NOT NULL, "
      "area integer GENERATED ALWAYS AS (w * h) STORED)");
  execute("COMMENT ON COLUMN shapes.area IS 'w times h'");
  EXPECT_EQ(inspect(), R"toml(format = 1

[[table]]
name = "shapes"
columns = [
  { name = "w", type = "integer", nullable = false },
  { name = "h", type = "integer", nullable = false },
  { name = "area", type = "integer", nullable = true, comment = "w times h" },
]
)toml");
}

TEST_P(PostgresqlInspectorTest, TableAndColumnCommentsAreReportedWhenSetAndNotEmpty) {
  execute("CREATE TABLE notes (id integer, body text, quiet text)");
  execute("COMMENT ON TABLE notes IS 'one row per note'");
  execute("COMMENT ON COLUMN notes.body IS 'markdown, \"quoted\", back\\slash,\ttab and\ntwo lines'");
  execute("COMMENT ON COLUMN notes.quiet IS 'set'");
  execute("COMMENT ON COLUMN notes.quiet IS ''");  // removes it
  execute("CREATE TABLE silent (id integer)");
  EXPECT_EQ(inspect(), R"toml(format = 1

[[table]]
name = "notes"
comment = "one row per note"
columns = [
  { name = "id", type = "integer", nullable = true },
  { name = "body", type = "text", nullable = true, comment = "markdown, \"quoted\", back\\slash,\ttab and\ntwo lines" },
  { name = "quiet", type = "text", nullable = true },
]

[[table]]
name = "silent"
columns = [
  { name = "id", type = "integer", nullable = true },
]
)toml");
}

TEST_P(PostgresqlInspectorTest, KeysListTheirColumnsInKeyOrderAndActionsOnlyWhenNotNoAction) {
  execute(
      "CREATE TABLE parent (a integer, b integer, code text DEFAULT 'none', "
      "CONSTRAINT parent_pk PRIMARY KEY (b, a), CONSTRAINT parent_code_key UNIQUE (code), "
      "CONSTRAINT parent_pair UNIQUE (code, b))");
  execute(
      "CREATE TABLE child (id integer PRIMARY KEY, pa integer, pb integer, code text DEFAULT 'none', "
      "parent_id integer, "
      "CONSTRAINT child_parent FOREIGN KEY (pb, pa) REFERENCES parent (b, a) ON DELETE CASCADE ON UPDATE SET NULL, "
      "CONSTRAINT child_code FOREIGN KEY (code) REFERENCES parent (code) ON DELETE SET DEFAULT ON UPDATE RESTRICT, "
      "CONSTRAINT child_self FOREIGN KEY (parent_id) REFERENCES child (id), "
      "CONSTRAINT child_flipped FOREIGN KEY (pa, pb) REFERENCES parent (a, b) ON UPDATE CASCADE)");
  EXPECT_EQ(inspect(), R"toml(format = 1

[[table]]
name = "child"
columns = [
  { name = "id", type = "integer", nullable = false },
  { name = "pa", type = "integer", nullable = true },
  { name = "pb", type = "integer", nullable = true },
  { name = "code", type = "text", nullable = true, server_default = { sql = "'none'" } },
  { name = "parent_id", type = "integer", nullable = true },
]
primary_key = ["id"]
foreign_keys = [
  { name = "child_code", columns = ["code"], ref_table = "parent", ref_columns = ["code"], ondelete = "SET DEFAULT", onupdate = "RESTRICT" },
  { name = "child_flipped", columns = ["pa", "pb"], ref_table = "parent", ref_columns = ["a", "b"], onupdate = "CASCADE" },
  { name = "child_parent", columns = ["pb", "pa"], ref_table = "parent", ref_columns = ["b", "a"], ondelete = "CASCADE", onupdate = "SET NULL" },
  { name = "child_self", columns = ["parent_id"], ref_table = "child", ref_columns = ["id"] },
]

[[table]]
name = "parent"
columns = [
  { name = "a", type = "integer", nullable = false },
  { name = "b", type = "integer", nullable = false },
  { name = "code", type = "text", nullable = true, server_default = { sql = "'none'" } },
]
primary_key = ["b", "a"]
unique = [
  { name = "parent_code_key", columns = ["code"] },
  { name = "parent_pair", columns = ["code", "b"] },
]
)toml");
}

TEST_P(PostgresqlInspectorTest, RetortsCreateTableReadsBackAsDeclared) {
  apply(R"toml(
op = "create_table"
table = "org"
columns = [{ name = "id", type = "bigint", primary_key = true, autoincrement = true }]
)toml");
  apply(R"toml(
op = "create_table"
table = "account"
comment = "one row per customer"
columns = [
  { name = "id", type = "integer", primary_key = true, autoincrement = true },
  { name = "org_id", type = "bigint", nullable = false },
  { name = "email", type = "string(255)", nullable = false, comment = "login" },
  { name = "created_at", type = "timestamp", server_default = { sql = "CURRENT_TIMESTAMP" } },
  { name = "status", type = "string(10)", server_default = "new" },
  { name = "score", type = "integer", server_default = 0 },
  { name = "active", type = "boolean", server_default = true },
]
unique = [{ columns = ["org_id", "email"], name = "uq_account_org_email" }]
checks = [{ sql = "score >= 0", name = "ck_account_score" }]
foreign_keys = [
  { columns = ["org_id"], ref_table = "org", ref_columns = ["id"], name = "fk_account_org", ondelete = "CASCADE" },
]
)toml");
  apply(R"toml(
op = "create_index"
name = "ix_account_created"
table = "account"
columns = ["created_at", "status"]
where = "active"
)toml");
  apply(R"toml(
op = "create_index"
name = "ix_account_email"
table = "account"
columns = ["email"]
unique = true
)toml");
  EXPECT_EQ(inspect(), R"toml(format = 1

[[table]]
name = "account"
comment = "one row per customer"
columns = [
  { name = "id", type = "integer", nullable = false, autoincrement = true },
  { name = "org_id", type = "bigint", nullable = false },
  { name = "email", type = "string(255)", nullable = false, comment = "login" },
  { name = "created_at", type = "timestamp", nullable = true, server_default = { sql = "CURRENT_TIMESTAMP" } },
  { name = "status", type = "string(10)", nullable = true, server_default = { sql = "'new'" } },
  { name = "score", type = "integer", nullable = true, server_default = { sql = "0" } },
  { name = "active", type = "boolean", nullable = true, server_default = { sql = "true" } },
]
primary_key = ["id"]
unique = [
  { name = "uq_account_org_email", columns = ["org_id", "email"] },
]
foreign_keys = [
  { name = "fk_account_org", columns = ["org_id"], ref_table = "org", ref_columns = ["id"], ondelete = "CASCADE" },
]
checks = [
  { name = "ck_account_score", sql = "score >= 0" },
]
indexes = [
  { name = "ix_account_created", columns = ["created_at", "status"], where = "active" },
  { name = "ix_account_email", columns = ["email"], unique = true },
]

[[table]]
name = "org"
columns = [
  { name = "id", type = "bigint", nullable = false, autoincrement = true },
]
primary_key = ["id"]
)toml");
}

TEST_P(PostgresqlInspectorTest, ChecksAreTheirInnerExpressionAndNotNullIsNoCheck) {
  execute(
      "CREATE TABLE checked (a integer NOT NULL, b integer, c integer CHECK (c <> 0), note text, "
      "CONSTRAINT a_positive CHECK (a > 0), CONSTRAINT doubled CHECK (((b > 0))), "
      "CONSTRAINT both_parts CHECK ((a > 0) AND (b > 0)), CONSTRAINT tricky CHECK (note <> ') NOT VALID'), "
      "CONSTRAINT not_inherited CHECK (b < 100) NO INHERIT)");
  execute("ALTER TABLE checked ADD CONSTRAINT later CHECK (b <> 7) NOT VALID");
  execute("ALTER TABLE checked ADD CONSTRAINT later_no_inherit CHECK ((b <> 8)) NO INHERIT NOT VALID");
  EXPECT_EQ(inspect(), R"toml(format = 1

[[table]]
name = "checked"
columns = [
  { name = "a", type = "integer", nullable = false },
  { name = "b", type = "integer", nullable = true },
  { name = "c", type = "integer", nullable = true },
  { name = "note", type = "text", nullable = true },
]
checks = [
  { name = "a_positive", sql = "a > 0" },
  { name = "both_parts", sql = "a > 0 AND b > 0" },
  { name = "checked_c_check", sql = "c <> 0" },
  { name = "doubled", sql = "b > 0" },
  { name = "later", sql = "b <> 7" },
  { name = "later_no_inherit", sql = "b <> 8" },
  { name = "not_inherited", sql = "b < 100" },
  { name = "tricky", sql = "note <> ') NOT VALID'::text" },
]
)toml");
  // Each is what pg_get_constraintdef() writes inside its "CHECK (...)", before the words it appends.
  EXPECT_EQ(db_->query("SELECT conname, pg_get_constraintdef(oid, true) FROM pg_constraint "
                       "WHERE conrelid = 'checked'::regclass AND contype = 'c' ORDER BY conname"),
            "a_positive|CHECK (a > 0)\n"
            "both_parts|CHECK (a > 0 AND b > 0)\n"
            "checked_c_check|CHECK (c <> 0)\n"
            "doubled|CHECK (b > 0)\n"
            "later|CHECK (b <> 7) NOT VALID\n"
            "later_no_inherit|CHECK (b <> 8) NO INHERIT NOT VALID\n"
            "not_inherited|CHECK (b < 100) NO INHERIT\n"
            "tricky|CHECK (note <> ') NOT VALID'::text)");
}

TEST_P(PostgresqlInspectorTest, IndexesAreListedUnlessTheyBackAKeyOrExclusionConstraint) {
  execute(
      "CREATE TABLE people (id integer PRIMARY KEY, email text, first text, last text, age integer, active boolean, "
      "CONSTRAINT people_email_key UNIQUE (email), CONSTRAINT no_twins EXCLUDE USING btree (age WITH =))");
  execute("CREATE INDEX ix_people_last_first ON people (last, first)");
  execute("CREATE UNIQUE INDEX ix_people_lower_email ON people (lower(email))");
  execute("CREATE INDEX ix_people_active ON people (age) WHERE active");
  // Ordering and INCLUDE columns have no place in the document: the key elements are reported.
  execute("CREATE INDEX ix_people_mixed ON people (last, (age + 1), lower(first) DESC) INCLUDE (email)");
  execute("CREATE UNIQUE INDEX ix_people_adult_email ON people (email) WHERE age > 17 AND active");
  execute("CREATE INDEX ix_people_hash ON people USING hash (email)");
  EXPECT_EQ(inspect(), R"toml(format = 1

[[table]]
name = "people"
columns = [
  { name = "id", type = "integer", nullable = false },
  { name = "email", type = "text", nullable = true },
  { name = "first", type = "text", nullable = true },
  { name = "last", type = "text", nullable = true },
  { name = "age", type = "integer", nullable = true },
  { name = "active", type = "boolean", nullable = true },
]
primary_key = ["id"]
unique = [
  { name = "people_email_key", columns = ["email"] },
]
indexes = [
  { name = "ix_people_active", columns = ["age"], where = "active" },
  { name = "ix_people_adult_email", columns = ["email"], unique = true, where = "age > 17 AND active" },
  { name = "ix_people_hash", columns = ["email"] },
  { name = "ix_people_last_first", columns = ["last", "first"] },
  { name = "ix_people_lower_email", columns = [{ sql = "lower(email)" }], unique = true },
  { name = "ix_people_mixed", columns = ["last", { sql = "(age + 1)" }, { sql = "lower(first)" }] },
]
)toml");
}

TEST_P(PostgresqlInspectorTest, OddIdentifiersAreReportedVerbatim) {
  execute(R"sql(CREATE TABLE "Mixed Case" ("Id" serial PRIMARY KEY, "first name" text, "say ""hi""" text,
                "it's" integer, "größe" numeric(4,1), "表" text, "back\slash" text))sql");
  execute("COMMENT ON TABLE \"Mixed Case\" IS 'ünïcode ✓'");
  execute(R"sql(CREATE INDEX "Ix ""Quoted""" ON "Mixed Case" ("first name", lower("say ""hi""")))sql");
  execute("ALTER TABLE \"Mixed Case\" ADD CONSTRAINT \"Uq it's\" UNIQUE (\"it's\", \"größe\")");
  execute("ALTER TABLE \"Mixed Case\" ADD CONSTRAINT \"ck größe\" CHECK (\"größe\" > 0)");
  // Serial sequences named after odd tables: "it's_id_seq" and "back\slash_id_seq".
  execute(R"sql(CREATE TABLE "it's" (id serial PRIMARY KEY, ref integer REFERENCES "Mixed Case" ("Id")))sql");
  execute(R"sql(CREATE TABLE "back\slash" (id serial PRIMARY KEY))sql");
  const std::string doc = inspect();
  EXPECT_EQ(doc, R"toml(format = 1

[[table]]
name = "Mixed Case"
comment = "ünïcode ✓"
columns = [
  { name = "Id", type = "integer", nullable = false, autoincrement = true },
  { name = "first name", type = "text", nullable = true },
  { name = "say \"hi\"", type = "text", nullable = true },
  { name = "it's", type = "integer", nullable = true },
  { name = "größe", type = "numeric(4,1)", nullable = true },
  { name = "表", type = "text", nullable = true },
  { name = "back\\slash", type = "text", nullable = true },
]
primary_key = ["Id"]
unique = [
  { name = "Uq it's", columns = ["it's", "größe"] },
]
checks = [
  { name = "ck größe", sql = "\"größe\" > 0::numeric" },
]
indexes = [
  { name = "Ix \"Quoted\"", columns = ["first name", { sql = "lower(\"say \"\"hi\"\"\")" }] },
]

[[table]]
name = "back\\slash"
columns = [
  { name = "id", type = "integer", nullable = false, autoincrement = true },
]
primary_key = ["id"]

[[table]]
name = "it's"
columns = [
  { name = "id", type = "integer", nullable = false, autoincrement = true },
  { name = "ref", type = "integer", nullable = true },
]
primary_key = ["id"]
foreign_keys = [
  { name = "it's_ref_fkey", columns = ["ref"], ref_table = "Mixed Case", ref_columns = ["Id"] },
]
)toml");
  // Read back as TOML, the escapes give the names and the expression exactly as the server has them.
  toml::table parsed = toml::parse(doc);
  const toml::table* mixed = parsed["table"][0].as_table();
  ASSERT_NE(mixed, nullptr);
  EXPECT_EQ((*mixed)["columns"][2]["name"].value_or(std::string()), "say \"hi\"");
  EXPECT_EQ((*mixed)["columns"][6]["name"].value_or(std::string()), "back\\slash");
  EXPECT_EQ((*mixed)["indexes"][0]["columns"][1]["sql"].value_or(std::string()), R"(lower("say ""hi"""))");
  EXPECT_EQ((*mixed)["comment"].value_or(std::string()), "ünïcode ✓");
}

TEST_P(PostgresqlInspectorTest, ANamedSchemaIsInspectedAndForeignKeysAcrossSchemasNameTheirSchema) {
  execute("CREATE SCHEMA billing");
  execute("CREATE TABLE public.account (id integer PRIMARY KEY)");
  execute(
      "CREATE TABLE billing.invoice (id integer PRIMARY KEY, "
      "account_id integer REFERENCES public.account (id) ON DELETE RESTRICT, "
      "previous_id integer REFERENCES billing.invoice (id))");
  execute("CREATE TABLE public.payment (invoice_id integer REFERENCES billing.invoice (id) ON DELETE CASCADE)");
  const std::string billing = R"toml(format = 1

[[table]]
name = "invoice"
columns = [
  { name = "id", type = "integer", nullable = false },
  { name = "account_id", type = "integer", nullable = true },
  { name = "previous_id", type = "integer", nullable = true },
]
primary_key = ["id"]
foreign_keys = [
  { name = "invoice_account_id_fkey", columns = ["account_id"], ref_schema = "public", ref_table = "account", ref_columns = ["id"], ondelete = "RESTRICT" },
  { name = "invoice_previous_id_fkey", columns = ["previous_id"], ref_table = "invoice", ref_columns = ["id"] },
]
)toml";
  EXPECT_EQ(inspect("billing"), billing);
  EXPECT_EQ(inspect(), R"toml(format = 1

[[table]]
name = "account"
columns = [
  { name = "id", type = "integer", nullable = false },
]
primary_key = ["id"]

[[table]]
name = "payment"
columns = [
  { name = "invoice_id", type = "integer", nullable = true },
]
foreign_keys = [
  { name = "payment_invoice_id_fkey", columns = ["invoice_id"], ref_schema = "billing", ref_table = "invoice", ref_columns = ["id"], ondelete = "CASCADE" },
]
)toml");
  // "" is the connection's current schema, whatever search_path makes it.
  execute("SET search_path TO billing, public");
  EXPECT_EQ(inspect(), billing);
  EXPECT_EQ(inspect("no_such_schema"), "format = 1\n");
}

TEST_P(PostgresqlInspectorTest, ASchemaNameIsALiteralWhateverItHolds) {
  execute(R"sql(CREATE SCHEMA "it's \ odd")sql");
  execute(R"sql(CREATE TABLE "it's \ odd".inside (id integer))sql");
  execute("CREATE TABLE public.outside (id integer)");
  EXPECT_EQ(inspect(R"(it's \ odd)"), R"toml(format = 1

[[table]]
name = "inside"
columns = [
  { name = "id", type = "integer", nullable = true },
]
)toml");
}

TEST_P(PostgresqlInspectorTest, PartitionedTablesAreTablesButViewsSequencesAndOtherSchemasAreNot) {
  execute(
      "CREATE TABLE measurements (id integer NOT NULL, taken date NOT NULL, PRIMARY KEY (id, taken)) "
      "PARTITION BY RANGE (taken)");
  execute("CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
  execute("CREATE VIEW recent AS SELECT * FROM measurements");
  execute("CREATE MATERIALIZED VIEW snapshot AS SELECT 1 AS x");
  execute("CREATE SEQUENCE lonely");
  execute("CREATE TYPE pair AS (a integer, b integer)");
  execute("CREATE SCHEMA elsewhere");
  execute("CREATE TABLE elsewhere.hidden (id integer)");
  execute("CREATE TEMPORARY TABLE scratch (id integer)");
  EXPECT_EQ(inspect(), R"toml(format = 1

[[table]]
name = "measurements"
columns = [
  { name = "id", type = "integer", nullable = false },
  { name = "taken", type = "date", nullable = false },
]
primary_key = ["id", "taken"]

[[table]]
name = "measurements_2024"
columns = [
  { name = "id", type = "integer", nullable = false },
  { name = "taken", type = "date", nullable = false },
]
primary_key = ["id", "taken"]
)toml");
}

TEST_P(PostgresqlInspectorTest, TheVersionTableIsReportedLikeAnyOtherTable) {
  Result<std::vector<std::string>> create =
      db_->connection().render_statement(RETORT_STMT_VERSION_TABLE_CREATE, {"", "retort_version"});
  ASSERT_TRUE(create.ok()) << create.error().to_string();
  execute(*create);
  EXPECT_EQ(inspect(), R"toml(format = 1

[[table]]
name = "retort_version"
columns = [
  { name = "version_num", type = "string(32)", nullable = false },
]
primary_key = ["version_num"]
)toml");
}

// A measurement, not a limit: printed for the record, never compared with a bound.
TEST_P(PostgresqlInspectorTest, TwoHundredTablesAreReadWithOneQueryPerKindOfObject) {
  execute(
      "DO $$ BEGIN FOR i IN 1..200 LOOP "
      "EXECUTE format('CREATE TABLE t%s (id serial PRIMARY KEY, name varchar(50) NOT NULL, parent_id integer %s, "
      "score numeric(8,2) DEFAULT 0 CHECK (score >= 0), created timestamp DEFAULT now(), "
      "CONSTRAINT t%s_name_key UNIQUE (name))', i, "
      "CASE WHEN i > 1 THEN format('REFERENCES t%s (id) ON DELETE CASCADE', i - 1) ELSE '' END, i); "
      "EXECUTE format('CREATE INDEX ix_t%s_created ON t%s (created)', i, i); "
      "EXECUTE format('CREATE INDEX ix_t%s_lower_name ON t%s (lower(name)) WHERE score > 0', i, i); "
      "EXECUTE format('COMMENT ON TABLE t%s IS %L', i, 'table ' || i); "
      "END LOOP; END $$");
  std::string doc;
  double best = 1e9;
  for (int run = 0; run < 3; ++run) {
    auto start = std::chrono::steady_clock::now();
    doc = inspect();
    best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::cout << "[ measured ] " << GetParam().name << ": 200 tables (5 columns, 3 constraints, 1 foreign key, "
            << "2 indexes each) inspected in " << best << " ms (best of 3), " << doc.size() << " bytes\n";
  EXPECT_EQ(count(doc, "\n[[table]]\n"), 200U);
  EXPECT_NE(doc.find(R"toml(
[[table]]
name = "t2"
comment = "table 2"
columns = [
  { name = "id", type = "integer", nullable = false, autoincrement = true },
  { name = "name", type = "string(50)", nullable = false },
  { name = "parent_id", type = "integer", nullable = true },
  { name = "score", type = "numeric(8,2)", nullable = true, server_default = { sql = "0" } },
  { name = "created", type = "timestamp", nullable = true, server_default = { sql = "CURRENT_TIMESTAMP" } },
]
primary_key = ["id"]
unique = [
  { name = "t2_name_key", columns = ["name"] },
]
foreign_keys = [
  { name = "t2_parent_id_fkey", columns = ["parent_id"], ref_table = "t1", ref_columns = ["id"], ondelete = "CASCADE" },
]
checks = [
  { name = "t2_score_check", sql = "score >= 0::numeric" },
]
indexes = [
  { name = "ix_t2_created", columns = ["created"] },
  { name = "ix_t2_lower_name", columns = [{ sql = "lower(name::text)" }], where = "score > 0::numeric" },
]
)toml"),
            std::string::npos)
      << doc.substr(0, 3000);
}

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) { return testing::test_name(info.param); }

// Named so that `ctest -R inspector` picks these cases.
INSTANTIATE_TEST_SUITE_P(postgresql_inspector, PostgresqlInspectorTest, ::testing::ValuesIn(testing::backends_of("postgresql")),
                         backend_name);

// The plugin as a whole: its dialect table, and one database read through both transports. Parametrized
// by the native backend only, so that `ctest -R inspector` finds these cases by the instantiation's name.
class PostgresqlInspectorPluginTest : public ::testing::TestWithParam<Backend> {
 protected:
  // The same database as `db`, reached through psqlODBC with `options` (URL query text, or ""). The
  // configs outlive the connections, as they must.
  Result<Database> connect_over_odbc(const LiveDatabase& db, const std::string& options = "") {
    DatabaseConfig& config = configs_.emplace_back();
    config.name = "odbc";
    const std::string& url = db.url();
    config.url = parse_url("postgresql+odbc" + url.substr(url.find("://")) + options).value();
    return Database::connect(testing::build_plugins(), config);
  }

 private:
  std::list<DatabaseConfig> configs_;
};

TEST_P(PostgresqlInspectorPluginTest, TheDialectAnnouncesEverythingItsInspectorReads) {
  Result<const retort_dialect*> dialect = testing::build_plugins().dialect("postgresql");
  ASSERT_TRUE(dialect.ok()) << dialect.error().to_string();
  ASSERT_GE((*dialect)->struct_size, offsetof(retort_dialect, inspector) + sizeof(retort_inspector*));
  const retort_inspector* inspector = (*dialect)->inspector;
  ASSERT_NE(inspector, nullptr);
  EXPECT_EQ(inspector->struct_size, sizeof(retort_inspector));
  EXPECT_EQ(inspector->features, RETORT_INSPECT_COMMENTS | RETORT_INSPECT_CHECKS | RETORT_INSPECT_PARTIAL_INDEXES |
                                     RETORT_INSPECT_EXPRESSION_INDEXES | RETORT_INSPECT_AUTOINCREMENT |
                                     RETORT_INSPECT_FOREIGN_KEY_ACTIONS);
}

// A schema with a bit of everything, and text that a driver could mangle: unicode, quotes, backslashes.
const std::vector<std::string>& transport_schema() {
  static const std::vector<std::string> statements = {
      "CREATE SCHEMA other",
      "CREATE TABLE other.remote (id integer PRIMARY KEY, label text UNIQUE)",
      R"sql(CREATE TABLE "Mixed Case" ("Id" serial PRIMARY KEY, "größe" numeric(4,1) DEFAULT 1.5 CHECK ("größe" > 0),
            "say ""hi""" varchar(20) NOT NULL DEFAULT 'x', flag boolean DEFAULT false, doc jsonb DEFAULT '{}',
            seen timestamp DEFAULT CURRENT_TIMESTAMP, token uuid, blob bytea, tags text[],
            remote_id integer REFERENCES other.remote (id) ON DELETE SET NULL ON UPDATE CASCADE,
            ident bigint GENERATED BY DEFAULT AS IDENTITY, area integer GENERATED ALWAYS AS ("Id" * 2) STORED,
            UNIQUE (flag, "say ""hi"""), CONSTRAINT "ck it's" CHECK (flag OR "größe" < 10) NOT VALID))sql",
      "COMMENT ON TABLE \"Mixed Case\" IS 'ünïcode ✓ \"quoted\"\nsecond line'",
      R"sql(COMMENT ON COLUMN "Mixed Case"."größe" IS 'größe in cm, back\slash')sql",
      R"sql(CREATE INDEX "Ix größe" ON "Mixed Case" ("größe", lower("say ""hi""")) WHERE flag AND "größe" > 1)sql",
      "CREATE UNIQUE INDEX ix_mixed_doc ON \"Mixed Case\" ((doc ->> 'key'))",
      "CREATE TABLE plain (a integer, b text, PRIMARY KEY (b, a))",
  };
  return statements;
}

// Not two equally empty documents: the tables, the unicode, the checks and the foreign key came through.
void expect_everything_came_through(const std::string& doc, const std::string& other) {
  EXPECT_EQ(count(doc, "\n[[table]]\n"), 2U) << doc;
  EXPECT_EQ(count(other, "\n[[table]]\n"), 1U) << other;
  for (const char* part : {R"(comment = "ünïcode ✓ \"quoted\"\nsecond line")",
                           R"({ name = "ck it's", sql = "flag OR \"größe\" < 10::numeric" })",
                           R"(ref_schema = "other")",
                           R"({ name = "ident", type = "bigint", nullable = false, autoincrement = true })"})
    EXPECT_NE(doc.find(part), std::string::npos) << part << " in\n" << doc;
}

// The same database read through libpq and through psqlODBC: whatever the transport does to cells
// (booleans as 1/0, text through the driver's character conversion), the documents are byte-identical.
TEST_P(PostgresqlInspectorPluginTest, OdbcAndLibpqGiveByteIdenticalDocuments) {
  RETORT_REQUIRE_BACKEND(GetParam());
  LiveDatabase db(GetParam(), current_test_name());
  for (const auto& s : transport_schema()) db.execute(s);
  const std::string libpq = inspect(db.connection());
  const std::string libpq_other = inspect(db.connection(), "other");

  // psqlODBC's own settings change how a boolean cell reads ("1", "-1"); none changes the document.
  for (const std::string options : {"", "?BoolsAsChar=0", "?TrueIsMinus1=1&BoolsAsChar=0"}) {
    Result<Database> odbc = connect_over_odbc(db, options);
    ASSERT_TRUE(odbc.ok()) << odbc.error().to_string();
    EXPECT_EQ(inspect(*odbc), libpq) << options;
    EXPECT_EQ(inspect(*odbc, "other"), libpq_other) << options;
  }
  expect_everything_came_through(libpq, libpq_other);
}

INSTANTIATE_TEST_SUITE_P(postgresql_inspector, PostgresqlInspectorPluginTest,
                         ::testing::Values(testing::backends_of("postgresql").front()), backend_name);

}  // namespace
}  // namespace retort
