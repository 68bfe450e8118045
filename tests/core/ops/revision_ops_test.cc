// Tests ops/revision_ops.cc: which operations a step runs, per-engine sections, automatic inverses.
#include "ops/revision_ops.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

RevisionFile file(const std::string& text) {
  ErrorList errors;
  auto f = parse_revision_text(text, "r.toml", errors);
  EXPECT_TRUE(f) << errors.combined("").to_string();
  return *f;
}

std::string names(const std::vector<PlannedOp>& ops) {
  std::string out;
  for (const auto& op : ops) out += (out.empty() ? "" : " ") + op.name + (op.derived ? "*" : "");
  return out;
}

const char* kReversible = R"(revision = "aaaa"
[[upgrade]]
op = "create_table"
table = "t"
columns = [{ name = "id", type = "integer" }]
[[upgrade]]
op = "add_column"
table = "t"
column = { name = "c", type = "text" }
[[upgrade]]
op = "create_index"
name = "ix"
table = "t"
columns = ["c"]
[[upgrade_legacy]]
op = "add_column"
table = "t"
column = { name = "legacy", type = "text" }
)";

TEST(OperationsForStep, UpgradeRunsCommonThenEngineOps) {
  auto ops = operations_for_step(file(kReversible), true, "legacy", OpCatalogue::core());
  ASSERT_TRUE(ops.ok());
  EXPECT_EQ(names(*ops), "create_table add_column create_index add_column");
  auto main_ops = operations_for_step(file(kReversible), true, "main", OpCatalogue::core());
  EXPECT_EQ(names(*main_ops), "create_table add_column create_index");
}

TEST(OperationsForStep, MissingDowngradeIsDerivedInReverse) {
  // The table exists before this revision, so every change to it is undone one by one.
  auto f = file(R"(revision = "aaaa"
[[upgrade]]
op = "add_column"
table = "t"
column = { name = "c", type = "text" }
[[upgrade]]
op = "create_index"
name = "ix"
table = "t"
columns = ["c"]
[[upgrade_legacy]]
op = "add_column"
table = "t"
column = { name = "legacy", type = "text" }
)");
  auto ops = operations_for_step(f, false, "legacy", OpCatalogue::core());
  ASSERT_TRUE(ops.ok()) << ops.error().to_string();
  EXPECT_EQ(names(*ops), "drop_column* drop_index* drop_column*");
  EXPECT_EQ(ops->front().args.get("column")->as_string()->get(), "legacy");
  EXPECT_EQ(ops->front().location, "r.toml:11");  // the [[upgrade_legacy]] it undoes
}

TEST(OperationsForStep, ATableCreatedInTheRevisionIsUndoneByDroppingIt) {
  // Dropping its index and columns first would be wasted work, and MySQL refuses to drop an index a
  // foreign key needs.
  auto ops = operations_for_step(file(kReversible), false, "legacy", OpCatalogue::core());
  ASSERT_TRUE(ops.ok()) << ops.error().to_string();
  EXPECT_EQ(names(*ops), "drop_table*");

  auto other_schema = file(std::string(kReversible) + "[[upgrade]]\nop = \"create_index\"\nname = \"iy\"\ntable = \"t\"\n"
                                                      "schema = \"other\"\ncolumns = [\"c\"]\n");
  auto kept = operations_for_step(other_schema, false, "main", OpCatalogue::core());
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(names(*kept), "drop_index* drop_table*");  // other.t is another table
}

TEST(OperationsForStep, ARenamedTableKeepsEveryInverse) {
  auto f = file(std::string(kReversible) + "[[upgrade]]\nop = \"rename_table\"\ntable = \"t\"\nnew_name = \"u\"\n");
  auto ops = operations_for_step(f, false, "main", OpCatalogue::core());
  ASSERT_TRUE(ops.ok()) << ops.error().to_string();
  EXPECT_EQ(names(*ops), "rename_table* drop_index* drop_column* drop_table*");
}

