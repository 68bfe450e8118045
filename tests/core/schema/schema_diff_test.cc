// The diff engine: which operations take `current` to `target`, in which order, what it refuses and
// what it reports; documents written as schema files so each case reads as the user would write it.
#include "schema/schema_diff.h"
#include "schema/schema_file.h"

#include <gtest/gtest.h>

#include <sstream>

namespace retort {
namespace {

SchemaDocument doc(const std::string& tables) {
  auto d = parse_schema_text("format = 1\n" + tables, "test.toml");
  EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().to_string());
  if (!d.ok()) return {};
  resolve_declared_names(*d);
  return std::move(d).value();
}

// "op table detail" per change, in order.
std::vector<std::string> ops(const SchemaDiff& diff) {
  std::vector<std::string> out;
  for (const auto& c : diff.changes) {
    std::ostringstream line;
    line << c.op["op"].value_or(std::string()) << " " << c.op["table"].value_or(std::string());
    for (const char* key : {"name", "column", "new_name"})
      if (const auto* v = c.op.get(key); v && v->is_string()) line << " " << key << "=" << v->as_string()->get();
    out.push_back(line.str());
  }
  return out;
}

SchemaDiff diff(const std::string& target, const std::string& current, bool destructive = false) {
  SchemaDocument t = doc(target), c = doc(current);
  return diff_schemas(t, c, t, DiffOptions{destructive});
}

const char* const kAccount = R"toml(
[[table]]
name = "account"
columns = [ { name = "id", type = "integer", nullable = false }, { name = "email", type = "text", nullable = true } ]
primary_key = ["id"]
)toml";

TEST(SchemaDiffTest, TheSameSchemaHasNoDifference) {
  SchemaDiff d = diff(kAccount, kAccount);
  EXPECT_TRUE(d.empty()) << testing::PrintToString(d.lines());
}

TEST(SchemaDiffTest, NewTablesComeAfterTheTablesTheyReferenceAndCyclesAreSplit) {
  const std::string target = R"toml(
[[table]]
name = "a"
columns = [ { name = "id", type = "integer" }, { name = "b_id", type = "integer" } ]
foreign_keys = [ { name = "fk_a_b", columns = ["b_id"], ref_table = "b", ref_columns = ["id"] } ]
[[table]]
name = "b"
columns = [ { name = "id", type = "integer" }, { name = "a_id", type = "integer" } ]
foreign_keys = [ { name = "fk_b_a", columns = ["a_id"], ref_table = "a", ref_columns = ["id"] } ]
[[table]]
name = "c"
columns = [ { name = "id", type = "integer" }, { name = "a_id", type = "integer" } ]
foreign_keys = [ { name = "fk_c_a", columns = ["a_id"], ref_table = "a", ref_columns = ["id"] } ]
indexes = [ { name = "ix_c", columns = ["a_id"] } ]
)toml";
  SchemaDiff d = diff(target, "");
  EXPECT_EQ(ops(d), (std::vector<std::string>{"create_table a", "create_table b", "create_table c",
                                              "create_index c name=ix_c", "create_foreign_key a name=fk_a_b"}));
  // b references a, created before it: its key stays inline; a's key to b waits until b exists.
  EXPECT_TRUE(d.changes[1].op.get("foreign_keys"));
  EXPECT_FALSE(d.changes[0].op.get("foreign_keys"));
}

TEST(SchemaDiffTest, DropsAreWithheldUnlessAllowedAndThenUndoneByRecreation) {
  const std::string current = std::string(kAccount) + R"toml(
[[table]]
name = "legacy"
columns = [ { name = "id", type = "integer", nullable = true } ]
indexes = [ { name = "ix_legacy", columns = ["id"] } ]
)toml";
  SchemaDiff kept = diff(kAccount, current);
  EXPECT_TRUE(kept.changes.empty());
  EXPECT_EQ(kept.withheld, std::vector<std::string>{"drop table legacy"});
  SchemaDiff dropped = diff(kAccount, current, true);
  ASSERT_EQ(ops(dropped), std::vector<std::string>{"drop_table legacy"});
  ASSERT_EQ(dropped.changes[0].undo.size(), 2u);
  EXPECT_EQ(dropped.changes[0].undo[0]["op"].value_or(std::string()), "create_table");
  EXPECT_EQ(dropped.changes[0].undo[1]["name"].value_or(std::string()), "ix_legacy");
}

