// Schema files (docs/schema-files.md): what a declared schema reads as, and that every problem is reported
// at once, each at its path:line.
#include "schema/schema_file.h"
#include "schema/schema_writer.h"
#include "text_checks.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

SchemaDocument parse_ok(const std::string& text) {
  auto doc = parse_schema_text(text, "schema/app.toml");
  EXPECT_TRUE(doc.ok()) << (doc.ok() ? "" : doc.error().to_string());
  return doc.ok() ? std::move(doc).value() : SchemaDocument{};
}

std::string problems(const std::string& text) {
  auto doc = parse_schema_text(text, "schema/app.toml");
  EXPECT_FALSE(doc.ok());
  return doc.ok() ? "" : doc.error().to_string();
}

using testing::contains;

const char* const kFull = R"toml(format = 1
branch = "core"

[naming]
index = "ix_{table}_{columns}"
check = "ck_{table}_{name}"

[[table]]
name = "account"
comment = "customers"
renamed_from = "customer"
columns = [
  { name = "id", type = "integer", primary_key = true, autoincrement = true },
  { name = "email", type = "string(255)", nullable = false, server_default = "" },
  { name = "profile", type = { postgresql = "jsonb", default = "text" } },
  { name = "display_name", type = "string(80)", renamed_from = "name" },
  { name = "created_at", type = "timestamp", server_default = { sql = "CURRENT_TIMESTAMP" } },
  { name = "org_id", type = "integer" },
]
unique = [ { columns = ["email"] } ]
foreign_keys = [ { columns = ["org_id"], ref_table = "org", ref_columns = ["id"], ondelete = "CASCADE" } ]
checks = [ { name = "email", sql = "email <> ''" } ]
indexes = [
  { name = "ix_account_email", columns = ["email"], unique = true, where = "email <> ''" },
  { columns = [{ sql = "lower(email)" }, "org_id"] },
]
databases = ["app"]
dialects = ["postgresql"]

[[table]]
name = "spatial_ref_sys"
managed = false

[ignore]
tables = ["tmp_*"]
)toml";

TEST(SchemaFileTest, ReadsEveryPartOfADeclaredSchema) {
  SchemaDocument doc = parse_ok(kFull);
  EXPECT_EQ(doc.branch, "core");
  EXPECT_EQ(doc.naming.index, "ix_{table}_{columns}");
  EXPECT_EQ(doc.naming.check, "ck_{table}_{name}");
  ASSERT_EQ(doc.tables.size(), 2u);
  const SchemaTable& t = doc.tables[0];
  EXPECT_EQ(t.name, "account");
  EXPECT_EQ(t.comment, "customers");
  EXPECT_EQ(t.renamed_from, "customer");
  EXPECT_EQ(t.source.to_string(), "schema/app.toml:8");
  ASSERT_EQ(t.columns.size(), 6u);
  EXPECT_EQ(t.key_columns(), std::vector<std::string>{"id"});
  EXPECT_TRUE(t.columns[0].autoincrement);
  EXPECT_FALSE(t.columns[1].nullable);
  EXPECT_EQ(t.columns[1].default_sql, std::optional<std::string>("''"));
  EXPECT_EQ(t.columns[2].type, "") << "a per-dialect type stays in the column's spec";
  EXPECT_TRUE(t.columns[2].spec["type"].is_table());
  EXPECT_EQ(t.columns[3].renamed_from, "name");
  EXPECT_FALSE(t.columns[3].spec.contains("renamed_from")) << "the spec is what create_table takes";
  EXPECT_EQ(t.columns[4].default_sql, std::optional<std::string>("CURRENT_TIMESTAMP"));
  ASSERT_EQ(t.foreign_keys.size(), 1u);
  EXPECT_EQ(t.foreign_keys[0].ondelete, "CASCADE");
  ASSERT_EQ(t.indexes.size(), 2u);
  EXPECT_TRUE(t.indexes[0].unique);
  EXPECT_EQ(t.indexes[0].where, "email <> ''");
  EXPECT_EQ(t.indexes[1].name, "");
  ASSERT_EQ(t.indexes[1].elements.size(), 2u);
  EXPECT_EQ(t.indexes[1].elements[0].expression, "lower(email)");
  EXPECT_EQ(t.indexes[1].elements[1].column, "org_id");
  EXPECT_EQ(t.scope.databases, std::vector<std::string>{"app"});
  EXPECT_EQ(t.scope.dialects, std::vector<std::string>{"postgresql"});
  EXPECT_FALSE(doc.tables[1].managed);
  EXPECT_TRUE(doc.ignores("tmp_import"));
  EXPECT_FALSE(doc.ignores("account"));
}