TEST(OperationsForStep, AWrittenDowngradeIsNeverShortened) {
  auto f = file(R"(revision = "aaaa"
[[upgrade]]
op = "create_table"
table = "t"
columns = [{ name = "id", type = "integer" }]
[[downgrade]]
op = "drop_index"
name = "ix"
table = "t"
[[downgrade]]
op = "drop_table"
table = "t"
)");
  auto ops = operations_for_step(f, false, "main", OpCatalogue::core());
  ASSERT_TRUE(ops.ok());
  EXPECT_EQ(names(*ops), "drop_index drop_table");
}

TEST(OperationsForStep, IrreversibleWithoutDowngradeIsAnError) {
  auto f = file("revision = \"aaaa\"\n[[upgrade]]\nop = \"execute\"\nsql = \"UPDATE t SET x = 1\"\n");
  auto ops = operations_for_step(f, false, "main", OpCatalogue::core());
  ASSERT_FALSE(ops.ok());
  std::string text = ops.error().to_string();
  EXPECT_NE(text.find("r.toml:2"), std::string::npos) << text;
  EXPECT_NE(text.find("'execute' cannot be undone automatically"), std::string::npos) << text;
  EXPECT_TRUE(operations_for_step(f, true, "main", OpCatalogue::core()).ok());
}

TEST(OperationsForStep, ChangesThatSayWhatTheyReplaceAreUndoneAutomatically) {
  auto f = file(R"toml(revision = "aaaa"
[[upgrade]]
op = "create_table_comment"
table = "t"
comment = "new"
existing_comment = "old"
[[upgrade]]
op = "alter_column"
table = "t"
column = "c"
type = "text"
existing = { type = "string(5)" }
[[upgrade]]
op = "create_index"
name = "ix"
table = "t"
columns = [{ sql = "lower(c)" }]
[[upgrade]]
op = "drop_table_comment"
table = "u"
existing_comment = "gone"
)toml");
  auto ops = operations_for_step(f, false, "main", OpCatalogue::core());
  ASSERT_TRUE(ops.ok()) << ops.error().to_string();
  EXPECT_EQ(names(*ops), "create_table_comment* drop_index* alter_column* create_table_comment*");
  EXPECT_EQ((*ops)[0].args["comment"].value_or(std::string()), "gone");
  EXPECT_EQ((*ops)[2].args["type"].value_or(std::string()), "string(5)");
  EXPECT_EQ((*ops)[3].args["comment"].value_or(std::string()), "old");
  for (const auto& op : *ops) EXPECT_NE(op.spec, nullptr) << op.name;
}

TEST(OperationsForStep, ChangesThatDoNotSayWhatTheyReplaceNeedADowngrade) {
  for (const char* op : {"op = \"alter_column\"\ntable = \"t\"\ncolumn = \"c\"\ntype = \"text\"\nexisting = { nullable = true }\n",
                         "op = \"drop_table_comment\"\ntable = \"t\"\n"}) {
    auto ops = operations_for_step(file(std::string("revision = \"aaaa\"\n[[upgrade]]\n") + op), false, "main",
                                   OpCatalogue::core());
    ASSERT_FALSE(ops.ok()) << op;
    EXPECT_NE(ops.error().to_string().find("cannot be undone automatically"), std::string::npos) << ops.error().to_string();
  }
}

TEST(OperationsForStep, ExplicitDowngradeWins) {
  auto f = file("revision = \"aaaa\"\n[[upgrade]]\nop = \"execute\"\nsql = \"x\"\n[[downgrade]]\nop = \"execute\"\nsql = \"y\"\n");
  auto ops = operations_for_step(f, false, "main", OpCatalogue::core());
  ASSERT_TRUE(ops.ok());
  EXPECT_EQ(names(*ops), "execute");
}

}  // namespace
}  // namespace retort