TEST(SchemaDiffTest, ColumnsAddedDroppedAndChanged) {
  const std::string target = R"toml(
[[table]]
name = "account"
columns = [
  { name = "id", type = "integer", nullable = false },
  { name = "email", type = "string(255)", nullable = false, server_default = { sql = "''" }, comment = "login" },
  { name = "age", type = "integer", nullable = true },
]
primary_key = ["id"]
)toml";
  const std::string current = R"toml(
[[table]]
name = "account"
columns = [
  { name = "id", type = "integer", nullable = false },
  { name = "email", type = "text", nullable = true },
  { name = "nick", type = "text", nullable = true },
]
primary_key = ["id"]
)toml";
  SchemaDiff d = diff(target, current, true);
  EXPECT_EQ(ops(d), (std::vector<std::string>{"drop_column account column=nick", "add_column account",
                                              "alter_column account column=email"}));
  const toml::table& alter = d.changes[2].op;
  EXPECT_EQ(alter["type"].value_or(std::string()), "string(255)");
  EXPECT_EQ(alter["nullable"].value_or(true), false);
  EXPECT_EQ(alter["server_default"]["sql"].value_or(std::string()), "''");
  EXPECT_EQ(alter["comment"].value_or(std::string()), "login");
  EXPECT_EQ(alter["existing"]["type"].value_or(std::string()), "text");
  EXPECT_EQ(alter["existing"]["nullable"].value_or(false), true);
  EXPECT_EQ(alter["existing"]["server_default"]["sql"].value_or(std::string("x")), "");
  ASSERT_EQ(d.changes[0].undo.size(), 1u);
  EXPECT_EQ(d.changes[0].undo[0]["op"].value_or(std::string()), "add_column");
}

TEST(SchemaDiffTest, ADroppedAndAnAddedColumnThatLookAlikeAreAnErrorNamingBoth) {
  SchemaDiff d = diff("[[table]]\nname = \"t\"\ncolumns = [ { name = \"full_name\", type = \"text\" } ]\n",
                      "[[table]]\nname = \"t\"\ncolumns = [ { name = \"name\", type = \"text\" } ]\n", true);
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_NE(d.problems[0].message().find("t.name would be dropped and t.full_name added"), std::string::npos)
      << d.problems[0].message();
  EXPECT_NE(d.problems[0].hint_text().find("renamed_from = \"name\""), std::string::npos);
}

TEST(SchemaDiffTest, RenamesComeOnlyFromRenamedFrom) {
  const std::string target = R"toml(
[[table]]
name = "person"
renamed_from = "account"
columns = [ { name = "id", type = "integer" }, { name = "full_name", type = "text", renamed_from = "name" } ]
)toml";
  SchemaDiff d = diff(target, "[[table]]\nname = \"account\"\ncolumns = [ { name = \"id\", type = \"integer\" }, "
                              "{ name = \"name\", type = \"text\" } ]\n");
  EXPECT_EQ(ops(d), (std::vector<std::string>{"rename_table account new_name=person",
                                              "alter_column person column=name new_name=full_name"}));
  EXPECT_TRUE(d.problems.empty());
}

TEST(SchemaDiffTest, ANotNullColumnWithoutADefaultIsRefusedWithTheFix) {
  SchemaDiff d = diff("[[table]]\nname = \"t\"\ncolumns = [ { name = \"id\", type = \"integer\" }, "
                      "{ name = \"code\", type = \"text\", nullable = false } ]\n",
                      "[[table]]\nname = \"t\"\ncolumns = [ { name = \"id\", type = \"integer\" } ]\n");
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_NE(d.problems[0].message().find("t.code is NOT NULL without a server_default"), std::string::npos);
  EXPECT_NE(d.problems[0].hint_text().find("give it a server_default"), std::string::npos);
  EXPECT_TRUE(d.changes.empty());
}

TEST(SchemaDiffTest, IndexesAndConstraintsByNameAndUnnamedOnesBySignature) {
  const std::string target = R"toml(
[[table]]
name = "t"
columns = [ { name = "a", type = "integer" }, { name = "b", type = "integer" } ]
unique = [ { columns = ["a"] } ]
checks = [ { name = "ck_t_a", sql = "a > 1" } ]
indexes = [ { name = "ix_t_b", columns = ["b"] }, { name = "ix_t_ab", columns = ["a", "b"], unique = true } ]
)toml";
  const std::string current = R"toml(
