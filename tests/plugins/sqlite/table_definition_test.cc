// Tests plugins/sqlite/table_definition.cc: taking CREATE TABLE apart and editing columns and
// constraints without losing what it does not understand.
#include "table_definition.hpp"

#include <retort/sdk/failure.hpp>

#include <gtest/gtest.h>

namespace retort::sqlite {
namespace {

const char* kAccount = R"(CREATE TABLE "account" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" VARCHAR(50) NOT NULL COLLATE NOCASE,
    "balance" NUMERIC(12,2) CONSTRAINT "nn_balance" NOT NULL DEFAULT -1,
    "parent" INTEGER REFERENCES "account" ("id") ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    "note" TEXT DEFAULT 'a, b (c)',
    "full" TEXT GENERATED ALWAYS AS (name || note) VIRTUAL,
    CONSTRAINT "uq_name" UNIQUE ("name"),
    CHECK (balance > -100)
) WITHOUT ROWID)";

TEST(TableDefinition, ParsesColumnsAndConstraints) {
  TableDefinition def = TableDefinition::parse(kAccount);
  EXPECT_EQ(def.column_names(), (std::vector<std::string>{"id", "name", "balance", "parent", "note", "full"}));
  std::string sql = def.create_sql("\"t2\"");
  EXPECT_NE(sql.find("CREATE TABLE \"t2\" ("), std::string::npos);
  EXPECT_NE(sql.find("\"name\" VARCHAR(50) NOT NULL COLLATE NOCASE"), std::string::npos) << sql;
  EXPECT_NE(sql.find("DEFAULT 'a, b (c)'"), std::string::npos) << sql;
  EXPECT_NE(sql.find("GENERATED ALWAYS AS (name || note) VIRTUAL"), std::string::npos) << "untouched text is kept: " << sql;
  EXPECT_NE(sql.find(") WITHOUT ROWID"), std::string::npos) << sql;
}

TEST(TableDefinition, ChangesColumnParts) {
  TableDefinition def = TableDefinition::parse(kAccount);
  TableItem* balance = def.column("BALANCE");
  ASSERT_TRUE(balance);
  def.set_type(*balance, "REAL");
  def.set_nullable(*balance, true);
  std::string zero = "0";
  def.set_default(*balance, &zero);
  TableItem* parent = def.column("parent");
  def.set_nullable(*parent, false);
  TableItem* note = def.column("note");
  def.set_default(*note, nullptr);
  std::string sql = def.create_sql("\"t\"");
  EXPECT_NE(sql.find("\"balance\" REAL DEFAULT 0"), std::string::npos) << sql;
  EXPECT_EQ(sql.find("nn_balance"), std::string::npos) << "the named NOT NULL went with nullability: " << sql;
  EXPECT_NE(sql.find("ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED NOT NULL"), std::string::npos) << sql;
  EXPECT_NE(sql.find("\"note\" TEXT,"), std::string::npos) << sql;
}

TEST(TableDefinition, AddsAndDropsConstraints) {
  TableDefinition def = TableDefinition::parse(kAccount);
  def.add_constraint("CONSTRAINT \"ck_x\" CHECK (id > 0)");
  EXPECT_TRUE(def.drop_constraint("UQ_NAME"));
  EXPECT_TRUE(def.drop_constraint("nn_balance"));
  EXPECT_FALSE(def.drop_constraint("nope"));
  std::string sql = def.create_sql("\"t\"");
  EXPECT_EQ(sql.find("uq_name"), std::string::npos) << sql;
  EXPECT_NE(sql.find("CONSTRAINT \"ck_x\" CHECK (id > 0)"), std::string::npos) << sql;
  EXPECT_NE(sql.find("\"balance\" NUMERIC(12,2) DEFAULT -1"), std::string::npos) << sql;
}

TEST(TableDefinition, RejectsWhatIsNotATable) {
  EXPECT_THROW(TableDefinition::parse("CREATE VIEW v AS SELECT 1"), retort::sdk::Failure);
  EXPECT_THROW(TableDefinition::parse("CREATE TABLE \"t (a"), retort::sdk::Failure);
}

TEST(Tokenize, KeepsQuotesAndGroupsWhole) {
  EXPECT_EQ(tokenize("a \"b c\" 'd''e' [f g] (h, (i)) -1"),
            (std::vector<std::string>{"a", "\"b c\"", "'d''e'", "[f g]", "(h, (i))", "-1"}));
  EXPECT_EQ(unquote("\"a\"\"b\""), "a\"b");
  EXPECT_EQ(unquote("[x y]"), "x y");
}

}  // namespace
}  // namespace retort::sqlite
