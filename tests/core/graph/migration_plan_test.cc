// Tests graph/migration_plan.cc: every TARGET form for upgrade, downgrade and stamp, on linear, branched,
// merged and depends_on trees, as one table of cases.
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
  auto target = parse_target(c.target);
  if (!target.ok()) return "error: " + target.error().to_string();
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
  if (cmd == "upgrade") return steps_text(planner.plan_upgrade(*target));
  if (cmd == "downgrade") return steps_text(planner.plan_downgrade(*target));
  if (cmd == "stamp") return rows_text(planner.stamp_rows(*target, false));
  if (cmd == "stamp-purge") return rows_text(planner.stamp_rows(*target, true));
  if (cmd == "point") return rows_text(planner.point(*target));
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
        PlanCase{"to_prefix", "linear", "", "upgrade", "l00", "error: at least four characters"},
        PlanCase{"relative_up", "linear", "l001", "upgrade", "+2", "+l002 +l003"},
        PlanCase{"relative_from_empty", "linear", "", "upgrade", "+1", "+l001"},
        PlanCase{"relative_past_head", "linear", "l001", "upgrade", "+5", "error: past the head"},
        PlanCase{"rev_plus", "linear", "", "upgrade", "l002+1", "+l001 +l002 +l003"},
        PlanCase{"base_plus", "linear", "", "upgrade", "base+1", "+l001"},
        PlanCase{"head_minus", "linear", "", "upgrade", "head-1", "+l001 +l002 +l003"},
        PlanCase{"upgrade_down_refused", "linear", "l003", "upgrade", "-1", "error: goes down"},
        PlanCase{"already_past", "linear", "l004", "upgrade", "l002", ""},
        PlanCase{"up_to_base", "linear", "l002", "upgrade", "base", ""},
        PlanCase{"unknown_rev", "linear", "", "upgrade", "zzzz", "error: no revision or branch 'zzzz'"},
        PlanCase{"down_one", "linear", "l004", "downgrade", "-1", "-l004"},
        PlanCase{"down_two", "linear", "l004", "downgrade", "-2", "-l004 -l003"},
        PlanCase{"down_to_base", "linear", "l003", "downgrade", "base", "-l003 -l002 -l001"},
        PlanCase{"down_to_rev", "linear", "l004", "downgrade", "l001", "-l004 -l003 -l002"},
        PlanCase{"down_rev_minus", "linear", "l004", "downgrade", "l004-2", "-l004 -l003"},
        PlanCase{"down_to_zero_steps_base", "linear", "l002", "downgrade", "-2", "-l002 -l001"},
        PlanCase{"down_past_base", "linear", "l002", "downgrade", "-3", "error: past base"},
        PlanCase{"down_not_applied", "linear", "l002", "downgrade", "l004", "error: not applied"},
        PlanCase{"down_up_refused", "linear", "l002", "downgrade", "+1", "error: goes up"},
        PlanCase{"down_from_nothing", "linear", "", "downgrade", "-1", "error: nothing is applied"},
        PlanCase{"stamp_down", "linear", "l004", "stamp", "l002", "l002"},
        PlanCase{"stamp_up", "linear", "l001", "stamp", "heads", "l004"},
        PlanCase{"stamp_base", "linear", "l003", "stamp", "base", ""},
        PlanCase{"stamp_relative", "linear", "l003", "stamp", "-1", "l002"},
        PlanCase{"stamp_purge", "linear", "l001", "stamp-purge", "l003", "l003"},
        PlanCase{"point_current", "linear", "l003", "point", "current", "l003"},
        PlanCase{"point_minus", "linear", "l003", "point", "-2", "l001"}),
    [](const auto& info) { return std::string(info.param.name); });