[[table]]
name = "t"
columns = [ { name = "a", type = "integer" }, { name = "b", type = "integer" } ]
unique = [ { name = "t_a_key", columns = ["a"] } ]
checks = [ { name = "ck_t_a", sql = "a > 0" } ]
indexes = [ { name = "ix_t_b", columns = ["b"], where = "b > 0" }, { name = "ix_old", columns = ["a"] } ]
)toml";
  SchemaDiff d = diff(target, current);
  // ix_old has no successor of its name: it goes after the new indexes exist.
  EXPECT_EQ(ops(d), (std::vector<std::string>{"drop_constraint t name=ck_t_a", "drop_index t name=ix_t_b",
                                              "create_check_constraint t name=ck_t_a", "create_index t name=ix_t_b",
                                              "create_index t name=ix_t_ab", "drop_index t name=ix_old"}));
}

TEST(SchemaDiffTest, SqlTextMatchesWhateverItsSpacingCaseAndOuterParentheses) {
  // As SQLite keeps it, written one way by the tree and another by the schema file.
  const std::string target = R"toml(
[[table]]
name = "t"
columns = [ { name = "s", type = "text", server_default = { sql = "CURRENT_TIMESTAMP" } } ]
checks = [ { name = "ck_t_s", sql = "s <> '' AND length(s) < 10" }, { sql = "s <> 'x'" } ]
indexes = [ { name = "ix_t_lower", columns = [{ sql = "lower(s)" }], where = "s IS NOT NULL" },
            { columns = [{ sql = "upper(s)" }] } ]
)toml";
  const std::string current = R"toml(
[[table]]
name = "t"
columns = [ { name = "s", type = "text", server_default = { sql = "current_timestamp" } } ]
checks = [ { name = "ck_t_s", sql = "(s<>'' and LENGTH(s)<10)" }, { sql = "s<>'x'" } ]
indexes = [ { name = "ix_t_lower", columns = [{ sql = "LOWER( s )" }], where = "s is not null" },
            { name = "t_upper_idx", columns = [{ sql = "UPPER(s)" }] } ]
)toml";
  SchemaDiff d = diff(target, current);
  EXPECT_TRUE(d.empty()) << testing::PrintToString(d.lines());
  // Quoted text is data: a different letter in it is a change.
  std::string other = current;
  other.replace(other.find("s<>'x'"), 6, "s<>'X'");
  EXPECT_FALSE(diff(target, other).empty());
}

TEST(SchemaDiffTest, ForeignKeysAreDroppedFirstAndCreatedLast) {
  const std::string target = R"toml(
[[table]]
name = "p"
columns = [ { name = "id", type = "integer" } ]
[[table]]
name = "c"
columns = [ { name = "id", type = "integer" }, { name = "p_id", type = "integer" }, { name = "x", type = "integer" } ]
foreign_keys = [ { name = "fk_new", columns = ["p_id"], ref_table = "p", ref_columns = ["id"], ondelete = "CASCADE" } ]
)toml";
  const std::string current = R"toml(
[[table]]
name = "p"
columns = [ { name = "id", type = "integer" } ]
[[table]]
name = "c"
columns = [ { name = "id", type = "integer" }, { name = "p_id", type = "integer" } ]
foreign_keys = [ { name = "fk_old", columns = ["p_id"], ref_table = "p", ref_columns = ["id"] } ]
)toml";
  SchemaDiff d = diff(target, current);
  EXPECT_EQ(ops(d), (std::vector<std::string>{"drop_constraint c name=fk_old", "add_column c",
                                              "create_foreign_key c name=fk_new"}));
}

