// Tests graph/migration_plan.cc: every TARGET form for upgrade, downgrade and stamp, on linear, branched,
// merged and depends_on trees, as one table of cases. Every expectation was checked against Alembic 1.8.1
// (the differential test in tests/alembic_diff does so on random trees); the cases marked "DESIGN §5"
// are retort's documented improvements.
#include "graph/migration_plan.h"

#include "graph_builder.h"

#include <gtest/gtest.h>

#include <map>

namespace retort {
namespace {

using testing::Rev;

const std::map<std::string, std::vector<Rev>>& graphs() {
  static const std::map<std::string, std::vector<Rev>> g = {
      {"linear", {{"l001"}, {"l002", {"l001"}}, {"l003", {"l002"}}, {"l004", {"l003"}}}},
      // a0001 branches into b (label bbranch) and c (label cbranch), merged by m0001; x0001 is a second
      // base (label xbranch) that depends on b0001.
      {"branchy",
       {{"a0001"},
        {"b0001", {"a0001"}, {}, {"bbranch"}},
        {"b0002", {"b0001"}},
        {"c0001", {"a0001"}, {}, {"cbranch"}},
        {"c0002", {"c0001"}},
        {"m0001", {"b0002", "c0002"}},
        {"x0001", {}, {"b0001"}, {"xbranch"}}}},
  };
  return g;
}

struct PlanCase {
  const char* name;
  const char* graph;
  const char* current;   // version rows, space separated
  const char* command;   // upgrade, downgrade, stamp, stamp-purge, point
  const char* target;
  const char* expected;  // "+a -b" steps, rows for stamp, or "error: <substring>"
};

void PrintTo(const PlanCase& c, std::ostream* os) { *os << c.name; }

std::string run(const PlanCase& c) {
  RevisionMap map = testing::build_map(graphs().at(c.graph));
  Planner planner(map, testing::lookup(map, c.current));
  std::string cmd = c.command;
  auto steps_text = [&](const Result<std::vector<MigrationStep>>& r) -> std::string {
    if (!r.ok()) return "error: " + r.error().to_string();
    std::string out;
    for (const auto& s : *r) out += (out.empty() ? "" : " ") + std::string(s.upgrade ? "+" : "-") + map.id(s.revision);
    return out;
  };
  auto rows_text = [&](const Result<std::vector<RevIndex>>& r) -> std::string {
    if (!r.ok()) return "error: " + r.error().to_string();
    return testing::ids(map, *r);
  };
  if (cmd == "upgrade") return steps_text(planner.plan_upgrade(c.target));
  if (cmd == "downgrade") return steps_text(planner.plan_downgrade(c.target));
  if (cmd == "stamp" || cmd == "stamp-purge") {
    auto plan = planner.plan_stamp({c.target}, cmd == "stamp-purge");
    if (!plan.ok()) return "error: " + plan.error().to_string();
    return rows_text(plan->rows);
  }
  if (cmd == "revisions") return rows_text(planner.revisions(c.target));
  if (cmd == "current") return rows_text(planner.current());
  return "bad command";
}

class PlanTest : public ::testing::TestWithParam<PlanCase> {};

TEST_P(PlanTest, Matches) {
  const PlanCase& c = GetParam();
  std::string got = run(c);
  std::string expected = c.expected;
  if (expected.rfind("error: ", 0) == 0) {
    ASSERT_EQ(got.rfind("error: ", 0), 0u) << "expected an error, got: " << got;
    EXPECT_NE(got.find(expected.substr(7)), std::string::npos) << got;
  } else {
    EXPECT_EQ(got, expected);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Linear, PlanTest,
    ::testing::Values(
        PlanCase{"heads_from_empty", "linear", "", "upgrade", "heads", "+l001 +l002 +l003 +l004"},
        PlanCase{"head_from_middle", "linear", "l002", "upgrade", "head", "+l003 +l004"},
        PlanCase{"to_revision", "linear", "", "upgrade", "l003", "+l001 +l002 +l003"},
        PlanCase{"to_ambiguous_prefix", "linear", "", "upgrade", "l00", "error: 'l00' is ambiguous"},
        PlanCase{"to_short_unique_prefix", "linear", "", "upgrade", "l", "error: is ambiguous"},
        PlanCase{"relative_up", "linear", "l001", "upgrade", "+2", "+l002 +l003"},
        PlanCase{"relative_from_empty", "linear", "", "upgrade", "+1", "+l001"},
        PlanCase{"relative_past_head", "linear", "l001", "upgrade", "+5", "error: does not give 5 migrations"},
        PlanCase{"rev_plus", "linear", "", "upgrade", "l002+1", "+l001 +l002 +l003"},
        PlanCase{"base_plus", "linear", "", "upgrade", "base+1", "+l001"},
        PlanCase{"head_minus", "linear", "", "upgrade", "head-1", "+l001 +l002 +l003"},
        PlanCase{"upgrade_down_refused", "linear", "l003", "upgrade", "-1", "error: '-1' does not give 1 migration"},
        PlanCase{"already_past", "linear", "l004", "upgrade", "l002", ""},
        PlanCase{"up_to_base", "linear", "l002", "upgrade", "base", ""},
        PlanCase{"unknown_rev", "linear", "", "upgrade", "zzzz", "error: no revision or branch 'zzzz'"},
        PlanCase{"down_one", "linear", "l004", "downgrade", "-1", "-l004"},
        PlanCase{"down_two", "linear", "l004", "downgrade", "-2", "-l004 -l003"},
        PlanCase{"down_to_base", "linear", "l003", "downgrade", "base", "-l003 -l002 -l001"},
        PlanCase{"down_to_rev", "linear", "l004", "downgrade", "l001", "-l004 -l003 -l002"},
        PlanCase{"down_rev_minus", "linear", "l004", "downgrade", "l004-2", "-l004 -l003"},
        PlanCase{"down_to_zero_steps_base", "linear", "l002", "downgrade", "-2", "-l002 -l001"},
        PlanCase{"down_past_base", "linear", "l002", "downgrade", "-3", "error: does not give 3 migrations"},
        PlanCase{"down_not_applied", "linear", "l002", "downgrade", "l004", "error: not below the current"},
        PlanCase{"down_up_refused", "linear", "l002", "downgrade", "+1", "error: does not give 1 migration"},
        PlanCase{"down_from_nothing", "linear", "", "downgrade", "-1", "error: does not give 1 migration"},
        PlanCase{"stamp_down", "linear", "l004", "stamp", "l002", "l002"},
        PlanCase{"stamp_up", "linear", "l001", "stamp", "heads", "l004"},
        PlanCase{"stamp_base", "linear", "l003", "stamp", "base", ""},
        PlanCase{"stamp_relative_is_no_name", "linear", "l003", "stamp", "-1", "error: no revision or branch '-1'"},
        PlanCase{"stamp_purge", "linear", "l001", "stamp-purge", "l003", "l003"},
        PlanCase{"current", "linear", "l003", "current", "", "l003"},
        PlanCase{"minus_counts_from_heads", "linear", "l002", "revisions", "-2", "l002"}),
    [](const auto& info) { return std::string(info.param.name); });

INSTANTIATE_TEST_SUITE_P(
    Branchy, PlanTest,
    ::testing::Values(
        PlanCase{"heads_from_empty", "branchy", "", "upgrade", "heads",
                 "+a0001 +c0001 +c0002 +b0001 +x0001 +b0002 +m0001"},
        PlanCase{"head_is_ambiguous", "branchy", "", "upgrade", "head", "error: several heads"},
        PlanCase{"label_head_pulls_merge_parents", "branchy", "a0001", "upgrade", "cbranch@head",
                 "+c0001 +c0002 +b0001 +b0002 +m0001"},
        PlanCase{"dependency_is_applied_first", "branchy", "", "upgrade", "xbranch@head", "+a0001 +b0001 +x0001"},
        PlanCase{"label_alone_is_its_revision", "branchy", "", "upgrade", "cbranch", "+a0001 +c0001"},
        PlanCase{"label_prefix", "branchy", "", "upgrade", "cbra", "+a0001 +c0001"},
        PlanCase{"branch_point_ambiguous", "branchy", "a0001", "upgrade", "+1", "error: a0001 is a branch point into b0001, c0001"},
        PlanCase{"branch_point_names_labels", "branchy", "a0001", "upgrade", "+1", "error: cbranch"},
        PlanCase{"label_relative", "branchy", "a0001", "upgrade", "bbranch@+1", "+b0001"},
        PlanCase{"label_relative_two", "branchy", "a0001", "upgrade", "cbranch@+2", "+c0001 +c0002"},
        PlanCase{"label_relative_from_nothing", "branchy", "", "upgrade", "cbranch@+2", "+a0001 +c0001"},
        PlanCase{"several_current_heads", "branchy", "b0002 c0002", "upgrade", "+1", "error: several revisions"},
        PlanCase{"label_at_rev", "branchy", "", "upgrade", "cbranch@c0002", "+a0001 +c0001 +c0002"},
        PlanCase{"label_at_prefix", "branchy", "", "upgrade", "xbranch@x0", "+a0001 +b0001 +x0001"},
        PlanCase{"label_at_prefix_ambiguous", "branchy", "", "upgrade", "cbranch@c", "error: is ambiguous"},
        PlanCase{"label_at_foreign_rev", "branchy", "", "upgrade", "cbranch@b0002", "error: not on branch 'cbranch'"},
        PlanCase{"unknown_label", "branchy", "", "upgrade", "nobranch@head", "error: 'nobranch'"},
        PlanCase{"merge_minus_two_upgrade", "branchy", "", "upgrade", "m0001-2", "error: merge of b0002, c0002"},
        // DESIGN §5: one step down from a merge undoes the merge (Alembic: "Ambiguous walk").
        PlanCase{"unmerge_one_step", "branchy", "m0001 x0001", "downgrade", "m0001-1", "-m0001"},
        // DESIGN §5: -N with several heads is refused (Alembic warns and picks the first row).
        PlanCase{"relative_with_two_heads", "branchy", "m0001 x0001", "downgrade", "-1", "error: 2 heads"},
        PlanCase{"below_merge_ambiguous", "branchy", "m0001", "downgrade", "-2", "error: merge of b0002, c0002"},
        PlanCase{"label_walk_below_merge", "branchy", "m0001", "downgrade", "bbranch@-2", "error: merge of b0002, c0002"},
        // LABEL@base works on the label's whole lineage, down to the root it shares with other branches.
        PlanCase{"label_base_reaches_the_root", "branchy", "m0001 x0001", "downgrade", "bbranch@base",
                 "-m0001 -b0002 -x0001 -b0001 -c0002 -c0001 -a0001"},
        PlanCase{"down_to_branch_rev", "branchy", "m0001", "downgrade", "c0001", "-m0001 -c0002"},
        PlanCase{"down_everything", "branchy", "m0001 x0001", "downgrade", "base",
                 "-m0001 -b0002 -x0001 -b0001 -c0002 -c0001 -a0001"},
        PlanCase{"down_to_unapplied", "branchy", "m0001", "downgrade", "x0001", "error: not below the current"},
        PlanCase{"label_base_two_heads", "branchy", "b0002 c0002", "downgrade", "cbranch@base",
                 "-b0002 -b0001 -c0002 -c0001 -a0001"},
        PlanCase{"stamp_keeps_other_branch", "branchy", "b0002", "stamp", "c0001", "b0002 c0001"},
        PlanCase{"stamp_replaces_own_line", "branchy", "m0001 x0001", "stamp", "a0001", "a0001"},
        PlanCase{"stamp_purge_heads", "branchy", "a0001", "stamp-purge", "heads", "m0001 x0001"},
        PlanCase{"stamp_label_base", "branchy", "b0002 c0002", "stamp", "cbranch@base", "b0002"},
        PlanCase{"revisions_heads", "branchy", "", "revisions", "heads", "m0001 x0001"},
        PlanCase{"revisions_label_head", "branchy", "", "revisions", "xbranch@head", "x0001"},
        PlanCase{"current_through_dependency", "branchy", "x0001", "current", "", "b0001 x0001"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Planner, BranchScopeSeesOnlyItsBranches) {
  // Two independent lines; "legacy" depends on the first core revision.
  RevisionMap map = testing::build_map({{"k001", {}, {}, {"core"}},
                                        {"k002", {"k001"}},
                                        {"g001", {}, {"k001"}, {"legacy"}},
                                        {"g002", {"g001"}}});
  auto scope = branch_scope(map, {"legacy"});
  ASSERT_TRUE(scope.ok());
  EXPECT_EQ(testing::ids(map, members(map, *scope)), "k001 g001 g002");
  Planner planner(map, {}, *scope);
  // What legacy depends on is no head of its own.
  EXPECT_EQ(testing::ids(map, planner.heads(true)), "g002");
  auto steps = planner.plan_upgrade("heads");
  ASSERT_TRUE(steps.ok());
  std::string text;
  for (const auto& st : *steps) text += map.id(st.revision) + " ";
  EXPECT_EQ(text, "k001 g001 g002 ");
  // The other branch's label is not seen.
  EXPECT_FALSE(planner.plan_upgrade("k002").ok());
  auto unknown = branch_scope(map, {"nope"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message().find("'nope'"), std::string::npos);
}

TEST(Planner, RowsOutsideTheScopeAreRefused) {
  RevisionMap map = testing::build_map({{"k001", {}, {}, {"core"}}, {"g001", {}, {}, {"legacy"}}});
  Planner planner(map, testing::lookup(map, "k001"), *branch_scope(map, {"legacy"}));
  auto steps = planner.plan_upgrade("heads");
  ASSERT_FALSE(steps.ok());
  EXPECT_NE(steps.error().message().find("k001"), std::string::npos);
}

TEST(Planner, DuplicateRowsAreRefused) {
  RevisionMap map = testing::build_map(graphs().at("linear"));
  Planner planner(map, testing::lookup(map, "l002 l002"));
  for (auto result : {planner.plan_upgrade("heads"), planner.plan_downgrade("base")}) {
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message().find("l002 more than once"), std::string::npos);
  }
}

TEST(Planner, OverlappingRowsAreRefusedForUpgrades) {
  RevisionMap map = testing::build_map(graphs().at("linear"));
  auto steps = Planner(map, testing::lookup(map, "l001 l003")).plan_upgrade("heads");
  ASSERT_FALSE(steps.ok());
  EXPECT_NE(steps.error().message().find("overlaps"), std::string::npos);
}

TEST(Planner, StampOfSeveralHeadsRecordsEachMove) {
  RevisionMap map = testing::build_map(graphs().at("branchy"));
  auto plan = Planner(map, {}).plan_stamp({"b0002", "c0002"}, false);
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  EXPECT_EQ(testing::ids(map, plan->rows), "b0002 c0002");
  ASSERT_EQ(plan->steps.size(), 2u);
  EXPECT_TRUE(plan->steps[0].from.empty());
  EXPECT_EQ(testing::ids(map, plan->steps[1].to), "c0002");
}

TEST(Planner, StampKeepsRowsMinimal) {
  // Alembic would store both a0001 and its descendant b0002; retort keeps only b0002 (DESIGN §5).
  RevisionMap map = testing::build_map(graphs().at("branchy"));
  auto plan = Planner(map, {}).plan_stamp({"a0001", "b0002"}, false);
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  EXPECT_EQ(testing::ids(map, plan->rows), "b0002");
}

TEST(Planner, HistoryRangesCountFromTheOtherEnd) {
  RevisionMap map = testing::build_map(graphs().at("linear"));
  Planner planner(map, testing::lookup(map, "l002"));
  EXPECT_EQ(testing::ids(map, *planner.history("", "")), "l004 l003 l002 l001");
  EXPECT_EQ(testing::ids(map, *planner.history("l001", "+2")), "l003 l002 l001");
  EXPECT_EQ(testing::ids(map, *planner.history("current", "")), "l004 l003 l002");
  EXPECT_EQ(testing::ids(map, *planner.history("", "current")), "l002 l001");
  EXPECT_FALSE(planner.history("l003", "l001").ok());
}

}  // namespace
}  // namespace retort
