// Tests ops/op_resolution.cc: per-dialect resolution (nested tables included) and the automatic inverses
// of alter_column with `existing`, of the table comment operations and of create_index with expressions.
#include "ops/op_resolution.h"

#include "util/toml_file.h"

#include <gtest/gtest.h>

#include <sstream>

namespace retort {
namespace {

toml::table op(const std::string& text) {
  auto doc = parse_toml_text(text, "r.toml");
  EXPECT_TRUE(doc.ok());
  return doc.ok() ? *doc : toml::table{};
}

std::optional<toml::table> inverse(const toml::table& t) {
  const OpSpec* spec = OpCatalogue::core().find(t["op"].value_or(std::string()));
  EXPECT_NE(spec, nullptr);
  return spec ? inverse_operation(t, *spec, OpCatalogue::core()) : std::nullopt;
}

std::string text(const toml::table& t) {
  std::ostringstream out;
  out << t;
  return out.str();
}

TEST(ResolveForDialect, PicksTheTypeInsideExisting) {
  toml::table alter = op("op = \"alter_column\"\ntable = \"t\"\ncolumn = \"c\"\ntype = \"text\"\n"
                         "existing = { type = { postgresql = \"jsonb\", default = \"text\" }, nullable = true }\n");
  const OpSpec& spec = *OpCatalogue::core().find("alter_column");
  toml::table pg = resolve_for_dialect(alter, spec, DialectVariants{"postgresql", "postgresql"});
  EXPECT_EQ(pg["existing"]["type"].value_or(std::string()), "jsonb");
  EXPECT_EQ(pg["existing"]["nullable"].value_or(false), true);
  toml::table my = resolve_for_dialect(alter, spec, DialectVariants{"mysql", "mysql"});
  EXPECT_EQ(my["existing"]["type"].value_or(std::string()), "text");
}

TEST(ResolveForDialect, LeavesIndexExpressionsAsWritten) {
  toml::table index = op("op = \"create_index\"\nname = \"i\"\ntable = \"t\"\ncolumns = [{ sql = \"lower(a)\" }, \"b\"]\n");
  toml::table resolved = resolve_for_dialect(index, *OpCatalogue::core().find("create_index"), DialectVariants{"sqlite", "sqlite"});
  EXPECT_EQ(resolved, index);
  ASSERT_TRUE(inverse(index));
  EXPECT_EQ(text(*inverse(index)), text(op("op = \"drop_index\"\nname = \"i\"\ntable = \"t\"\n")));
}

TEST(InverseOperation, AlterColumnWithoutExistingStaysIrreversible) {
  EXPECT_FALSE(inverse(op("op = \"alter_column\"\ntable = \"t\"\ncolumn = \"c\"\ntype = \"text\"\n")));
  // `existing` must give the previous value of every field the change sets.
  EXPECT_FALSE(inverse(op("op = \"alter_column\"\ntable = \"t\"\ncolumn = \"c\"\ntype = \"text\"\nnullable = false\n"
                          "existing = { type = \"string(5)\" }\n")));
  EXPECT_FALSE(inverse(op("op = \"alter_column\"\ntable = \"t\"\ncolumn = \"c\"\ncomment = \"x\"\n"
                          "existing = { type = \"string(5)\", nullable = true }\n")));
  // Nothing changed and nothing renamed: nothing to undo, as before.
  EXPECT_FALSE(inverse(op("op = \"alter_column\"\ntable = \"t\"\ncolumn = \"c\"\nexisting = { nullable = true }\n")));
}

TEST(InverseOperation, AlterColumnWithExistingSetsThePreviousValuesBack) {
  toml::table alter = op(R"toml(op = "alter_column"
table = "t"
schema = "s"
column = "c"
new_name = "d"
type = "string(80)"
nullable = false
server_default = { sql = "" }
comment = "new"
existing = { type = { postgresql = "jsonb", default = "text" }, nullable = true, server_default = 5, comment = "", autoincrement = false }
)toml");
  auto inv = inverse(alter);
  ASSERT_TRUE(inv);
  toml::table expected = op(R"toml(op = "alter_column"
table = "t"
schema = "s"
column = "d"
new_name = "c"
type = { postgresql = "jsonb", default = "text" }
nullable = true
server_default = 5
comment = ""
existing = { type = "string(80)", nullable = false, server_default = { sql = "" }, comment = "new", autoincrement = false }
)toml");
  EXPECT_EQ(text(*inv), text(expected));
  auto back = inverse(*inv);
  ASSERT_TRUE(back);
  EXPECT_EQ(text(*back), text(alter)) << "the inverse of the inverse is the original";
}

TEST(InverseOperation, AlterColumnNeedsOnlyWhatItChanges) {
  auto inv = inverse(op("op = \"alter_column\"\ntable = \"t\"\ncolumn = \"c\"\nnullable = false\n"
                        "existing = { nullable = true, type = \"text\" }\n"));
  ASSERT_TRUE(inv);
  EXPECT_EQ(text(*inv), text(op("op = \"alter_column\"\ntable = \"t\"\ncolumn = \"c\"\nnullable = true\n"
                                "existing = { nullable = false, type = \"text\" }\n")));
  // A pure rename needs no `existing`, and keeps one it has.
  auto rename = inverse(op("op = \"alter_column\"\ntable = \"t\"\ncolumn = \"c\"\nnew_name = \"d\"\n"));
  ASSERT_TRUE(rename);
  EXPECT_EQ(text(*rename), text(op("op = \"alter_column\"\ntable = \"t\"\ncolumn = \"d\"\nnew_name = \"c\"\n")));
}

TEST(InverseOperation, CreateTableComment) {
  auto replaced = inverse(op("op = \"create_table_comment\"\ntable = \"t\"\ncomment = \"new\"\nexisting_comment = \"old\"\n"));
  ASSERT_TRUE(replaced);
  EXPECT_EQ(text(*replaced), text(op("op = \"create_table_comment\"\ntable = \"t\"\ncomment = \"old\"\n"
                                     "existing_comment = \"new\"\n")));
  // Without a previous comment (or with "", none), undone by dropping the comment.
  for (const char* before : {"", "existing_comment = \"\"\n"}) {
    auto dropped = inverse(op(std::string("op = \"create_table_comment\"\ntable = \"t\"\nschema = \"s\"\ncomment = \"new\"\n") + before));
    ASSERT_TRUE(dropped);
    EXPECT_EQ(text(*dropped), text(op("op = \"drop_table_comment\"\ntable = \"t\"\nschema = \"s\"\nexisting_comment = \"new\"\n")));
  }
}

TEST(InverseOperation, DropTableComment) {
  EXPECT_FALSE(inverse(op("op = \"drop_table_comment\"\ntable = \"t\"\n")));
  toml::table drop = op("op = \"drop_table_comment\"\ntable = \"t\"\nexisting_comment = \"old\"\n");
  auto inv = inverse(drop);
  ASSERT_TRUE(inv);
  EXPECT_EQ(text(*inv), text(op("op = \"create_table_comment\"\ntable = \"t\"\ncomment = \"old\"\nexisting_comment = \"\"\n")));
  auto back = inverse(*inv);
  ASSERT_TRUE(back);
  EXPECT_EQ(text(*back), text(drop)) << "the inverse of the inverse is the original";
  // A table that had no comment keeps none.
  auto none = inverse(op("op = \"drop_table_comment\"\ntable = \"t\"\nexisting_comment = \"\"\n"));
  ASSERT_TRUE(none);
  EXPECT_EQ(text(*none), text(op("op = \"drop_table_comment\"\ntable = \"t\"\nexisting_comment = \"\"\n")));
}

}  // namespace
}  // namespace retort