TEST(SchemaDiffTest, WhereKeysHoldIndexesTheKeyAnIndexServesIsRebuiltAroundItsDrop) {
  const std::string table = R"toml(
[[table]]
name = "org"
columns = [ { name = "id", type = "integer" } ]
[[table]]
name = "account"
columns = [ { name = "id", type = "integer" }, { name = "org_id", type = "integer" }, { name = "email", type = "text" } ]
foreign_keys = [ { name = "fk_account_org", columns = ["org_id"], ref_table = "org", ref_columns = ["id"] } ]
)toml";
  const std::string current = table + "indexes = [ { name = \"ix_org_email\", columns = [\"org_id\", \"email\"] } ]\n";
  SchemaDocument t = doc(table), c = doc(current);
  // Elsewhere the index simply goes.
  EXPECT_EQ(ops(diff_schemas(t, c, t, DiffOptions{})), std::vector<std::string>({"drop_index account name=ix_org_email"}));
  DiffOptions mysql;
  mysql.foreign_keys_hold_indexes = true;
  SchemaDiff d = diff_schemas(t, c, t, mysql);
  EXPECT_EQ(ops(d), std::vector<std::string>({"drop_constraint account name=fk_account_org",
                                              "drop_index account name=ix_org_email",
                                              "create_foreign_key account name=fk_account_org"}));
  // Not when another index that stays serves the key too.
  const std::string both = table + "indexes = [ { name = \"ix_org_email\", columns = [\"org_id\", \"email\"] }, "
                                   "{ name = \"ix_org\", columns = [\"org_id\"] } ]\n";
  SchemaDocument t2 = doc(table + "indexes = [ { name = \"ix_org\", columns = [\"org_id\"] } ]\n"), c2 = doc(both);
  EXPECT_EQ(ops(diff_schemas(t2, c2, t2, mysql)), std::vector<std::string>({"drop_index account name=ix_org_email"}));
}

TEST(SchemaDiffTest, WhatNoOperationExpressesIsReportedNeverIgnored) {
  SchemaDiff d = diff("[[table]]\nname = \"t\"\ncolumns = [ { name = \"a\", type = \"integer\", autoincrement = true }, "
                      "{ name = \"b\", type = \"integer\" } ]\nprimary_key = [\"a\", \"b\"]\n",
                      "[[table]]\nname = \"t\"\ncolumns = [ { name = \"a\", type = \"integer\" }, "
                      "{ name = \"b\", type = \"integer\" } ]\nprimary_key = [\"a\"]\nunique = [ { columns = [\"b\"] } ]\n");
  ASSERT_EQ(d.inexpressible.size(), 3u) << testing::PrintToString(d.inexpressible);
  EXPECT_NE(d.inexpressible[0].find("autoincrement"), std::string::npos);
  EXPECT_NE(d.inexpressible[1].find("primary key of table t is (a, b)"), std::string::npos);
  EXPECT_NE(d.inexpressible[2].find("has no name in the database"), std::string::npos);
  EXPECT_FALSE(d.empty());
}

TEST(SchemaDiffTest, NamingPatternsNameWhatIsDeclaredWithoutANameAndQualifyCheckNames) {
  SchemaDocument d = doc(R"toml(
[naming]
index = "ix_{table}_{columns}"
unique = "uq_{table}_{columns}"
foreign_key = "fk_{table}_{columns}_{ref_table}"
check = "ck_{table}_{name}"

[[table]]
name = "post"
columns = [ { name = "id", type = "integer" }, { name = "a", type = "integer" }, { name = "score", type = "integer" } ]
unique = [ { columns = ["a", "score"] } ]
foreign_keys = [ { columns = ["a"], ref_table = "author", ref_columns = ["id"] } ]
checks = [ { name = "score", sql = "score > 0" }, { sql = "a > 0" } ]
indexes = [ { columns = [{ sql = "lower(a)" }, "score"] }, { name = "kept", columns = ["a"] } ]
)toml");
  const SchemaTable& t = d.tables[0];
  EXPECT_EQ(t.unique[0].name, "uq_post_a_score");
  EXPECT_EQ(t.foreign_keys[0].name, "fk_post_a_author");
  EXPECT_EQ(t.checks[0].name, "ck_post_score");
  EXPECT_EQ(t.checks[1].name, "ck_post_2");
  EXPECT_EQ(t.indexes[0].name, "ix_post_expr_score");
  EXPECT_EQ(t.indexes[1].name, "kept");
}

TEST(SchemaDiffTest, CreationOperationsBuildADeclaredSchemaFromNothing) {
  SchemaDocument d = doc(std::string(kAccount) + "indexes = [ { name = \"ix_email\", columns = [\"email\"] } ]\n");
  auto created = creation_operations(d);
  ASSERT_EQ(created.size(), 2u);
  EXPECT_EQ(created[0]["op"].value_or(std::string()), "create_table");
  EXPECT_EQ(created[1]["op"].value_or(std::string()), "create_index");
}

}  // namespace
}  // namespace retort