TEST(SchemaFileTest, ReportsEveryProblemAtOnceEachWithItsLine) {
  const std::string text = R"toml(format = 1

[[table]]
name = "account"
columns = [
  { name = "id", type = "intger" },
  { name = "id", type = "integer" },
  { name = "email", type = "text", nulable = true },
]
indexes = [ { name = "ix", columns = ["missing"] } ]

[[table]]
name = "account"
columns = [ { name = "x", type = "text" } ]
primary_key = ["y"]

[[table]]
name = "nothing"
)toml";
  std::string e = problems(text);
  EXPECT_TRUE(contains(e, "schema/app.toml:6")) << e;  // the misspelt type
  EXPECT_TRUE(contains(e, "unknown type 'intger'")) << e;
  EXPECT_TRUE(contains(e, "did you mean 'integer'")) << e;
  EXPECT_TRUE(contains(e, "schema/app.toml:8")) << e;  // the misspelt key
  EXPECT_TRUE(contains(e, "nulable")) << e;
  EXPECT_TRUE(contains(e, "nullable")) << e;
}

TEST(SchemaFileTest, ChecksWhatTablesSayAboutTheirOwnColumns) {
  const std::string text = R"toml(format = 1

[[table]]
name = "account"
columns = [
  { name = "id", type = "integer" },
  { name = "id", type = "integer" },
  { name = "old", type = "text", renamed_from = "old" },
]
indexes = [ { name = "ix", columns = ["missing"] }, { name = "ix", columns = ["id"] } ]
unique = [ { columns = ["nope"] } ]
foreign_keys = [ { columns = ["id"], ref_table = "t", ref_columns = ["a", "b"] } ]

[[table]]
name = "account"
renamed_from = "account"
columns = [ { name = "x", type = "text" } ]
primary_key = ["y"]

[[table]]
name = "nothing"
)toml";
  std::string e = problems(text);
  for (const char* part :
       {"schema/app.toml:7: table 'account': column 'id' is declared twice",
        "schema/app.toml:8: table 'account': column 'old': renamed_from names the column's own name",
        "names column 'missing', which the table does not declare", "index 'ix' is declared twice",
        "names column 'nope'", "schema/app.toml:12: table 'account': the foreign key on (id) has 1 columns but 2 ref_columns", "schema/app.toml:14: table 'account' is declared twice",
        "renamed_from names the table's own name", "primary_key names column 'y'",
        "schema/app.toml:20: table 'nothing' needs 'columns'", "managed = false"})
    EXPECT_TRUE(contains(e, part)) << "missing: " << part << "\nin:\n" << e;
}

TEST(SchemaFileTest, RefusesWhatIsNotASchemaFile) {
  EXPECT_TRUE(contains(problems("[[table]]\nname = \"a\"\ncolumns = [{ name = \"x\", type = \"text\" }]\n"),
                       "needs 'format = 1'"));
  EXPECT_TRUE(contains(problems("format = 2\n"), "schema/app.toml:1: unknown schema file format"));
  EXPECT_TRUE(contains(problems("format = 1\ntables = []\n"), "unknown field 'tables'"));
  EXPECT_TRUE(contains(problems("format = 1\n[naming]\nindex = \"ix_{tabel}\"\n"), "unknown placeholder"));
  EXPECT_TRUE(contains(problems("format = 1\n[ignore]\ntables = \"tmp\"\n"), "must be an array"));
  EXPECT_TRUE(contains(problems("format = 1\ntable = 3\n"), "[[table]] sections"));
  EXPECT_TRUE(contains(problems("format = 1\n[[table]]\nname = \"t\"\ncolumns = [{ name = \"x\", type = \"text\" }]\n"
                                "indexes = [{ columns = [{ expr = \"x\" }] }]\n"),
                       "an index element must be a column name or { sql = \"expression\" }"));
  EXPECT_TRUE(contains(problems("format = 1\nbranch = [\"a\"]\n"), "'branch' must be a branch label"));
  EXPECT_TRUE(contains(problems("format = 1\n[[table]\n"), "schema/app.toml:2"));
}

