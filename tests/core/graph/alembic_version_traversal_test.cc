// Alembic 1.8.1's tests/test_version_traversal.py, case by case, against retort's Planner (Alembic's
// ScriptDirectory._upgrade_revs/_downgrade_revs/_stamp_revs) and VersionRows (its HeadMaintainer).
// Graphs keep Alembic's revisions; where Alembic used util.rev_id() the ids are the test's variable names,
// listed in the order the test generated them (the file order, which breaks ties between siblings).
// Expected values are Alembic's, checked against Alembic 1.8.1 itself; where a case meets one of the
// differences DESIGN.md §5 documents, the test asserts retort's documented behaviour and says so.
#include "graph/migration_plan.h"
#include "graph/version_rows.h"

#include "graph_builder.h"
#include "graph_expectations.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <set>
#include <sstream>

namespace retort {
namespace {

using testing::expect_refused;
using testing::mentions;

using testing::build_map;
using testing::lookup;
using testing::Rev;

// --- helpers ------------------------------------------------------------------------------------

// Ids sorted by name: Alembic compares head sets, so the order of the rows carries no meaning.
std::string id_set(const RevisionMap& map, const std::vector<RevIndex>& revs) {
  std::vector<std::string> names;
  for (RevIndex r : revs) names.push_back(map.id(r));
  std::sort(names.begin(), names.end());
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : " ") + n;
  return out;
}

std::string step_text(const RevisionMap& map, const std::vector<MigrationStep>& steps) {
  std::string out;
  for (const auto& s : steps) out += (out.empty() ? "" : " ") + std::string(s.upgrade ? "+" : "-") + map.id(s.revision);
  return out;
}

// Alembic's MigrationTest._assert_upgrade/_assert_downgrade in one string: "+c1 +d1 => d1" is the steps in
// order and then the version rows after running them from `current` (as a sorted set), or
// "error: <message>" when the plan is refused.
std::string outcome(const RevisionMap& map, const std::string& current,
                    const Result<std::vector<MigrationStep>>& plan) {
  if (!plan.ok()) return "error: " + plan.error().to_string();
  VersionRows rows(map, lookup(map, current));
  for (const auto& s : *plan) {
    if (s.upgrade)
      rows.upgrade(s.revision);
    else
      rows.downgrade(s.revision);
  }
  return step_text(map, *plan) + " => " + id_set(map, rows.rows());
}

std::string upgrade(const RevisionMap& map, const std::string& target, const std::string& current) {
  return outcome(map, current, Planner(map, lookup(map, current)).plan_upgrade(target));
}

std::string downgrade(const RevisionMap& map, const std::string& target, const std::string& current) {
  return outcome(map, current, Planner(map, lookup(map, current)).plan_downgrade(target));
}

// _upgrade_revs with a tuple of destinations: retort's TARGET is one symbol, so this goes to the traversal
// that plan_upgrade runs on (Alembic's iterate_revisions(destination, current, implicit_base=True), reversed).
std::string upgrade_to_all(const RevisionMap& map, const std::vector<std::string>& targets,
                           const std::string& current) {
  RevisionTraversal traversal(map);
  RevisionTraversal::Options options;
  options.implicit_base = true;
  auto order = traversal.iterate(Names{targets, false}, Names::ids(map, lookup(map, current)), options, false,
                                 RevisionTraversal::Purpose::kUpgrade);
  if (!order.ok()) return outcome(map, current, order.error());
  std::vector<MigrationStep> steps;
  for (auto it = order->rbegin(); it != order->rend(); ++it) steps.push_back({*it, true});
  return outcome(map, current, steps);
}

// _stamp_revs: each step as "[from] -> [to]" (Alembic's StampStep from_/to_ in its order), then the rows.
std::string stamp(const RevisionMap& map, const std::string& target, const std::string& current) {
  auto plan = Planner(map, lookup(map, current)).plan_stamp({target}, false);
  if (!plan.ok()) return "error: " + plan.error().to_string();
  std::string out;
  for (const auto& s : plan->steps) out += "[" + testing::ids(map, s.from) + "] -> [" + testing::ids(map, s.to) + "]; ";
  return out + "=> " + id_set(map, plan->rows);
}

// The rows after each of `steps` ("+b3 +b1 ..."), applied one at a time from `start` (Alembic's
// HeadMaintainer.update_to_step on hand-made steps).
std::vector<std::string> rows_through(const RevisionMap& map, const std::string& start, const std::string& steps) {
  VersionRows rows(map, lookup(map, start));
  std::vector<std::string> out;
  std::istringstream in(steps);
  std::string step;
  while (in >> step) {
    RevIndex r = lookup(map, step.substr(1)).at(0);
    if (step[0] == '+')
      rows.upgrade(r);
    else
      rows.downgrade(r);
    out.push_back(id_set(map, rows.rows()));
  }
  return out;
}


// --- RevisionPathTest: a -> b -> c -> d -> e with Alembic's fixed ids ------------------------------

const std::string kA = "e6239818bb3a", kB = "548bbb905360", kC = "b7ea43dc85e4", kD = "1bbe33445780",
                  kE = "3975fb1a0125";

class RevisionPathTest : public ::testing::Test {
 protected:
  RevisionMap map = build_map({{kA}, {kB, {kA}}, {kC, {kB}}, {kD, {kC}}, {kE, {kD}}});
};

// test_version_traversal.py RevisionPathTest.test_downgrade_base_no_version
TEST_F(RevisionPathTest, DowngradeBaseNoVersion) { EXPECT_EQ(downgrade(map, "base", ""), " => "); }

// test_version_traversal.py RevisionPathTest.test_downgrade_to_existing (#838)
TEST_F(RevisionPathTest, DowngradeToExisting) { EXPECT_EQ(downgrade(map, kA, kA), " => " + kA); }

// test_version_traversal.py RevisionPathTest.test_downgrade_to_existing_head (#839)
TEST_F(RevisionPathTest, DowngradeToExistingHead) { EXPECT_EQ(downgrade(map, kE, kE), " => " + kE); }

// test_version_traversal.py RevisionPathTest.test_upgrade_path
TEST_F(RevisionPathTest, UpgradePath) {
  EXPECT_EQ(upgrade(map, kE, kC), "+" + kD + " +" + kE + " => " + kE);
  EXPECT_EQ(upgrade(map, kC, ""), "+" + kA + " +" + kB + " +" + kC + " => " + kC);
}

// test_version_traversal.py RevisionPathTest.test_relative_upgrade_path
TEST_F(RevisionPathTest, RelativeUpgradePath) {
  EXPECT_EQ(upgrade(map, "+2", kA), "+" + kB + " +" + kC + " => " + kC);
  EXPECT_EQ(upgrade(map, "+1", kA), "+" + kB + " => " + kB);
  EXPECT_EQ(upgrade(map, "+3", kB), "+" + kC + " +" + kD + " +" + kE + " => " + kE);
  EXPECT_EQ(upgrade(map, kB + "+2", kA), "+" + kB + " +" + kC + " +" + kD + " => " + kD);
  EXPECT_EQ(upgrade(map, kD + "-2", kA), "+" + kB + " => " + kB);
}

// test_version_traversal.py RevisionPathTest.test_invalid_relative_upgrade_path
TEST_F(RevisionPathTest, InvalidRelativeUpgradePath) {
  expect_refused(upgrade(map, "-2", kB), {"-2"});
  expect_refused(upgrade(map, "+5", kB), {"+5"});
}

// test_version_traversal.py RevisionPathTest.test_downgrade_path
TEST_F(RevisionPathTest, DowngradePath) {
  EXPECT_EQ(downgrade(map, kC, kE), "-" + kE + " -" + kD + " => " + kC);
  EXPECT_EQ(downgrade(map, "base", kC), "-" + kC + " -" + kB + " -" + kA + " => ");
}

// test_version_traversal.py RevisionPathTest.test_relative_downgrade_path
TEST_F(RevisionPathTest, RelativeDowngradePath) {
  EXPECT_EQ(downgrade(map, "-1", kC), "-" + kC + " => " + kB);
  EXPECT_EQ(downgrade(map, "-3", kE), "-" + kE + " -" + kD + " -" + kC + " => " + kB);
  EXPECT_EQ(downgrade(map, kA + "+2", kD), "-" + kD + " => " + kC);
  EXPECT_EQ(downgrade(map, kC + "-2", kD), "-" + kD + " -" + kC + " -" + kB + " => " + kA);
}

// test_version_traversal.py RevisionPathTest.test_invalid_relative_downgrade_path
TEST_F(RevisionPathTest, InvalidRelativeDowngradePath) {
  expect_refused(downgrade(map, "-5", kB), {"-5"});
  expect_refused(downgrade(map, "+2", kB), {"+2"});
}

// test_version_traversal.py RevisionPathTest.test_invalid_move_rev_to_none
TEST_F(RevisionPathTest, InvalidMoveRevToNone) {
  expect_refused(downgrade(map, kB.substr(0, 3), ""), {kB.substr(0, 3)});
}

// test_version_traversal.py RevisionPathTest.test_invalid_move_higher_to_lower
TEST_F(RevisionPathTest, InvalidMoveHigherToLower) {
  expect_refused(downgrade(map, kC.substr(0, 4), kB), {kC.substr(0, 4)});
}

// test_version_traversal.py RevisionPathTest.test_stamp_to_base
TEST_F(RevisionPathTest, StampToBase) { EXPECT_EQ(stamp(map, "base", kD), "[" + kD + "] -> []; => "); }

// --- BranchedPathTest: a -> b -> c1 (c1branch) -> d1, b -> c2 (c2branch) -> d2 -------------------

std::vector<Rev> branched_path() {
  return {{"a"}, {"b", {"a"}}, {"c1", {"b"}, {}, {"c1branch"}}, {"d1", {"c1"}}, {"c2", {"b"}, {}, {"c2branch"}},
          {"d2", {"c2"}}};
}

class BranchedPathTest : public ::testing::Test {
 protected:
  RevisionMap map = build_map(branched_path());
};

// test_version_traversal.py BranchedPathTest.test_stamp_down_across_multiple_branch_to_branchpoint
// (Alembic: DELETE d1, UPDATE c2 to b: from_ = [d1, c2], to_ = [b])
TEST_F(BranchedPathTest, StampDownAcrossMultipleBranchToBranchpoint) {
  EXPECT_EQ(stamp(map, "b", "d1 c2"), "[d1 c2] -> [b]; => b");
}

// test_version_traversal.py BranchedPathTest.test_stamp_to_labeled_base_multiple_heads
TEST_F(BranchedPathTest, StampToLabeledBaseMultipleHeads) {
  EXPECT_EQ(stamp(map, "c1branch@base", "d1 c2"), "[d1] -> []; => c2");
}

// test_version_traversal.py BranchedPathTest.test_stamp_to_labeled_head_multiple_heads
TEST_F(BranchedPathTest, StampToLabeledHeadMultipleHeads) {
  EXPECT_EQ(stamp(map, "c2branch@head", "d1 c2"), "[c2] -> [d2]; => d1 d2");
}

// test_version_traversal.py BranchedPathTest.test_upgrade_single_branch
TEST_F(BranchedPathTest, UpgradeSingleBranch) { EXPECT_EQ(upgrade(map, "d1", "b"), "+c1 +d1 => d1"); }

// test_version_traversal.py BranchedPathTest.test_upgrade_multiple_branch
TEST_F(BranchedPathTest, UpgradeMultipleBranch) {
  EXPECT_EQ(upgrade_to_all(map, {"d1", "d2"}, "a"), "+b +c2 +d2 +c1 +d1 => d1 d2");
}

// test_version_traversal.py BranchedPathTest.test_downgrade_multiple_branch
TEST_F(BranchedPathTest, DowngradeMultipleBranch) {
  EXPECT_EQ(downgrade(map, "a", "d1 d2"), "-d1 -c1 -d2 -c2 -b => a");
}

// test_version_traversal.py BranchedPathTest.test_relative_upgrade
TEST_F(BranchedPathTest, RelativeUpgrade) { EXPECT_EQ(upgrade(map, "c2branch@head-1", "b"), "+c2 => c2"); }

// test_version_traversal.py BranchedPathTest.test_relative_downgrade_baseplus2
TEST_F(BranchedPathTest, RelativeDowngradeBaseplus2) {
  EXPECT_EQ(downgrade(map, "base+2", "d2 d1"), "-d1 -c1 -d2 -c2 => b");
}

// test_version_traversal.py BranchedPathTest.test_relative_downgrade_branchplus2
TEST_F(BranchedPathTest, RelativeDowngradeBranchplus2) {
  EXPECT_EQ(downgrade(map, "c2branch@base+2", "d2 d1"), "-d2 -c2 => d1");
}

// test_version_traversal.py BranchedPathTest.test_relative_downgrade_branchplus3
TEST_F(BranchedPathTest, RelativeDowngradeBranchplus3) {
  EXPECT_EQ(downgrade(map, "c2", "d2 d1"), "-d2 => c2 d1");
  EXPECT_EQ(downgrade(map, "c2branch@base+3", "d2 d1"), "-d2 => c2 d1");
}

// test_version_traversal.py BranchedPathTest.test_downgrade_once_order_right
// DESIGN.md §5 difference: `downgrade -1` with several heads is refused (Alembic warns and takes -d2).
TEST_F(BranchedPathTest, DowngradeOnceOrderRightIsRefused) {
  expect_refused(downgrade(map, "-1", "d2 d1"), {"d1", "d2"});
}

// test_version_traversal.py BranchedPathTest.test_downgrade_once_order_right_unbalanced
// DESIGN.md §5 difference: refused (Alembic warns and takes -c2).
TEST_F(BranchedPathTest, DowngradeOnceOrderRightUnbalancedIsRefused) {
  expect_refused(downgrade(map, "-1", "c2 d1"), {"c2", "d1"});
}

// test_version_traversal.py BranchedPathTest.test_downgrade_once_order_left
// DESIGN.md §5 difference: refused (Alembic warns and takes -d1).
TEST_F(BranchedPathTest, DowngradeOnceOrderLeftIsRefused) {
  expect_refused(downgrade(map, "-1", "d1 d2"), {"d1", "d2"});
}

// test_version_traversal.py BranchedPathTest.test_downgrade_once_order_left_unbalanced
// DESIGN.md §5 difference: refused (Alembic warns and takes -c1).
TEST_F(BranchedPathTest, DowngradeOnceOrderLeftUnbalancedIsRefused) {
  expect_refused(downgrade(map, "-1", "c1 d2"), {"c1", "d2"});
}

// test_version_traversal.py BranchedPathTest.test_downgrade_once_order_left_unbalanced_labelled
TEST_F(BranchedPathTest, DowngradeOnceOrderLeftUnbalancedLabelled) {
  EXPECT_EQ(downgrade(map, "c1branch@-1", "d1 d2"), "-d1 => c1 d2");
}

// test_version_traversal.py BranchedPathTest.test_downgrade_relative_order_right (#765)
TEST_F(BranchedPathTest, DowngradeRelativeOrderRight) { EXPECT_EQ(downgrade(map, "d2-1", "d2 c1"), "-d2 => c1 c2"); }

// test_version_traversal.py BranchedPathTest.test_downgrade_relative_order_left (#765)
TEST_F(BranchedPathTest, DowngradeRelativeOrderLeft) { EXPECT_EQ(downgrade(map, "d2-1", "c1 d2"), "-d2 => c1 c2"); }

// test_version_traversal.py BranchedPathTest.test_downgrade_single_branch_c1branch
TEST_F(BranchedPathTest, DowngradeSingleBranchC1branch) {
  EXPECT_EQ(downgrade(map, "c1branch@b", "c1 d2"), "-c1 => d2");
}

// test_version_traversal.py BranchedPathTest.test_downgrade_single_branch_c1branch_from_d1_head
TEST_F(BranchedPathTest, DowngradeSingleBranchC1branchFromD1Head) {
  EXPECT_EQ(downgrade(map, "c2branch@b", "c1 d2"), "-d2 -c2 => c1");
}

// test_version_traversal.py BranchedPathTest.test_downgrade_single_branch_c2
TEST_F(BranchedPathTest, DowngradeSingleBranchC2) { EXPECT_EQ(downgrade(map, "c2@b", "d1 d2"), "-d2 -c2 => d1"); }

// test_version_traversal.py BranchedPathTest.test_downgrade_single_branch_d1
TEST_F(BranchedPathTest, DowngradeSingleBranchD1) { EXPECT_EQ(downgrade(map, "d1@b", "d1 d2"), "-d1 -c1 => d2"); }

// test_version_traversal.py BranchedPathTest.test_downgrade_relative_to_branch_head
TEST_F(BranchedPathTest, DowngradeRelativeToBranchHead) {
  EXPECT_EQ(downgrade(map, "c1branch@head-1", "d1 d2"), "-d1 => c1 d2");
}

// test_version_traversal.py BranchedPathTest.test_upgrade_other_branch_from_mergepoint
TEST_F(BranchedPathTest, UpgradeOtherBranchFromMergepoint) {
  EXPECT_EQ(upgrade(map, "c2branch@+1", "c1"), "+c2 => c1 c2");
}

// test_version_traversal.py BranchedPathTest.test_upgrade_one_branch_of_heads
TEST_F(BranchedPathTest, UpgradeOneBranchOfHeads) { EXPECT_EQ(upgrade(map, "c2branch@+1", "c1 c2"), "+d2 => c1 d2"); }

// test_version_traversal.py BranchedPathTest.test_ambiguous_upgrade
TEST_F(BranchedPathTest, AmbiguousUpgrade) { expect_refused(upgrade(map, "+1", "c1 c2"), {"c1", "c2"}); }

// test_version_traversal.py BranchedPathTest.test_upgrade_from_base
TEST_F(BranchedPathTest, UpgradeFromBase) { EXPECT_EQ(upgrade(map, "base+1", ""), "+a => a"); }

// test_version_traversal.py BranchedPathTest.test_upgrade_from_base_implicit
TEST_F(BranchedPathTest, UpgradeFromBaseImplicit) { EXPECT_EQ(upgrade(map, "+1", ""), "+a => a"); }

// test_version_traversal.py BranchedPathTest.test_downgrade_minus1_to_base
TEST_F(BranchedPathTest, DowngradeMinus1ToBase) { EXPECT_EQ(downgrade(map, "-1", "a"), "-a => "); }

// test_version_traversal.py BranchedPathTest.test_downgrade_minus1_from_base
TEST_F(BranchedPathTest, DowngradeMinus1FromBase) { expect_refused(downgrade(map, "-1", ""), {"-1"}); }

// test_version_traversal.py BranchedPathTest.test_downgrade_no_effect_branched
TEST_F(BranchedPathTest, DowngradeNoEffectBranched) {
  EXPECT_EQ(downgrade(map, "c2", "d1 c2"), " => c2 d1");
  EXPECT_EQ(downgrade(map, "d1", "d1 c2"), " => c2 d1");
}

// --- BranchFromMergepointTest -------------------------------------------------------------------

// a1 -> b1 -> c1, a2 -> b2 -> c2; d1 merges c1 and c2; d2 continues c2.
class BranchFromMergepointTest : public ::testing::Test {
 protected:
  RevisionMap map = build_map({
      {"a1"},
      {"b1", {"a1"}},
      {"c1", {"b1"}},
      {"a2"},
      {"b2", {"a2"}},
      {"c2", {"b2"}},
      {"d1", {"c1", "c2"}},
      {"d2", {"c2"}},
  });
};

// test_version_traversal.py BranchFromMergepointTest.test_mergepoint_to_only_one_side_upgrade
TEST_F(BranchFromMergepointTest, MergepointToOnlyOneSideUpgrade) {
  EXPECT_EQ(upgrade(map, "d1", "d2 b1"), "+c1 +d1 => d1 d2");
}

// test_version_traversal.py BranchFromMergepointTest.test_mergepoint_to_only_one_side_downgrade
TEST_F(BranchFromMergepointTest, MergepointToOnlyOneSideDowngrade) {
  EXPECT_EQ(downgrade(map, "b1", "d2 d1"), "-d1 -c1 => b1 d2");
}

// --- BranchFrom3WayMergepointTest ---------------------------------------------------------------

class BranchFrom3WayMergepointTest : public ::testing::Test {
 protected:
  RevisionMap map = build_map({
      {"a1"},
      {"b1", {"a1"}},
      {"c1", {"b1"}},
      {"a2"},
      {"b2", {"a2"}},
      {"c2", {"b2"}},
      {"a3"},
      {"b3", {"a3"}},
      {"c3", {"b3"}},
      {"d1", {"c1", "c2", "c3"}},
      {"d2", {"c2"}},
      {"d3", {"c3"}},
  });
};

// test_version_traversal.py BranchFrom3WayMergepointTest.test_mergepoint_to_only_one_side_upgrade
TEST_F(BranchFrom3WayMergepointTest, MergepointToOnlyOneSideUpgrade) {
  EXPECT_EQ(upgrade(map, "d1", "d3 d2 b1"), "+c1 +d1 => d1 d2 d3");
}

// test_version_traversal.py BranchFrom3WayMergepointTest.test_mergepoint_to_only_one_side_downgrade
TEST_F(BranchFrom3WayMergepointTest, MergepointToOnlyOneSideDowngrade) {
  EXPECT_EQ(downgrade(map, "b1", "d3 d2 d1"), "-d1 -c1 => b1 d2 d3");
}

// test_version_traversal.py BranchFrom3WayMergepointTest.test_mergepoint_to_two_sides_upgrade
TEST_F(BranchFrom3WayMergepointTest, MergepointToTwoSidesUpgrade) {
  EXPECT_EQ(upgrade(map, "d1", "d3 b2 b1"), "+c2 +c1 +d1 => d1 d3");
  // b2's line breaks out again when it is continued.
  EXPECT_EQ(upgrade(map, "d2", "d3 d1"), "+d2 => d1 d2 d3");
}

// --- TwinMergeTest and NotQuiteTwinMergeTest (#297): rows through hand-made upgrade steps ----------

// test_version_traversal.py TwinMergeTest.test_upgrade
TEST(TwinMergeTest, Upgrade) {
  RevisionMap map = build_map({
      {"a"},
      {"b1", {"a"}},
      {"b2", {"a"}},
      {"b3", {"a"}},
      {"c1", {"b1", "b2", "b3"}},
      {"c2", {"b1", "b2", "b3"}},
      {"d1", {"c1"}},
      {"d2", {"c2"}},
  });
  EXPECT_EQ(rows_through(map, "a", "+b3 +b1 +b2 +c2 +d2 +c1 +d1"),
            (std::vector<std::string>{"b3", "b1 b3", "b1 b2 b3", "c2", "d2", "c1 d2", "d1 d2"}));
}

// test_version_traversal.py NotQuiteTwinMergeTest.test_upgrade
TEST(NotQuiteTwinMergeTest, Upgrade) {
  RevisionMap map = build_map({
      {"a"},
      {"b1", {"a"}},
      {"b2", {"a"}},
      {"b3", {"a"}},
      {"c1", {"b1", "b2"}},
      {"c2", {"b2", "b3"}},
      {"d1", {"c1"}},
      {"d2", {"c2"}},
  });
  EXPECT_EQ(rows_through(map, "a", "+b2 +b3 +c2 +d2 +b1 +c1 +d1"),
            (std::vector<std::string>{"b2", "b2 b3", "c2", "d2", "b1 d2", "c1 d2", "d1 d2"}));
}

// --- DependsOnBranchTestOne ----------------------------------------------------------------------

// a1 (lib1) -> b1 -> c1 -> d1 -> e1 -> f1; a2 -> b2 -> c2, c2 depends on c1.
class DependsOnBranchTestOne : public ::testing::Test {
 protected:
  RevisionMap map = build_map({
      {"a1", {}, {}, {"lib1"}},
      {"b1", {"a1"}},
      {"c1", {"b1"}},
      {"a2"},
      {"b2", {"a2"}},
      {"c2", {"b2"}, {"c1"}},
      {"d1", {"c1"}},
      {"e1", {"d1"}},
      {"f1", {"e1"}},
  });
};

// test_version_traversal.py DependsOnBranchTestOne.test_downgrade_to_dependency
TEST_F(DependsOnBranchTestOne, DowngradeToDependency) {
  EXPECT_EQ(rows_through(map, "c2 d1", "-d1"), (std::vector<std::string>{"c2"}));
}

// test_version_traversal.py DependsOnBranchTestOne.test_stamp_across_dependency
TEST_F(DependsOnBranchTestOne, StampAcrossDependency) {
  EXPECT_EQ(stamp(map, "b1", "e1 c2"), "[e1 c2] -> [b1]; => b1");
}

// --- DependsOnBranchTestTwo ----------------------------------------------------------------------

// Three merges of independent bases; d1 ("overmerge") is a base that depends on a3, b2 and c1.
// test_version_traversal.py DependsOnBranchTestTwo.test_kaboom
TEST(DependsOnBranchTestTwo, Kaboom) {
  RevisionMap map = build_map({
      {"a1"},
      {"a2"},
      {"a3"},
      {"amerge", {"a1", "a2", "a3"}},
      {"b1"},
      {"b2"},
      {"bmerge", {"b1", "b2"}},
      {"c1"},
      {"c2"},
      {"c3"},
      {"cmerge", {"c1", "c2", "c3"}},
      {"d1", {}, {"a3", "b2", "c1"}},
  });
  // b2 is not a row afterwards: d1 implies it.
  EXPECT_EQ(downgrade(map, "b2", "amerge bmerge cmerge d1"), "-bmerge => amerge b1 cmerge d1");
  // b2 has to be INSERTed, because it was implied by d1.
  EXPECT_EQ(downgrade(map, "d1@base", "amerge d1 b1 cmerge"), "-d1 => amerge b1 b2 cmerge");
  EXPECT_EQ(downgrade(map, "base", "amerge b1 b2 cmerge"), "-amerge -a1 -b1 -b2 -cmerge -c1 -a2 -a3 -c2 -c3 => ");
}

// --- DependsOnBranchTestThree (#377) -------------------------------------------------------------

// test_version_traversal.py DependsOnBranchTestThree.test_downgrade_over_crisscross
TEST(DependsOnBranchTestThree, DowngradeOverCrisscross) {
  RevisionMap map = build_map({
      {"a1"},
      {"a2", {"a1"}},
      {"b1"},
      {"b2", {"b1"}, {"a2"}},
      {"b3", {"b2"}},
      {"a3", {"a2"}, {"b1"}},
  });
  // b1 stays applied too, implied by a3.
  EXPECT_EQ(downgrade(map, "b1", "a3 b2"), "-b2 => a3");
}

// --- DependsOnOwnDownrevTest (#843) ---------------------------------------------------------------

class DependsOnOwnDownrevTest : public ::testing::Test {
 protected:
  RevisionMap map = build_map({{"a1"}, {"a2", {"a1"}, {"a1"}}});
};

// test_version_traversal.py DependsOnOwnDownrevTest.test_traverse
TEST_F(DependsOnOwnDownrevTest, Traverse) { EXPECT_EQ(upgrade(map, "a2", ""), "+a1 +a2 => a2"); }

// test_version_traversal.py DependsOnOwnDownrevTest.test_traverse_down
TEST_F(DependsOnOwnDownrevTest, TraverseDown) { EXPECT_EQ(downgrade(map, "a1", "a2"), "-a2 => a1"); }

// --- DependsOnBranchTestFour (#789) ---------------------------------------------------------------

// test_version_traversal.py DependsOnBranchTestFour.test_dependencies_are_normalized
TEST(DependsOnBranchTestFour, DependenciesAreNormalized) {
  RevisionMap map = build_map({
      {"a1"},
      {"a2", {"a1"}},
      {"a3", {"a2"}},
      {"b1"},
      {"b2", {"b1"}, {"a3"}},
      {"b3", {"b2"}},
      {"b4", {"b3"}, {"a3"}},
  });
  // a3 is not a row: b3 still implies it.
  EXPECT_EQ(downgrade(map, "b3", "b4"), "-b4 => b3");
}

// --- DependsOnBranchLabelTest ---------------------------------------------------------------------

// test_version_traversal.py DependsOnBranchLabelTest.test_upgrade_path
TEST(DependsOnBranchLabelTest, UpgradePath) {
  RevisionMap map = build_map({
      {"a1", {}, {}, {"lib1"}},
      {"b1", {"a1"}},
      {"c1", {"b1"}, {}, {"c1lib"}},
      {"a2"},
      {"b2", {"a2"}},
      {"c2", {"b2"}, {"c1lib"}},
      {"d1", {"c1"}},
      {"e1", {"d1"}},
      {"f1", {"e1"}},
  });
  EXPECT_EQ(upgrade(map, "c2", "a2"), "+a1 +b1 +c1 +b2 +c2 => c2");
}

// --- ForestTest: two independent trees a1 -> b1 and a2 -> b2 -------------------------------------

class ForestTest : public ::testing::Test {
 protected:
  RevisionMap map = build_map({{"a1"}, {"b1", {"a1"}}, {"a2"}, {"b2", {"a2"}}});
};

// test_version_traversal.py ForestTest.test_base_to_heads
TEST_F(ForestTest, BaseToHeads) {
  auto plan = Planner(map, {}).plan_upgrade("heads");
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  EXPECT_EQ(step_text(map, *plan), "+a2 +b2 +a1 +b1");
}

// test_version_traversal.py ForestTest.test_stamp_to_heads
TEST_F(ForestTest, StampToHeads) {
  auto plan = Planner(map, {}).plan_stamp({"heads"}, false);
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  ASSERT_EQ(plan->steps.size(), 2u);
  std::set<std::string> to;  // Alembic compares the steps' to_revisions as a set
  for (const auto& s : plan->steps) to.insert(testing::ids(map, s.to));
  EXPECT_EQ(to, (std::set<std::string>{"b1", "b2"}));
  EXPECT_EQ(id_set(map, plan->rows), "b1 b2");
}

// test_version_traversal.py ForestTest.test_stamp_to_heads_no_moves_needed
TEST_F(ForestTest, StampToHeadsNoMovesNeeded) { EXPECT_EQ(stamp(map, "heads", "b1 b2"), "=> b1 b2"); }

// --- MergedPathTest: a -> b -> c1 -> d1 and b -> c2 (c2branch) -> d2, merged by e, then f ----------

class MergedPathTest : public ::testing::Test {
 protected:
  RevisionMap map = build_map({
      {"a"},
      {"b", {"a"}},
      {"c1", {"b"}},
      {"d1", {"c1"}},
      {"c2", {"b"}, {}, {"c2branch"}},
      {"d2", {"c2"}},
      {"e", {"d1", "d2"}},
      {"f", {"e"}},
  });
};

// test_version_traversal.py MergedPathTest.test_stamp_down_across_merge_point_branch
TEST_F(MergedPathTest, StampDownAcrossMergePointBranch) { EXPECT_EQ(stamp(map, "c2", "e"), "[e] -> [c2]; => c2"); }

// test_version_traversal.py MergedPathTest.test_stamp_down_across_merge_prior_branching
TEST_F(MergedPathTest, StampDownAcrossMergePriorBranching) { EXPECT_EQ(stamp(map, "a", "e"), "[e] -> [a]; => a"); }

// test_version_traversal.py MergedPathTest.test_stamp_up_across_merge_from_single_branch
TEST_F(MergedPathTest, StampUpAcrossMergeFromSingleBranch) { EXPECT_EQ(stamp(map, "e", "c2"), "[c2] -> [e]; => e"); }

// test_version_traversal.py MergedPathTest.test_stamp_labled_head_across_merge_from_multiple_branch
// (Alembic: DELETE d1, UPDATE c2 to f)
TEST_F(MergedPathTest, StampLabeledHeadAcrossMergeFromMultipleBranch) {
  EXPECT_EQ(stamp(map, "c2branch@head", "d1 c2"), "[d1 c2] -> [f]; => f");
}

// test_version_traversal.py MergedPathTest.test_stamp_up_across_merge_from_multiple_branch
TEST_F(MergedPathTest, StampUpAcrossMergeFromMultipleBranch) {
  EXPECT_EQ(stamp(map, "e", "d1 c2"), "[d1 c2] -> [e]; => e");
}

// test_version_traversal.py MergedPathTest.test_stamp_up_across_merge_prior_branching
TEST_F(MergedPathTest, StampUpAcrossMergePriorBranching) { EXPECT_EQ(stamp(map, "e", "b"), "[b] -> [e]; => e"); }

// test_version_traversal.py MergedPathTest.test_upgrade_across_merge_point
TEST_F(MergedPathTest, UpgradeAcrossMergePoint) { EXPECT_EQ(upgrade(map, "f", "b"), "+c2 +d2 +c1 +d1 +e +f => f"); }

// test_version_traversal.py MergedPathTest.test_downgrade_across_merge_point
TEST_F(MergedPathTest, DowngradeAcrossMergePoint) {
  EXPECT_EQ(downgrade(map, "b", "f"), "-f -e -d1 -c1 -d2 -c2 => b");
  // The unmerge and the branch delete Alembic's comments describe: e -> d1 and d2, then c2 -> b.
  EXPECT_EQ(rows_through(map, "f", "-f -e -d1 -c1 -d2 -c2"),
            (std::vector<std::string>{"e", "d1 d2", "c1 d2", "d2", "c2", "b"}));
}

// --- BranchedPathTestCrossDependencies: BranchedPathTest with d2 depending on c1 ------------------

class BranchedPathTestCrossDependencies : public ::testing::Test {
 protected:
  RevisionMap map = build_map({
      {"a"},
      {"b", {"a"}},
      {"c1", {"b"}, {}, {"c1branch"}},
      {"d1", {"c1"}},
      {"c2", {"b"}, {}, {"c2branch"}},
      {"d2", {"c2"}, {"c1"}},
  });
};

// test_version_traversal.py BranchedPathTestCrossDependencies.test_downgrade_independent_branch
TEST_F(BranchedPathTestCrossDependencies, DowngradeIndependentBranch) {
  EXPECT_EQ(downgrade(map, "c2branch@b", "d1 d2"), "-d2 -c2 => d1");
}

// test_version_traversal.py BranchedPathTestCrossDependencies.test_downgrade_branch_dependency
// Alembic asserts the set {c1, d1, d2}, d1 and d2 before c1, and the rows afterwards.
TEST_F(BranchedPathTestCrossDependencies, DowngradeBranchDependency) {
  auto plan = Planner(map, lookup(map, "d1 d2")).plan_downgrade("c1branch@b");
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  std::vector<std::string> order;
  for (const auto& s : *plan) {
    EXPECT_FALSE(s.upgrade);
    order.push_back(map.id(s.revision));
  }
  EXPECT_EQ(std::set<std::string>(order.begin(), order.end()), (std::set<std::string>{"c1", "d1", "d2"}));
  auto at = [&](const char* id) { return std::find(order.begin(), order.end(), id) - order.begin(); };
  EXPECT_LT(at("d1"), at("c1"));
  EXPECT_LT(at("d2"), at("c1"));
  std::string got = outcome(map, "d1 d2", *plan);
  EXPECT_EQ(got.substr(got.find("=> ")), "=> c2");
}

}  // namespace
}  // namespace retort
