// Tests graph/target.cc: which TARGET texts Alembic reads as relative, and how they split.
#include "graph/target.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

TEST(MatchRelative, Forms) {
  struct Case {
    const char* text;
    const char* branch;  // "" for none
    const char* symbol;  // "" for none
    long long steps;
  };
  const Case cases[] = {
      {"+2", "", "", 2},
      {"-1", "", "", -1},
      {"ae10+3", "", "ae10", 3},
      {"ae10-1", "", "ae10", -1},
      {"base+2", "", "base", 2},
      {"head-1", "", "head", -1},
      {"core@+1", "core", "", 1},
      {"core@-2", "core", "", -2},
      {"core@head-1", "core", "head", -1},
      {"core@base+2", "core", "base", 2},
      {"core@ae10+1", "core", "ae10", 1},
      {"feature-x@-1", "feature-x", "", -1},
      // Alembic matches only at the start: a label "v-1" reads as the symbol "v" minus one.
      {"v-1@head", "", "v", -1},
      {"+10", "", "", 10},
  };
  for (const auto& c : cases) {
    auto t = match_relative(c.text);
    ASSERT_TRUE(t.has_value()) << c.text;
    EXPECT_EQ(t->branch.value_or(""), c.branch) << c.text;
    EXPECT_EQ(t->symbol.value_or(""), c.symbol) << c.text;
    EXPECT_EQ(t->steps, c.steps) << c.text;
  }
}

TEST(MatchRelative, AbsoluteTargetsAreNotRelative) {
  for (const char* text : {"heads", "head", "base", "ae10", "core@head", "core@ae10", "feature-x@head", "feature-x", ""})
    EXPECT_FALSE(match_relative(text).has_value()) << text;
}

TEST(MatchRelative, HugeCountsDoNotOverflow) {
  auto t = match_relative("+99999999999999999999");
  ASSERT_TRUE(t.has_value());
  EXPECT_GT(t->steps, 1000000);
}

TEST(SplitLabel, AtTheFirstAt) {
  auto plain = split_label("ae10");
  EXPECT_FALSE(plain.branch.has_value());
  EXPECT_EQ(plain.name, "ae10");
  auto labelled = split_label("core@ae10@x");
  EXPECT_EQ(labelled.branch.value_or("?"), "core");
  EXPECT_EQ(labelled.name, "ae10@x");
}

}  // namespace
}  // namespace retort