INSTANTIATE_TEST_SUITE_P(
    Branchy, PlanTest,
    ::testing::Values(
        PlanCase{"heads_from_empty", "branchy", "", "upgrade", "heads",
                 "+a0001 +b0001 +b0002 +x0001 +c0001 +c0002 +m0001"},
        PlanCase{"head_is_ambiguous", "branchy", "", "upgrade", "head", "error: several heads"},
        PlanCase{"label_head_pulls_merge_parents", "branchy", "a0001", "upgrade", "cbranch@head",
                 "+b0001 +b0002 +c0001 +c0002 +m0001"},
        PlanCase{"dependency_is_applied_first", "branchy", "", "upgrade", "xbranch@head", "+a0001 +b0001 +x0001"},
        PlanCase{"label_alone_is_its_revision", "branchy", "", "upgrade", "cbranch", "+a0001 +c0001"},
        PlanCase{"branch_point_ambiguous", "branchy", "a0001", "upgrade", "+1", "error: bbranch@+1"},
        PlanCase{"branch_point_lists_both", "branchy", "a0001", "upgrade", "+1", "error: cbranch@+1"},
        PlanCase{"label_relative", "branchy", "a0001", "upgrade", "bbranch@+1", "+b0001"},
        PlanCase{"label_relative_two", "branchy", "a0001", "upgrade", "cbranch@+2", "+c0001 +c0002"},
        PlanCase{"several_current_heads", "branchy", "b0002 c0002", "upgrade", "+1", "error: 2 current heads"},
        PlanCase{"label_at_rev", "branchy", "", "upgrade", "cbranch@c0002", "+a0001 +c0001 +c0002"},
        PlanCase{"label_at_foreign_rev", "branchy", "", "upgrade", "cbranch@b0002", "error: not on branch 'cbranch'"},
        PlanCase{"unknown_label", "branchy", "", "upgrade", "nobranch@head", "error: no branch label 'nobranch'"},
        PlanCase{"merge_minus_one_upgrade", "branchy", "", "upgrade", "m0001-2", "error: merge of b0002, c0002"},
        PlanCase{"unmerge_one_step", "branchy", "m0001 x0001", "downgrade", "m0001-1", "-m0001"},
        PlanCase{"relative_with_two_heads", "branchy", "m0001 x0001", "downgrade", "-1", "error: 2 current heads"},
        PlanCase{"below_merge_ambiguous", "branchy", "m0001", "downgrade", "-2", "error: b0002-1"},
        PlanCase{"label_walk_below_merge", "branchy", "m0001", "downgrade", "bbranch@-2", "-m0001 -b0002"},
        PlanCase{"label_base_removes_branch_and_dependents", "branchy", "m0001 x0001", "downgrade", "bbranch@base",
                 "-x0001 -m0001 -b0002 -b0001"},
        PlanCase{"down_to_branch_rev", "branchy", "m0001", "downgrade", "c0001", "-m0001 -c0002"},
        PlanCase{"down_everything", "branchy", "m0001 x0001", "downgrade", "base",
                 "-x0001 -m0001 -c0002 -c0001 -b0002 -b0001 -a0001"},
        PlanCase{"down_to_unapplied", "branchy", "m0001", "downgrade", "x0001", "error: not applied"},
        PlanCase{"partial_one_branch", "branchy", "b0002 c0002", "downgrade", "cbranch@base", "-c0002 -c0001"},
        PlanCase{"stamp_keeps_other_branch", "branchy", "b0002", "stamp", "c0001", "b0002 c0001"},
        PlanCase{"stamp_replaces_own_line", "branchy", "m0001 x0001", "stamp", "a0001", "a0001"},
        PlanCase{"stamp_purge_heads", "branchy", "a0001", "stamp-purge", "heads", "m0001 x0001"},
        PlanCase{"stamp_label_base", "branchy", "b0002 c0002", "stamp", "cbranch@base", "b0002"},
        PlanCase{"point_heads", "branchy", "", "point", "heads", "m0001 x0001"},
        PlanCase{"point_label_head", "branchy", "", "point", "xbranch@head", "x0001"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Planner, BranchScopeLimitsHeadsAndUpgrades) {
  // Two independent lines; "legacy" depends on the first core revision.
  RevisionMap map = testing::build_map({{"k001", {}, {}, {"core"}},
                                        {"k002", {"k001"}},
                                        {"g001", {}, {"k001"}, {"legacy"}},
                                        {"g002", {"g001"}}});
  auto scope = branch_scope(map, {"legacy"});
  ASSERT_TRUE(scope.ok());
  EXPECT_EQ(testing::ids(map, members(map, *scope)), "k001 g001 g002");
  Planner planner(map, {}, *scope);
  EXPECT_EQ(testing::ids(map, *planner.heads("")), "g002");
  auto steps = planner.plan_upgrade(*parse_target("heads"));
  ASSERT_TRUE(steps.ok());
  std::string text;
  for (const auto& st : *steps) text += map.id(st.revision) + " ";
  EXPECT_EQ(text, "k001 g001 g002 ");
  auto unknown = branch_scope(map, {"nope"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message().find("'nope'"), std::string::npos);
}

TEST(Planner, UpgradeOrderRespectsParentsAndDependencies) {
  RevisionMap map = testing::build_map(graphs().at("branchy"));
  Planner planner(map, {});
  auto order = planner.dependency_order(RevisionSet(map.size(), 1), true);
  std::vector<size_t> pos(map.size());
  for (size_t k = 0; k < order.size(); ++k) pos[order[k]] = k;
  for (RevIndex i = 0; i < map.size(); ++i) {
    for (RevIndex p : map.at(i).down) EXPECT_LT(pos[p], pos[i]);
    for (RevIndex p : map.at(i).deps) EXPECT_LT(pos[p], pos[i]);
  }
}

}  // namespace
}  // namespace retort