TEST(SchemaFileTest, AnUnmanagedTableNeedsNoColumns) {
  SchemaDocument doc = parse_ok("format = 1\n[[table]]\nname = \"spatial_ref_sys\"\nmanaged = false\n");
  ASSERT_EQ(doc.tables.size(), 1u);
  EXPECT_FALSE(doc.tables[0].managed);
}

TEST(SchemaFileTest, TheCanonicalFormReadsBackAsItself) {
  std::string full = kFull;
  const std::string per_dialect = "{ postgresql = \"jsonb\", default = \"text\" }";
  full.replace(full.find(per_dialect), per_dialect.size(), "\"jsonb\"");
  SchemaDocument doc = parse_ok(full);
  std::string text = canonical_schema_text(doc);
  SchemaDocument again = parse_ok(text);
  EXPECT_EQ(canonical_schema_text(again), text);
  EXPECT_TRUE(contains(text, "primary_key = [\"id\"]")) << text;
  EXPECT_TRUE(contains(text, "{ name = \"email\", type = \"string(255)\", nullable = false, server_default = { sql = \"''\" } }"))
      << text;
  EXPECT_FALSE(contains(text, "renamed_from")) << text;
  EXPECT_FALSE(contains(text, "spatial_ref_sys")) << "an unmanaged table is not this schema's";
}

TEST(SchemaFileTest, ColumnsAndIndexesMayBeScopedToSomeDatabasesOrDialects) {
  SchemaDocument doc = parse_ok(R"toml(format = 1
[[table]]
name = "purchase_order"
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "email", type = "string(255)" },
  { name = "legacy_ref", type = "string(20)", databases = ["legacy"] },
]
indexes = [ { name = "ix_lower", columns = [{ sql = "lower(email)" }], dialects = ["postgresql"] } ]
)toml");
  ASSERT_EQ(doc.tables.size(), 1u);
  const SchemaTable& t = doc.tables[0];
  EXPECT_TRUE(t.columns[1].scope.includes("app", "sqlite", "sqlite"));
  EXPECT_TRUE(t.columns[2].scope.includes("legacy", "mysql", "mysql"));
  EXPECT_FALSE(t.columns[2].scope.includes("app", "mysql", "mysql"));
  // create_table never sees the scope.
  EXPECT_EQ(t.columns[2].spec.get("databases"), nullptr);
  EXPECT_TRUE(t.indexes[0].scope.includes("app", "postgresql", "postgresql"));
  EXPECT_TRUE(t.indexes[0].scope.includes("app", "pgvariant", "postgresql")) << "a dialect of the family";
  EXPECT_FALSE(t.indexes[0].scope.includes("app", "sqlite", "sqlite"));
  EXPECT_TRUE(contains(problems("format = 1\n[[table]]\nname = \"t\"\ncolumns = [ { name = \"a\", type = \"text\", "
                                "dialect = [\"x\"] } ]\n"),
                       "unknown field 'dialect'"));
}

TEST(SchemaFileTest, GlobsMatchAsShellPatternsDo) {
  EXPECT_TRUE(glob_match("tmp_*", "tmp_"));
  EXPECT_TRUE(glob_match("tmp_*", "tmp_x"));
  EXPECT_FALSE(glob_match("tmp_*", "atmp_x"));
  EXPECT_TRUE(glob_match("*_log", "audit_log"));
  EXPECT_TRUE(glob_match("a?c", "abc"));
  EXPECT_FALSE(glob_match("a?c", "ac"));
  EXPECT_TRUE(glob_match("*a*b*", "xxaxxbxx"));
  EXPECT_FALSE(glob_match("*a*b", "xxaxxbxxc"));
  EXPECT_TRUE(glob_match("*", ""));
  EXPECT_FALSE(glob_match("", "a"));
}

}  // namespace
}  // namespace retort
