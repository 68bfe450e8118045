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
  auto ops = operations_for_step(file(kReversible), false, "legacy", OpCatalogue::core());
  ASSERT_TRUE(ops.ok()) << ops.error().to_string();
  EXPECT_EQ(names(*ops), "drop_column* drop_index* drop_column* drop_table*");
  EXPECT_EQ(ops->front().args.get("column")->as_string()->get(), "legacy");
  EXPECT_EQ(ops->front().location, "r.toml:15");  // the [[upgrade_legacy]] it undoes
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

TEST(OperationsForStep, ExplicitDowngradeWins) {
  auto f = file("revision = \"aaaa\"\n[[upgrade]]\nop = \"execute\"\nsql = \"x\"\n[[downgrade]]\nop = \"execute\"\nsql = \"y\"\n");
  auto ops = operations_for_step(f, false, "main", OpCatalogue::core());
  ASSERT_TRUE(ops.ok());
  EXPECT_EQ(names(*ops), "execute");
}

}  // namespace
}  // namespace retort
