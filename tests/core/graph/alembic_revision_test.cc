// Alembic 1.8.1's tests/test_revision.py, the cases about the revision graph: RevisionMap construction and
// its errors (RevisionMap::build), get_revision/get_revisions/filter_for_lineage (RevisionQuery) and
// iterate_revisions (RevisionTraversal::iterate). Same graphs, same ids, same file order as Alembic's lists.
// Expected values are Alembic's; every iteration is also checked against Alembic's partial-order rule
// (each revision before its normalized down revisions, as DownIterateTest._assert_iteration does).
//
// Not ported, no retort equivalent:
//   APITest.test_invalid_datatype (bytes identifiers from a database driver), APITest.test_repr_revs (Python repr).
#include "graph/revision_traversal.h"

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
using testing::ids;
using testing::lookup;
using testing::Rev;

// --- helpers ------------------------------------------------------------------------------------

// A symbol as Alembic receives a string ("heads", "ebranch@base"); a tuple of ids; None or ().
Names sym(const std::string& text) { return Names::typed_text(text); }
Names tuple(std::vector<std::string> items) { return Names{std::move(items), false}; }
Names none() { return Names{}; }

// iterate_revisions' keywords, with DownIterateTest._assert_iteration's defaults (inclusive=True).
struct Iter {
  bool inclusive = true;
  bool implicit_base = false;
  bool select_for_downgrade = false;
  Iter& exclusive() {
    inclusive = false;
    return *this;
  }
  Iter& implicit() {
    implicit_base = true;
    return *this;
  }
  Iter& downgrade() {
    select_for_downgrade = true;
    return *this;
  }
};

// Alembic's conforms_partial_ordering on _normalized_down_revisions edges, for an order read top-down.
void expect_partial_order(const RevisionMap& map, const std::vector<RevIndex>& order) {
  std::vector<long> pos(map.size(), -1);
  for (size_t k = 0; k < order.size(); ++k) pos[order[k]] = static_cast<long>(k);
  for (RevIndex r : order)
    for (RevIndex p : map.at(r).normalized_down) {
      if (pos[p] >= 0) {
        EXPECT_LT(pos[r], pos[p]) << map.id(r) << " must come before its parent " << map.id(p);
      }
    }
}

// DownIterateTest._assert_iteration: the ids iterate_revisions gives, or "error: <message>".
std::string iterate(const RevisionMap& map, const Names& upper, const Names& lower, const Iter& it = Iter()) {
  RevisionTraversal traversal(map);
  RevisionTraversal::Options options;
  options.inclusive = it.inclusive;
  options.implicit_base = it.implicit_base;
  auto order = traversal.iterate(upper, lower, options, it.select_for_downgrade, RevisionTraversal::Purpose::kHistory);
  if (!order.ok()) return "error: " + order.error().to_string();
  expect_partial_order(map, *order);
  return ids(map, *order);
}

std::string ref_text(const RevisionMap& map, const RevisionRef& r) {
  if (r.is_revision()) return map.id(r.rev);
  return r.is_base() ? "<base>" : "<none>";
}

// get_revision: one id, "<none>" (Alembic's None), or "error: <message>".
std::string revision(const RevisionMap& map, const std::string& name) {
  auto r = RevisionQuery(map).revision(name);
  return r.ok() ? ref_text(map, *r) : "error: " + r.error().to_string();
}

// get_revisions: the ids in order, or "error: <message>".
std::string revisions(const RevisionMap& map, const std::string& name) {
  auto r = RevisionQuery(map).revisions(name);
  if (!r.ok()) return "error: " + r.error().to_string();
  std::string out;
  for (const auto& ref : *r) out += (out.empty() ? "" : " ") + ref_text(map, ref);
  return out;
}

// filter_for_lineage(targets, check_against) as ids, or "error: <message>".
std::string filter_for_lineage(const RevisionMap& map, const std::vector<RevIndex>& targets,
                               const std::string& against) {
  auto r = RevisionQuery(map).filter_for_lineage(targets, against);
  return r.ok() ? ids(map, *r) : "error: " + r.error().to_string();
}

std::string sorted_ids(const RevisionMap& map, const RevisionSet& set) {
  std::vector<std::string> names;
  for (RevIndex r : members(set)) names.push_back(map.id(r));
  std::sort(names.begin(), names.end());
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : " ") + n;
  return out;
}


// A graph RevisionMap::build refuses, naming the file of each revision in `involved` (the test helper
// gives revision X the location "X.toml:1").
void expect_build_error(const std::vector<Rev>& revs, std::initializer_list<std::string> involved) {
  auto map = RevisionMap::build(testing::headers(revs));
  ASSERT_FALSE(map.ok()) << "the graph was accepted";
  const std::string text = map.error().to_string();
  for (const auto& id : involved)
    EXPECT_NE(text.find(id + ".toml:1"), std::string::npos) << "the error does not name " << id << ": " << text;
}

// --- APITest ------------------------------------------------------------------------------------

const std::vector<Rev> kLine = {{"a"}, {"b", {"a"}}, {"c", {"b"}}};
const std::vector<Rev> kTwoHeads = {{"a"}, {"b", {"a"}}, {"c1", {"b"}}, {"c2", {"b"}}};

// test_revision.py APITest.test_add_revision_one_head (retort has no add_revision: the map is rebuilt with
// the new revision appended to the files)
TEST(APITest, AddRevisionOneHead) {
  EXPECT_EQ(ids(build_map(kLine), build_map(kLine).heads()), "c");
  std::vector<Rev> more = kLine;
  more.push_back({"d", {"c"}});
  RevisionMap map = build_map(more);
  EXPECT_EQ(ids(map, map.heads()), "d");
}

// test_revision.py APITest.test_add_revision_two_head
TEST(APITest, AddRevisionTwoHead) {
  RevisionMap before = build_map(kTwoHeads);
  EXPECT_EQ(ids(before, before.heads()), "c1 c2");
  std::vector<Rev> more = kTwoHeads;
  more.push_back({"d1", {"c1"}});
  RevisionMap map = build_map(more);
  EXPECT_EQ(ids(map, map.heads()), "c2 d1");
}

// test_revision.py APITest.test_get_revision_head_single
TEST(APITest, GetRevisionHeadSingle) { EXPECT_EQ(revision(build_map(kLine), "head"), "c"); }

// test_revision.py APITest.test_get_revision_base_single
TEST(APITest, GetRevisionBaseSingle) { EXPECT_EQ(revision(build_map(kLine), "base"), "<none>"); }

// test_revision.py APITest.test_get_revision_head_multiple
TEST(APITest, GetRevisionHeadMultiple) { expect_refused(revision(build_map(kTwoHeads), "head"), {"c1", "c2"}); }

// test_revision.py APITest.test_get_revision_heads_multiple
TEST(APITest, GetRevisionHeadsMultiple) { expect_refused(revision(build_map(kTwoHeads), "heads"), {"c1", "c2"}); }

// test_revision.py APITest.test_get_revisions_head_multiple
TEST(APITest, GetRevisionsHeadMultiple) { expect_refused(revisions(build_map(kTwoHeads), "head"), {"c1", "c2"}); }

// test_revision.py APITest.test_get_revisions_heads_multiple
TEST(APITest, GetRevisionsHeadsMultiple) { EXPECT_EQ(revisions(build_map(kTwoHeads), "heads"), "c1 c2"); }

// test_revision.py APITest.test_get_revision_base_multiple
TEST(APITest, GetRevisionBaseMultiple) {
  EXPECT_EQ(revision(build_map({{"a"}, {"b", {"a"}}, {"c"}, {"d", {"c"}}}), "base"), "<none>");
}

// test_revision.py APITest.test_iterate_tolerates_dupe_targets
TEST(APITest, IterateToleratesDupeTargets) {
  // Not inclusive, so a is not traversed.
  EXPECT_EQ(iterate(build_map(kLine), tuple({"c", "c"}), sym("a"), Iter().exclusive()), "c b");
}

// --- DiamondTest, EmptyMapTest ------------------------------------------------------------------

// test_revision.py DiamondTest.test_iterate_simple_diamond
TEST(DiamondTest, IterateSimpleDiamond) {
  RevisionMap map = build_map({{"a"}, {"b1", {"a"}}, {"b2", {"a"}}, {"c", {"b1", "b2"}}, {"d", {"c"}}});
  EXPECT_EQ(iterate(map, sym("d"), sym("a")), "d c b1 b2 a");
}

// test_revision.py EmptyMapTest.test_iterate (#258)
TEST(EmptyMapTest, Iterate) { EXPECT_EQ(iterate(build_map({}), sym("head"), sym("base")), ""); }

// --- LabeledBranchTest --------------------------------------------------------------------------

class LabeledBranchTest : public ::testing::Test {
 protected:
  RevisionMap map = build_map({
      {"a", {}, {}, {"abranch"}},
      {"b", {"a"}},
      {"somelongername", {"b"}},
      {"c", {"somelongername"}},
      {"d"},
      {"e", {"d"}, {}, {"ebranch"}},
      {"someothername", {"e"}},
      {"f", {"someothername"}},
  });
};

// test_revision.py LabeledBranchTest.test_dupe_branch_collection
TEST_F(LabeledBranchTest, DupeBranchCollection) {
  std::vector<Rev> revs = {{"a"},       {"b", {"a"}}, {"c", {"b"}, {}, {"xy1"}}, {"d"}, {"e", {"d"}, {}, {"xy1"}},
                           {"f", {"e"}}};
  expect_build_error(revs, {"c", "e"});
  auto built = RevisionMap::build(testing::headers(revs));
  ASSERT_FALSE(built.ok());
  EXPECT_TRUE(mentions(built.error().to_string(), "xy1")) << built.error().to_string();
}

// test_revision.py LabeledBranchTest.test_filter_for_lineage_labeled_head_across_merge
TEST_F(LabeledBranchTest, FilterForLineageLabeledHeadAcrossMerge) {
  RevisionMap other =
      build_map({{"a"}, {"b", {"a"}}, {"c1", {"b"}, {}, {"c1branch"}}, {"c2", {"b"}}, {"d", {"c1", "c2"}}});
  EXPECT_EQ(filter_for_lineage(other, lookup(other, "c1 c2 d"), "c1branch@head"), "c1 c2 d");
}

// test_revision.py LabeledBranchTest.test_filter_for_lineage_heads
TEST_F(LabeledBranchTest, FilterForLineageHeads) { EXPECT_EQ(filter_for_lineage(map, lookup(map, "f"), "heads"), "f"); }

// test_revision.py LabeledBranchTest.test_get_base_revisions_labeled (_get_base_revisions is
// filter_for_lineage(bases, identifier))
TEST_F(LabeledBranchTest, GetBaseRevisionsLabeled) {
  EXPECT_EQ(filter_for_lineage(map, map.bases(), "somelongername@base"), "a");
}

// test_revision.py LabeledBranchTest.test_get_current_named_rev
TEST_F(LabeledBranchTest, GetCurrentNamedRev) { EXPECT_EQ(revision(map, "ebranch@head"), "f"); }

// test_revision.py LabeledBranchTest.test_get_base_revisions
TEST_F(LabeledBranchTest, GetBaseRevisions) { EXPECT_EQ(filter_for_lineage(map, map.bases(), "base"), "a d"); }

// test_revision.py LabeledBranchTest.test_iterate_head_to_named_base
TEST_F(LabeledBranchTest, IterateHeadToNamedBase) {
  EXPECT_EQ(iterate(map, sym("heads"), sym("ebranch@base")), "f someothername e d");
  EXPECT_EQ(iterate(map, sym("heads"), sym("abranch@base")), "c somelongername b a");
}

// test_revision.py LabeledBranchTest.test_iterate_named_head_to_base
TEST_F(LabeledBranchTest, IterateNamedHeadToBase) {
  EXPECT_EQ(iterate(map, sym("ebranch@head"), sym("base")), "f someothername e d");
  EXPECT_EQ(iterate(map, sym("abranch@head"), sym("base")), "c somelongername b a");
}

// test_revision.py LabeledBranchTest.test_iterate_named_head_to_heads
TEST_F(LabeledBranchTest, IterateNamedHeadToHeads) { EXPECT_EQ(iterate(map, sym("heads"), sym("ebranch@head")), "f"); }

// test_revision.py LabeledBranchTest.test_iterate_named_rev_to_heads
TEST_F(LabeledBranchTest, IterateNamedRevToHeads) {
  EXPECT_EQ(iterate(map, sym("heads"), sym("ebranch@d")), "f someothername e d");
}

// test_revision.py LabeledBranchTest.test_iterate_head_to_version_specific_base
TEST_F(LabeledBranchTest, IterateHeadToVersionSpecificBase) {
  EXPECT_EQ(iterate(map, sym("heads"), sym("e@base")), "f someothername e d");
  EXPECT_EQ(iterate(map, sym("heads"), sym("c@base")), "c somelongername b a");
}

// test_revision.py LabeledBranchTest.test_iterate_to_branch_at_rev
TEST_F(LabeledBranchTest, IterateToBranchAtRev) {
  EXPECT_EQ(iterate(map, sym("heads"), sym("ebranch@d")), "f someothername e d");
}

// test_revision.py LabeledBranchTest.test_branch_w_down_relative
TEST_F(LabeledBranchTest, BranchWDownRelative) {
  EXPECT_EQ(iterate(map, sym("heads"), sym("ebranch@-2")), "f someothername e");
}

// test_revision.py LabeledBranchTest.test_branch_w_up_relative
TEST_F(LabeledBranchTest, BranchWUpRelative) { EXPECT_EQ(iterate(map, sym("ebranch@+2"), sym("base")), "e d"); }

// test_revision.py LabeledBranchTest.test_partial_id_resolve
TEST_F(LabeledBranchTest, PartialIdResolve) {
  EXPECT_EQ(revision(map, "ebranch@some"), "someothername");
  EXPECT_EQ(revision(map, "abranch@some"), "somelongername");
}

// test_revision.py LabeledBranchTest.test_partial_id_resolve_too_short
TEST_F(LabeledBranchTest, PartialIdResolveTooShort) {
  std::string got = revision(map, "ebranch@sos");
  expect_refused(got, {"sos"});
  EXPECT_NE(got.find("characters"), std::string::npos) << "Alembic names the four-character rule: " << got;
}

// test_revision.py LabeledBranchTest.test_branch_at_heads
TEST_F(LabeledBranchTest, BranchAtHeads) { EXPECT_EQ(revision(map, "abranch@heads"), "c"); }

// test_revision.py LabeledBranchTest.test_branch_at_syntax
TEST_F(LabeledBranchTest, BranchAtSyntax) {
  EXPECT_EQ(revision(map, "abranch@head"), "c");
  EXPECT_EQ(revision(map, "abranch@base"), "<none>");
  EXPECT_EQ(revision(map, "ebranch@head"), "f");
  EXPECT_EQ(revision(map, "ebranch@d"), "d");
}

// test_revision.py LabeledBranchTest.test_branch_at_self
TEST_F(LabeledBranchTest, BranchAtSelf) { EXPECT_EQ(revision(map, "ebranch@ebranch"), "e"); }

// test_revision.py LabeledBranchTest.test_retrieve_branch_revision
TEST_F(LabeledBranchTest, RetrieveBranchRevision) {
  EXPECT_EQ(revision(map, "abranch"), "a");
  EXPECT_EQ(revision(map, "ebranch"), "e");
}

// test_revision.py LabeledBranchTest.test_rev_not_in_branch
TEST_F(LabeledBranchTest, RevNotInBranch) {
  expect_refused(revision(map, "ebranch@b"), {"b", "ebranch"});
  expect_refused(revision(map, "abranch@d"), {"d", "abranch"});
}

// test_revision.py LabeledBranchTest.test_actually_short_rev_name
TEST_F(LabeledBranchTest, ActuallyShortRevName) { EXPECT_EQ(revision(map, "e"), "e"); }

// test_revision.py LabeledBranchTest.test_no_revision_exists
TEST_F(LabeledBranchTest, NoRevisionExists) {
  expect_refused(revision(map, "abranch@qprstuv"), {"qprstuv"});
  std::string got = revision(map, "abranch@qpr");
  expect_refused(got, {"qpr"});
  EXPECT_NE(got.find("characters"), std::string::npos) << "Alembic names the four-character rule: " << got;
}

// test_revision.py LabeledBranchTest.test_not_actually_a_branch
TEST_F(LabeledBranchTest, NotActuallyABranch) { EXPECT_EQ(revision(map, "e@d"), "d"); }

// test_revision.py LabeledBranchTest.test_not_actually_a_branch_partial_resolution
TEST_F(LabeledBranchTest, NotActuallyABranchPartialResolution) { EXPECT_EQ(revision(map, "someoth@d"), "d"); }

// test_revision.py LabeledBranchTest.test_no_such_branch
TEST_F(LabeledBranchTest, NoSuchBranch) { expect_refused(revision(map, "x@d"), {"x"}); }

// --- LongShortBranchTest ------------------------------------------------------------------------

// test_revision.py LongShortBranchTest.test_iterate_full
TEST(LongShortBranchTest, IterateFull) {
  RevisionMap map = build_map({{"a"}, {"b1", {"a"}}, {"b2", {"a"}}, {"c1", {"b1"}}, {"d11", {"c1"}}, {"d12", {"c1"}}});
  EXPECT_EQ(iterate(map, sym("heads"), sym("base")), "b2 d11 d12 c1 b1 a");
}

// --- MultipleBranchTest -------------------------------------------------------------------------

class MultipleBranchTest : public ::testing::Test {
 protected:
  RevisionMap map = build_map({
      {"a"},
      {"b1", {"a"}},
      {"b2", {"a"}},
      {"cb1", {"b1"}},
      {"cb2", {"b2"}},
      {"d1cb1", {"cb1"}},
      {"d2cb1", {"cb1"}},
      {"d1cb2", {"cb2"}},
      {"d2cb2", {"cb2"}},
      {"d3cb2", {"cb2"}},
      {"d1d2cb2", {"d1cb2", "d2cb2"}},
  });
};

// test_revision.py MultipleBranchTest.test_iterate_from_merge_point
TEST_F(MultipleBranchTest, IterateFromMergePoint) {
  EXPECT_EQ(iterate(map, sym("d1d2cb2"), sym("a")), "d1d2cb2 d1cb2 d2cb2 cb2 b2 a");
}

// test_revision.py MultipleBranchTest.test_iterate_multiple_heads
TEST_F(MultipleBranchTest, IterateMultipleHeads) {
  EXPECT_EQ(iterate(map, tuple({"d2cb2", "d3cb2"}), sym("a")), "d2cb2 d3cb2 cb2 b2 a");
}

// test_revision.py MultipleBranchTest.test_iterate_single_branch
TEST_F(MultipleBranchTest, IterateSingleBranch) { EXPECT_EQ(iterate(map, sym("d3cb2"), sym("a")), "d3cb2 cb2 b2 a"); }

// test_revision.py MultipleBranchTest.test_iterate_single_branch_to_base
TEST_F(MultipleBranchTest, IterateSingleBranchToBase) {
  EXPECT_EQ(iterate(map, sym("d3cb2"), sym("base")), "d3cb2 cb2 b2 a");
}

// test_revision.py MultipleBranchTest.test_iterate_multiple_branch_to_base
TEST_F(MultipleBranchTest, IterateMultipleBranchToBase) {
  EXPECT_EQ(iterate(map, tuple({"d3cb2", "cb1"}), sym("base")), "cb1 b1 d3cb2 cb2 b2 a");
}

// test_revision.py MultipleBranchTest.test_iterate_multiple_heads_single_base
TEST_F(MultipleBranchTest, IterateMultipleHeadsSingleBase) {
  // d1cb1 is left out: it is not a descendant of b2.
  EXPECT_EQ(iterate(map, tuple({"d1cb1", "d2cb2", "d3cb2"}), sym("b2")), "d2cb2 d3cb2 cb2 b2");
}

// test_revision.py MultipleBranchTest.test_same_branch_wrong_direction
TEST_F(MultipleBranchTest, SameBranchWrongDirection) {
  expect_refused(iterate(map, sym("b1"), sym("d1cb1"), Iter().exclusive()), {"d1cb1", "b1"});
}

// test_revision.py MultipleBranchTest.test_distinct_branches
TEST_F(MultipleBranchTest, DistinctBranches) {
  expect_refused(iterate(map, sym("d2cb2"), sym("b1"), Iter().exclusive()), {"b1", "d2cb2"});
}

// test_revision.py MultipleBranchTest.test_wrong_direction_to_base_as_none (#258: an error, not nothing)
TEST_F(MultipleBranchTest, WrongDirectionToBaseAsNone) {
  expect_refused(iterate(map, none(), sym("d1cb1"), Iter().exclusive()), {"d1cb1"});
}

// test_revision.py MultipleBranchTest.test_wrong_direction_to_base_as_empty
TEST_F(MultipleBranchTest, WrongDirectionToBaseAsEmpty) {
  expect_refused(iterate(map, tuple({}), sym("d1cb1"), Iter().exclusive()), {"d1cb1"});
}

// --- MultipleBranchEffectiveHead ----------------------------------------------------------------

// y1 (label y) -> y2, which depends on x1; x1 (label x) -> x2.
class MultipleBranchEffectiveHead : public ::testing::Test {
 protected:
  RevisionMap map = build_map({{"y1", {}, {}, {"y"}}, {"x1", {}, {}, {"x"}}, {"y2", {"y1"}, {"x1"}}, {"x2", {"x1"}}});
};

// test_revision.py MultipleBranchEffectiveHead.test_other_downgrade
TEST_F(MultipleBranchEffectiveHead, OtherDowngrade) {
  EXPECT_EQ(iterate(map, tuple({"x2", "y2"}), sym("x@-1"), Iter().exclusive().downgrade()), "x2");
}

// test_revision.py MultipleBranchEffectiveHead.test_use_all_current
TEST_F(MultipleBranchEffectiveHead, UseAllCurrent) {
  EXPECT_EQ(iterate(map, tuple({"x1", "y2"}), sym("x@-1"), Iter().exclusive().downgrade()), "y2 x1");
}

// test_revision.py MultipleBranchEffectiveHead.test_effective_head
TEST_F(MultipleBranchEffectiveHead, EffectiveHead) {
  EXPECT_EQ(iterate(map, sym("y2"), sym("x@-1"), Iter().exclusive().downgrade()), "y2 x1");
}

// --- BranchTravellingTest: depth first along branches, each branch finished at its branch point -------

class BranchTravellingTest : public ::testing::Test {
 protected:
  RevisionMap map = build_map({
      {"a1"},
      {"a2", {"a1"}},
      {"a3", {"a2"}},
      {"b1", {"a3"}},
      {"b2", {"a3"}},
      {"cb1", {"b1"}},
      {"cb2", {"b2"}},
      {"db1", {"cb1"}},
      {"db2", {"cb2"}},
      {"e1b1", {"db1"}},
      {"fe1b1", {"e1b1"}},
      {"e2b1", {"db1"}},
      {"e2b2", {"db2"}},
      {"merge", {"e2b1", "e2b2"}},
  });
};

// test_revision.py BranchTravellingTest.test_iterate_one_branch_both_to_merge
TEST_F(BranchTravellingTest, IterateOneBranchBothToMerge) {
  // At a merge point, implicit_base fills in every branch that supplies it.
  EXPECT_EQ(iterate(map, sym("merge"), sym("db1"), Iter().implicit()), "merge e2b1 db1 e2b2 db2 cb2 b2");
}

// test_revision.py BranchTravellingTest.test_three_branches_end_in_single_branch
TEST_F(BranchTravellingTest, ThreeBranchesEndInSingleBranch) {
  EXPECT_EQ(iterate(map, tuple({"merge", "fe1b1"}), sym("a3")), "fe1b1 e1b1 merge e2b1 db1 cb1 b1 e2b2 db2 cb2 b2 a3");
}

// test_revision.py BranchTravellingTest.test_two_branches_to_root
TEST_F(BranchTravellingTest, TwoBranchesToRoot) {
  // a3 is a stop point (both branches end there), db1 is not.
  EXPECT_EQ(iterate(map, sym("merge"), sym("a1")), "merge e2b1 db1 cb1 b1 e2b2 db2 cb2 b2 a3 a2 a1");
}

// test_revision.py BranchTravellingTest.test_two_branches_end_in_branch
TEST_F(BranchTravellingTest, TwoBranchesEndInBranch) {
  // b1 is local to the e2b1 branch, so that branch is all there is.
  EXPECT_EQ(iterate(map, sym("merge"), sym("b1")), "merge e2b1 db1 cb1 b1");
}

// test_revision.py BranchTravellingTest.test_two_branches_end_behind_branch
TEST_F(BranchTravellingTest, TwoBranchesEndBehindBranch) {
  EXPECT_EQ(iterate(map, sym("merge"), sym("a2")), "merge e2b1 db1 cb1 b1 e2b2 db2 cb2 b2 a3 a2");
}

// test_revision.py BranchTravellingTest.test_three_branches_to_root
TEST_F(BranchTravellingTest, ThreeBranchesToRoot) {
  // Both a3 and db1 are stop points.
  EXPECT_EQ(iterate(map, tuple({"merge", "fe1b1"}), sym("a1")),
            "fe1b1 e1b1 merge e2b1 db1 cb1 b1 e2b2 db2 cb2 b2 a3 a2 a1");
}

// test_revision.py BranchTravellingTest.test_three_branches_end_multiple_bases
TEST_F(BranchTravellingTest, ThreeBranchesEndMultipleBases) {
  EXPECT_EQ(iterate(map, tuple({"merge", "fe1b1"}), tuple({"cb1", "cb2"})),
            "fe1b1 e1b1 merge e2b1 db1 cb1 e2b2 db2 cb2");
}

// test_revision.py BranchTravellingTest.test_three_branches_end_multiple_bases_exclusive
TEST_F(BranchTravellingTest, ThreeBranchesEndMultipleBasesExclusive) {
  EXPECT_EQ(iterate(map, tuple({"merge", "fe1b1"}), tuple({"cb1", "cb2"}), Iter().exclusive()),
            "fe1b1 e1b1 merge e2b1 db1 e2b2 db2");
}

// test_revision.py BranchTravellingTest.test_detect_invalid_head_selection
TEST_F(BranchTravellingTest, DetectInvalidHeadSelection) {
  // db1 is an ancestor of fe1b1.
  expect_refused(iterate(map, tuple({"db1", "b2", "fe1b1"}), tuple({}), Iter().exclusive()), {"fe1b1", "db1"});
}

// test_revision.py BranchTravellingTest.test_three_branches_end_multiple_bases_exclusive_blank
TEST_F(BranchTravellingTest, ThreeBranchesEndMultipleBasesExclusiveBlank) {
  EXPECT_EQ(iterate(map, tuple({"e2b1", "b2", "fe1b1"}), tuple({}), Iter().exclusive()),
            "b2 fe1b1 e1b1 e2b1 db1 cb1 b1 a3 a2 a1");
}

// test_revision.py BranchTravellingTest.test_iterate_to_symbolic_base
TEST_F(BranchTravellingTest, IterateToSymbolicBase) {
  EXPECT_EQ(iterate(map, tuple({"fe1b1"}), sym("base"), Iter().exclusive()), "fe1b1 e1b1 db1 cb1 b1 a3 a2 a1");
}

// test_revision.py BranchTravellingTest.test_ancestor_nodes
TEST_F(BranchTravellingTest, AncestorNodes) {
  EXPECT_EQ(sorted_ids(map, map.ancestors(lookup(map, "merge"))), "a1 a2 a3 b1 b2 cb1 cb2 db1 db2 e2b1 e2b2 merge");
}

// --- MultipleBaseTest ---------------------------------------------------------------------------

class MultipleBaseTest : public ::testing::Test {
 protected:
  RevisionMap map = build_map({
      {"base1"},
      {"base2"},
      {"base3"},
      {"a1a", {"base1"}},
      {"a1b", {"base1"}},
      {"a2", {"base2"}},
      {"a3", {"base3"}},
      {"b1a", {"a1a"}},
      {"b1b", {"a1b"}},
      {"b2", {"a2"}},
      {"b3", {"a3"}},
      {"c2", {"b2"}},
      {"d2", {"c2"}},
      {"mergeb3d2", {"b3", "d2"}},
  });
  const std::string all = "b1a a1a b1b a1b base1 mergeb3d2 b3 a3 base3 d2 c2 b2 a2 base2";
};

// test_revision.py MultipleBaseTest.test_heads_to_base
TEST_F(MultipleBaseTest, HeadsToBase) { EXPECT_EQ(iterate(map, sym("heads"), sym("base")), all); }

// test_revision.py MultipleBaseTest.test_heads_to_base_exclusive
TEST_F(MultipleBaseTest, HeadsToBaseExclusive) {
  EXPECT_EQ(iterate(map, sym("heads"), sym("base"), Iter().exclusive()), all);
}

// test_revision.py MultipleBaseTest.test_heads_to_blank
TEST_F(MultipleBaseTest, HeadsToBlank) { EXPECT_EQ(iterate(map, sym("heads"), none()), all); }

// test_revision.py MultipleBaseTest.test_detect_invalid_base_selection
TEST_F(MultipleBaseTest, DetectInvalidBaseSelection) {
  expect_refused(iterate(map, tuple({"c2"}), tuple({"a2", "b2"}), Iter().exclusive()), {"a2", "b2"});
}

// test_revision.py MultipleBaseTest.test_heads_to_revs_plus_implicit_base_exclusive
TEST_F(MultipleBaseTest, HeadsToRevsPlusImplicitBaseExclusive) {
  EXPECT_EQ(iterate(map, sym("heads"), tuple({"c2"}), Iter().exclusive().implicit()),
            "b1a a1a b1b a1b base1 mergeb3d2 b3 a3 base3 d2");
}

// test_revision.py MultipleBaseTest.test_heads_to_revs_base_exclusive
TEST_F(MultipleBaseTest, HeadsToRevsBaseExclusive) {
  EXPECT_EQ(iterate(map, sym("heads"), tuple({"c2"}), Iter().exclusive()), "mergeb3d2 d2");
}

// test_revision.py MultipleBaseTest.test_heads_to_revs_plus_implicit_base_inclusive
TEST_F(MultipleBaseTest, HeadsToRevsPlusImplicitBaseInclusive) {
  EXPECT_EQ(iterate(map, sym("heads"), tuple({"c2"}), Iter().implicit()),
            "b1a a1a b1b a1b base1 mergeb3d2 b3 a3 base3 d2 c2");
}

// test_revision.py MultipleBaseTest.test_specific_path_one
TEST_F(MultipleBaseTest, SpecificPathOne) { EXPECT_EQ(iterate(map, sym("b3"), sym("base3")), "b3 a3 base3"); }

// test_revision.py MultipleBaseTest.test_specific_path_two_implicit_base
TEST_F(MultipleBaseTest, SpecificPathTwoImplicitBase) {
  EXPECT_EQ(iterate(map, tuple({"b3", "b2"}), sym("base3"), Iter().exclusive().implicit()), "b2 a2 base2 b3 a3");
}

// --- MultipleBaseCrossDependencyTestOne -------------------------------------------------------------

// base1 (b_1) -> a1a -> b1a, base1 -> a1b -> b1b (depends on a3); base2 (b_2) -> a2 -> b2 -> c2 (depends on
// a3) -> d2; base3 (b_3) -> a3 -> b3.
class MultipleBaseCrossDependencyTestOne : public ::testing::Test {
 protected:
  RevisionMap map = build_map({
      {"base1", {}, {}, {"b_1"}},
      {"a1a", {"base1"}},
      {"a1b", {"base1"}},
      {"b1a", {"a1a"}},
      {"b1b", {"a1b"}, {"a3"}},
      {"base2", {}, {}, {"b_2"}},
      {"a2", {"base2"}},
      {"b2", {"a2"}},
      {"c2", {"b2"}, {"a3"}},
      {"d2", {"c2"}},
      {"base3", {}, {}, {"b_3"}},
      {"a3", {"base3"}},
      {"b3", {"a3"}},
  });
  const std::string all = "b1a a1a b1b a1b base1 d2 c2 b2 a2 base2 b3 a3 base3";
};

// test_revision.py MultipleBaseCrossDependencyTestOne.test_what_are_the_heads
TEST_F(MultipleBaseCrossDependencyTestOne, WhatAreTheHeads) { EXPECT_EQ(ids(map, map.heads()), "b1a b1b d2 b3"); }

// test_revision.py MultipleBaseCrossDependencyTestOne.test_heads_to_base
TEST_F(MultipleBaseCrossDependencyTestOne, HeadsToBase) { EXPECT_EQ(iterate(map, sym("heads"), sym("base")), all); }

// test_revision.py MultipleBaseCrossDependencyTestOne.test_heads_to_base_downgrade
TEST_F(MultipleBaseCrossDependencyTestOne, HeadsToBaseDowngrade) {
  EXPECT_EQ(iterate(map, sym("heads"), sym("base"), Iter().downgrade()), all);
}

// test_revision.py MultipleBaseCrossDependencyTestOne.test_same_branch_wrong_direction
TEST_F(MultipleBaseCrossDependencyTestOne, SameBranchWrongDirection) {
  expect_refused(iterate(map, sym("b2"), sym("d2"), Iter().exclusive()), {"d2", "b2"});
}

// test_revision.py MultipleBaseCrossDependencyTestOne.test_different_branch_not_wrong_direction
TEST_F(MultipleBaseCrossDependencyTestOne, DifferentBranchNotWrongDirection) {
  expect_refused(iterate(map, sym("b3"), sym("d2"), Iter().exclusive()), {"d2", "b3"});
}

// test_revision.py MultipleBaseCrossDependencyTestOne.test_we_need_head2_upgrade
TEST_F(MultipleBaseCrossDependencyTestOne, WeNeedHead2Upgrade) {
  // The 2 branch relies on the 3 branch.
  EXPECT_EQ(iterate(map, sym("b_2@head"), sym("base")), "d2 c2 b2 a2 base2 a3 base3");
}

// test_revision.py MultipleBaseCrossDependencyTestOne.test_we_need_head2_downgrade
TEST_F(MultipleBaseCrossDependencyTestOne, WeNeedHead2Downgrade) {
  // Going down, the 3 branch is not touched.
  EXPECT_EQ(iterate(map, sym("b_2@head"), sym("b_2@base"), Iter().downgrade()), "d2 c2 b2 a2 base2");
}

// test_revision.py MultipleBaseCrossDependencyTestOne.test_we_need_head3_upgrade
TEST_F(MultipleBaseCrossDependencyTestOne, WeNeedHead3Upgrade) {
  EXPECT_EQ(iterate(map, sym("b_3@head"), sym("base")), "b3 a3 base3");
}

// test_revision.py MultipleBaseCrossDependencyTestOne.test_we_need_head3_downgrade
TEST_F(MultipleBaseCrossDependencyTestOne, WeNeedHead3Downgrade) {
  EXPECT_EQ(iterate(map, sym("b_3@head"), sym("base"), Iter().downgrade()), "b3 a3 base3");
}

// test_revision.py MultipleBaseCrossDependencyTestOne.test_we_need_head1_upgrade
TEST_F(MultipleBaseCrossDependencyTestOne, WeNeedHead1Upgrade) {
  EXPECT_EQ(iterate(map, sym("b1b@head"), sym("base")), "b1b a1b base1 a3 base3");
}

// test_revision.py MultipleBaseCrossDependencyTestOne.test_we_need_head1_downgrade
TEST_F(MultipleBaseCrossDependencyTestOne, WeNeedHead1Downgrade) {
  EXPECT_EQ(iterate(map, sym("b1b@head"), sym("b1b@base"), Iter().downgrade()), "b1b a1b base1");
}

// test_revision.py MultipleBaseCrossDependencyTestOne.test_we_need_base2_upgrade
TEST_F(MultipleBaseCrossDependencyTestOne, WeNeedBase2Upgrade) {
  EXPECT_EQ(iterate(map, sym("heads"), sym("b_2@base")), "d2 c2 b2 a2 base2 a3 base3");
}

// test_revision.py MultipleBaseCrossDependencyTestOne.test_we_need_base2_downgrade
TEST_F(MultipleBaseCrossDependencyTestOne, WeNeedBase2Downgrade) {
  EXPECT_EQ(iterate(map, sym("heads"), sym("b_2@base"), Iter().downgrade()), "d2 c2 b2 a2 base2");
}

// test_revision.py MultipleBaseCrossDependencyTestOne.test_we_need_base3_upgrade
TEST_F(MultipleBaseCrossDependencyTestOne, WeNeedBase3Upgrade) {
  EXPECT_EQ(iterate(map, sym("heads"), sym("b_3@base")), "b3 a3 base3");
}

// test_revision.py MultipleBaseCrossDependencyTestOne.test_we_need_base3_downgrade
TEST_F(MultipleBaseCrossDependencyTestOne, WeNeedBase3Downgrade) {
  // Everything that depends on a3 (b1b, c2 and what is above) goes first.
  EXPECT_EQ(iterate(map, sym("heads"), sym("b_3@base"), Iter().downgrade()), "b1b d2 c2 b3 a3 base3");
}

// --- MultipleBaseCrossDependencyTestTwo -------------------------------------------------------------

class MultipleBaseCrossDependencyTestTwo : public ::testing::Test {
 protected:
  RevisionMap map = build_map({
      {"base1", {}, {}, {"b_1"}},
      {"a1", {"base1"}},
      {"b1", {"a1"}},
      {"c1", {"b1"}},
      {"base2", {}, {"b_1"}, {"b_2"}},
      {"a2", {"base2"}},
      {"b2", {"a2"}},
      {"c2", {"b2"}},
      {"d2", {"c2"}},
      {"base3", {}, {}, {"b_3"}},
      {"a3", {"base3"}},
      {"b3", {"a3"}},
      {"c3", {"b3"}, {"b2"}},
      {"d3", {"c3"}},
  });
};

// test_revision.py MultipleBaseCrossDependencyTestTwo.test_what_are_the_heads
TEST_F(MultipleBaseCrossDependencyTestTwo, WhatAreTheHeads) { EXPECT_EQ(ids(map, map.heads()), "c1 d2 d3"); }

// test_revision.py MultipleBaseCrossDependencyTestTwo.test_heads_to_base
TEST_F(MultipleBaseCrossDependencyTestTwo, HeadsToBase) {
  EXPECT_EQ(iterate(map, sym("heads"), sym("base")), "c1 b1 a1 d2 c2 d3 c3 b3 a3 base3 b2 a2 base2 base1");
}

// test_revision.py MultipleBaseCrossDependencyTestTwo.test_we_need_head2
TEST_F(MultipleBaseCrossDependencyTestTwo, WeNeedHead2) {
  EXPECT_EQ(iterate(map, sym("b_2@head"), sym("base")), "d2 c2 b2 a2 base2 base1");
}

// test_revision.py MultipleBaseCrossDependencyTestTwo.test_we_need_head3
TEST_F(MultipleBaseCrossDependencyTestTwo, WeNeedHead3) {
  EXPECT_EQ(iterate(map, sym("b_3@head"), sym("base")), "d3 c3 b3 a3 base3 b2 a2 base2 base1");
}

// test_revision.py MultipleBaseCrossDependencyTestTwo.test_we_need_head1
TEST_F(MultipleBaseCrossDependencyTestTwo, WeNeedHead1) {
  EXPECT_EQ(iterate(map, sym("b_1@head"), sym("base")), "c1 b1 a1 base1");
}

// test_revision.py MultipleBaseCrossDependencyTestTwo.test_we_need_base1
TEST_F(MultipleBaseCrossDependencyTestTwo, WeNeedBase1) {
  // b_1 has no dependencies.
  EXPECT_EQ(iterate(map, sym("heads"), sym("b_1@base")), "c1 b1 a1 base1");
}

// test_revision.py MultipleBaseCrossDependencyTestTwo.test_we_need_base2
TEST_F(MultipleBaseCrossDependencyTestTwo, WeNeedBase2) {
  // base2 depends on base1; nothing needs b_3, so d3 and c3 are left out.
  EXPECT_EQ(iterate(map, sym("heads"), sym("b_2@base")), "d2 c2 b2 a2 base2 base1");
}

// test_revision.py MultipleBaseCrossDependencyTestTwo.test_we_need_base3
TEST_F(MultipleBaseCrossDependencyTestTwo, WeNeedBase3) {
  // c3 depends on b2, which brings b2, a2, base2 and (through base2) base1.
  EXPECT_EQ(iterate(map, sym("heads"), sym("b_3@base")), "d3 c3 b3 a3 base3 b2 a2 base2 base1");
}

// --- MultipleBaseCrossDependencyTestThree -----------------------------------------------------------

// test_revision.py MultipleBaseCrossDependencyTestThree.test_traverse_no_parent_but_a_dep
TEST(MultipleBaseCrossDependencyTestThree, TraverseNoParentButADep) {
  RevisionMap map = build_map({{"base1"}, {"a1", {"base1"}}, {"b1", {"a1"}}, {"c2", {}, {"a1"}}, {"c3", {"c2"}}});
  EXPECT_EQ(iterate(map, sym("heads"), sym("base")), "b1 c3 c2 a1 base1");
}

// --- LargeMapTest: tests/_large_map.py, 142 revisions in its order ---------------------------------

const std::vector<Rev>& large_map() {
  // clang-format off
  static const std::vector<Rev> revs = {
    {"3fc8a578bc0a", {"4878cb1cb7f6", "454a0529f84e"}}, {"69285b0faaa", {"36c31e4e1c37", "3a3b24a31b57"}},
    {"3b0452c64639", {"2f1a0f3667f3"}}, {"2d9d787a496", {"135b5fd31062"}}, {"184f65ed83af", {"3b0452c64639"}},
    {"430074f99c29", {"54f871bfe0b0"}}, {"3ffb59981d9a", {"519c9f3ce294"}},
    {"454a0529f84e", {"40f6508e4373", "38a936c6ab11"}}, {"24c2620b2e3f", {"430074f99c29", "1f5ceb1ec255"}},
    {"169a948471a9", {"247ad6880f93"}}, {"2f1a0f3667f3", {"17dd0f165262"}}, {"27227dc4fda8", {"2a66d7c4d8a1"}},
    {"4b2ad1ffe2e7", {"3b409f268da4", "4f8a9b79a063"}}, {"124ef6a17781", {"2529684536da"}},
    {"4789d9c82ca7", {"593b8076fb2c"}}, {"64ed798bcc3", {"44ed1bf512a0", "169a948471a9"}},
    {"2588a3c36a0f", {"50c7b21c9089"}}, {"359329c2ebb", {"5810e9eff996", "339faa12616"}},
    {"540bc5634bd", {"3a5db5f31209"}}, {"20fe477817d2", {"53d5ff905573"}},
    {"4f8a9b79a063", {"3cf34fcd6473", "300209d8594"}}, {"6918589deaf", {"3314c17f6e35"}},
    {"1755e3b1481c", {"17b66754be21", "31b1d4b7fc95"}}, {"58c988e1aa4e", {"219240032b88", "f067f0b825c"}},
    {"593b8076fb2c", {"1d94175d221b"}}, {"38d069994064", {"46b70a57edc0", "3ed56beabfb7"}},
    {"3e2f6c6d1182", {"7f96a01461b"}}, {"1f6969597fe7", {"1811bdae9e63"}}, {"17dd0f165262", {"3cf02a593a68"}},
    {"3cf02a593a68", {"25a7ef58d293"}}, {"34dfac7edb2d", {"28f4dd53ad3a"}}, {"4009c533e05d", {"42ded7355da2"}},
    {"5a0003c3b09c", {"3ed56beabfb7", "2028d94d3863"}}, {"38a936c6ab11", {"2588a3c36a0f"}},
    {"59223c5b7b36", {"2f93dd880bae"}}, {"4121bd6e99e9", {"540bc5634bd"}}, {"260714a3f2de", {"6918589deaf"}},
    {"ae77a2ed69b", {"274fd2642933"}}, {"18ff1ab3b4c4", {"430133b6d46c"}},
    {"2b9a327527a9", {"359329c2ebb", "593b8076fb2c"}}, {"4e6167c75ed0", {"325b273d61bd"}},
    {"21ab11a7c5c4", {"3da31f3323ec", "22f26011d635"}}, {"3b93e98481b1", {"4e28e2f4fe2f"}},
    {"145d8f1e334d", {"b4143d129e"}}, {"135b5fd31062", {"1d94175d221b"}},
    {"300209d8594", {"52804033910e", "593b8076fb2c"}}, {"8dca95cce28", {"f034666cd80"}},
    {"46b70a57edc0", {"145d8f1e334d", "4cc2960cbe19"}}, {"4d45e479fbb9", {"2d9d787a496"}},
    {"22f085bf8bbd", {"540bc5634bd"}}, {"263e91fd17d8", {"2b9a327527a9"}},
    {"219240032b88", {"300209d8594", "2b9a327527a9"}}, {"325b273d61bd", {"4b2ad1ffe2e7"}},
    {"199943ccc774", {"1aa674ccfa4e"}}, {"247ad6880f93", {"1f6969597fe7"}}, {"4878cb1cb7f6", {"28f4dd53ad3a"}},
    {"2a66d7c4d8a1", {"23f1ccb18d6d"}}, {"42b079245b55", {"593b8076fb2c"}},
    {"1cccf82219cb", {"20fe477817d2", "915c67915c2"}}, {"b4143d129e", {"159331d6f484", "504d5168afe1"}},
    {"53d5ff905573", {"3013877bf5bd"}}, {"1f5ceb1ec255", {"3ffb59981d9a"}}, {"ef1c1c1531f", {"4738812e6ece"}},
    {"1f6963d1ae02", {"247ad6880f93"}}, {"44d58f1d31f0", {"18ff1ab3b4c4"}},
    {"c3ebe64dfb5", {"3409c57b0da", "31f352e77045"}}, {"f067f0b825c", {"359329c2ebb"}},
    {"52ab2d3b57ce", {"96d590bd82e"}}, {"3b409f268da4", {"20e90eb3eeb6", "263e91fd17d8"}},
    {"5a4ca8889674", {"4e6167c75ed0"}}, {"5810e9eff996", {"2d30d79c4093", "52804033910e"}},
    {"40f6508e4373", {"4ed16fad67a7"}}, {"1811bdae9e63", {"260714a3f2de"}},
    {"3013877bf5bd", {"8dca95cce28", "3fc8a578bc0a"}}, {"16426dbea880", {"28f4dd53ad3a"}},
    {"22f26011d635", {"4c93d063d2ba", "3b93e98481b1"}}, {"3409c57b0da", {"17b66754be21"}},
    {"44373001000f", {"42b079245b55", "219240032b88"}}, {"28f4dd53ad3a", {"2e71fd90eb9d"}},
    {"4cc2960cbe19", {"504d5168afe1"}}, {"31f352e77045", {"17b66754be21", "22f085bf8bbd"}},
    {"4ed16fad67a7", {"f034666cd80"}}, {"3da31f3323ec", {"4c93d063d2ba"}}, {"31b1d4b7fc95", {"1cc4459fd115"}},
    {"11bc0ff42f87", {"28f4dd53ad3a"}}, {"3a5db5f31209", {"59742a546b84"}},
    {"20e90eb3eeb6", {"58c988e1aa4e", "44373001000f"}}, {"23f1ccb18d6d", {"52ab2d3b57ce"}},
    {"1d94175d221b", {"21ab11a7c5c4"}}, {"36f1a410ed", {"54f871bfe0b0"}}, {"181a149173e", {"2ee35cac4c62"}},
    {"171ad2f0c672", {"4a4e0838e206"}}, {"2f93dd880bae", {"540bc5634bd"}}, {"25a7ef58d293"},
    {"7f96a01461b", {"184f65ed83af"}}, {"b21f22233f", {"3e2f6c6d1182"}}, {"52804033910e", {"1d94175d221b"}},
    {"1e6240aba5b3", {"4121bd6e99e9", "2c50d8bab6ee"}}, {"1cc4459fd115", {"1e6240aba5b3"}},
    {"274fd2642933", {"4009c533e05d"}}, {"1aa674ccfa4e", {"59223c5b7b36", "42050bf030fd"}},
    {"4e28e2f4fe2f", {"596d7b9e11"}}, {"49ddec8c7a5e", {"124ef6a17781", "47578179e766"}},
    {"3e9bb349cc46", {"ef1c1c1531f"}}, {"2028d94d3863", {"504d5168afe1"}}, {"159331d6f484", {"34dfac7edb2d"}},
    {"596d7b9e11", {"171ad2f0c672"}}, {"3b96bcc8da76", {"f034666cd80"}}, {"4738812e6ece", {"78982bf5499"}},
    {"3314c17f6e35", {"27227dc4fda8"}}, {"30931c545bf", {"2e71fd90eb9d"}},
    {"2e71fd90eb9d", {"c3ebe64dfb5", "1755e3b1481c"}}, {"3ed56beabfb7", {"11bc0ff42f87", "69285b0faaa"}},
    {"96d590bd82e", {"3e9bb349cc46"}}, {"339faa12616", {"4d45e479fbb9"}}, {"47578179e766", {"2529684536da"}},
    {"2ee35cac4c62", {"b21f22233f"}}, {"50c7b21c9089", {"4ed16fad67a7", "3b96bcc8da76"}},
    {"78982bf5499", {"ae77a2ed69b"}}, {"519c9f3ce294", {"2c50d8bab6ee"}}, {"2720fc75e5fd", {"1cccf82219cb"}},
    {"21638ec787ba", {"44d58f1d31f0"}}, {"59742a546b84", {"49ddec8c7a5e"}}, {"2d30d79c4093", {"135b5fd31062"}},
    {"f034666cd80", {"5a0003c3b09c", "38d069994064"}}, {"430133b6d46c", {"181a149173e"}},
    {"3a3b24a31b57", {"16426dbea880", "4cc2960cbe19"}}, {"2529684536da", {"64ed798bcc3", "1f6963d1ae02"}},
    {"17b66754be21", {"19e0db9d806a", "24c2620b2e3f"}}, {"3cf34fcd6473", {"52804033910e", "4789d9c82ca7"}},
    {"36c31e4e1c37", {"504d5168afe1"}}, {"54f871bfe0b0", {"519c9f3ce294"}}, {"4a4e0838e206", {"2a7f37cf7770"}},
    {"19e0db9d806a", {"430074f99c29", "36f1a410ed"}}, {"44ed1bf512a0", {"247ad6880f93"}},
    {"42050bf030fd", {"2f93dd880bae"}}, {"2c50d8bab6ee", {"199943ccc774"}},
    {"504d5168afe1", {"28f4dd53ad3a", "30931c545bf"}}, {"915c67915c2", {"3fc8a578bc0a"}},
    {"2a7f37cf7770", {"2720fc75e5fd"}}, {"4c93d063d2ba", {"4e28e2f4fe2f"}}, {"42ded7355da2", {"21638ec787ba"}},
  };
  // clang-format on
  return revs;
}

// test_revision.py LargeMapTest.test_all: every revision once; no revision is both an ancestor and a
// descendant of another; and each revision but the last has one of its ancestors still to come.
TEST(LargeMapTest, All) {
  RevisionMap map = build_map(large_map());
  auto order = RevisionTraversal(map).iterate(sym("heads"), sym("base"), RevisionTraversal::Options(), false,
                                              RevisionTraversal::Purpose::kHistory);
  ASSERT_TRUE(order.ok()) << order.error().to_string();
  ASSERT_EQ(order->size(), map.size());
  EXPECT_EQ(std::set<RevIndex>(order->begin(), order->end()).size(), map.size());
  for (size_t k = 0; k < order->size(); ++k) {
    const RevIndex rev = (*order)[k];
    RevisionSet ancestors = map.ancestors({rev});
    RevisionSet descendants = map.descendants({rev});
    ancestors[rev] = descendants[rev] = 0;
    for (RevIndex i = 0; i < map.size(); ++i) EXPECT_FALSE(ancestors[i] && descendants[i]);
    if (k + 1 == order->size()) continue;
    bool ancestor_to_come = false;
    for (size_t later = k + 1; later < order->size(); ++later)
      ancestor_to_come = ancestor_to_come || ancestors[(*order)[later]];
    EXPECT_TRUE(ancestor_to_come) << map.id(rev) << " at position " << k << " has no ancestor after it";
  }
  expect_partial_order(map, *order);
  // clang-format on
}

// Beyond Alembic's test: the exact order Alembic 1.8.1 gives for iterate_revisions("heads", "base") on this
// map (run with the real Alembic); DESIGN.md §5 asks for Alembic's order wherever it is deterministic.
TEST(LargeMapTest, AllInAlembicOrder) {
  RevisionMap map = build_map(large_map());
  // clang-format off
  EXPECT_EQ(iterate(map, sym("heads"), sym("base"), Iter().exclusive()),
      "5a4ca8889674 4e6167c75ed0 325b273d61bd 4b2ad1ffe2e7 3b409f268da4 20e90eb3eeb6 58c988e1aa4e "
      "44373001000f 42b079245b55 219240032b88 4f8a9b79a063 3cf34fcd6473 300209d8594 263e91fd17d8 f067f0b825c "
      "2b9a327527a9 359329c2ebb 5810e9eff996 2d30d79c4093 339faa12616 4d45e479fbb9 2d9d787a496 4789d9c82ca7 "
      "135b5fd31062 52804033910e 593b8076fb2c 1d94175d221b 21ab11a7c5c4 3da31f3323ec 22f26011d635 "
      "3b93e98481b1 4c93d063d2ba 4e28e2f4fe2f 596d7b9e11 171ad2f0c672 4a4e0838e206 2a7f37cf7770 2720fc75e5fd "
      "1cccf82219cb 20fe477817d2 53d5ff905573 3013877bf5bd 8dca95cce28 915c67915c2 3fc8a578bc0a 4878cb1cb7f6 "
      "454a0529f84e 40f6508e4373 38a936c6ab11 2588a3c36a0f 50c7b21c9089 3b96bcc8da76 4ed16fad67a7 f034666cd80 "
      "5a0003c3b09c 38d069994064 46b70a57edc0 145d8f1e334d b4143d129e 159331d6f484 34dfac7edb2d 3ed56beabfb7 "
      "11bc0ff42f87 2028d94d3863 69285b0faaa 36c31e4e1c37 3a3b24a31b57 16426dbea880 4cc2960cbe19 504d5168afe1 "
      "30931c545bf 28f4dd53ad3a 2e71fd90eb9d c3ebe64dfb5 3409c57b0da 1755e3b1481c 31b1d4b7fc95 1cc4459fd115 "
      "1e6240aba5b3 4121bd6e99e9 31f352e77045 22f085bf8bbd 17b66754be21 19e0db9d806a 24c2620b2e3f "
      "1f5ceb1ec255 3ffb59981d9a 430074f99c29 36f1a410ed 54f871bfe0b0 519c9f3ce294 2c50d8bab6ee 199943ccc774 "
      "1aa674ccfa4e 59223c5b7b36 42050bf030fd 2f93dd880bae 540bc5634bd 3a5db5f31209 59742a546b84 49ddec8c7a5e "
      "124ef6a17781 47578179e766 2529684536da 64ed798bcc3 44ed1bf512a0 1f6963d1ae02 169a948471a9 247ad6880f93 "
      "1f6969597fe7 1811bdae9e63 260714a3f2de 6918589deaf 3314c17f6e35 27227dc4fda8 2a66d7c4d8a1 23f1ccb18d6d "
      "52ab2d3b57ce 96d590bd82e 3e9bb349cc46 ef1c1c1531f 4738812e6ece 78982bf5499 ae77a2ed69b 274fd2642933 "
      "4009c533e05d 42ded7355da2 21638ec787ba 44d58f1d31f0 18ff1ab3b4c4 430133b6d46c 181a149173e 2ee35cac4c62 "
      "b21f22233f 3e2f6c6d1182 7f96a01461b 184f65ed83af 3b0452c64639 2f1a0f3667f3 17dd0f165262 3cf02a593a68 "
      "25a7ef58d293");
}

// --- DepResolutionFailedTest ----------------------------------------------------------------------

// test_revision.py DepResolutionFailedTest.test_failure_message: Alembic corrupts its map so that b1 depends
// on "fake", a name no revision file defines, and iterate_revisions fails. retort cannot hold such a map:
// the nearest case is the files naming that dependency, which RevisionMap::build refuses, naming b1 and fake.
TEST(DepResolutionFailedTest, FailureMessage) {
  std::vector<Rev> revs = {{"base1"}, {"a1", {"base1"}}, {"a2", {"base1"}}, {"b1", {"a1"}, {"fake"}}, {"c1", {"b1"}}};
  auto map = RevisionMap::build(testing::headers(revs));
  ASSERT_FALSE(map.ok());
  EXPECT_TRUE(mentions(map.error().to_string(), "fake")) << map.error().to_string();
  expect_build_error(revs, {"b1"});
}

// --- GraphWithLoopTest: self-loops are refused when the map is built ---------------------------------

// test_revision.py GraphWithLoopTest.test_revision_map_solitary_loop
TEST(GraphWithLoopTest, RevisionMapSolitaryLoop) { expect_build_error({{"a", {"a"}}}, {"a"}); }

// test_revision.py GraphWithLoopTest.test_revision_dupe_head
TEST(GraphWithLoopTest, RevisionDupeHead) {
  RevisionMap map = build_map({{"user_foo"}, {"user", {"user_foo"}, {"user_foo"}}});
  EXPECT_EQ(iterate(map, sym("heads"), none()), "user user_foo");
  RevisionSet both(map.size(), 1);
  EXPECT_EQ(ids(map, RevisionTraversal(map).topological_sort(both, lookup(map, "user"))), "user user_foo");
}

// test_revision.py GraphWithLoopTest.test_revision_map_no_loop_w_overlapping_substrings
TEST(GraphWithLoopTest, RevisionMapNoLoopWOverlappingSubstrings) {
  RevisionMap map = build_map({{"user_foo"}, {"user", {"user_foo"}}});
  EXPECT_EQ(iterate(map, sym("heads"), none()), "user user_foo");
}

// test_revision.py GraphWithLoopTest.test_revision_map_no_loop_w_overlapping_substrings_dependencies
TEST(GraphWithLoopTest, RevisionMapNoLoopWOverlappingSubstringsDependencies) {
  RevisionMap map = build_map({{"user_foo"}, {"user", {}, {"user_foo"}}});
  EXPECT_EQ(iterate(map, sym("heads"), none()), "user user_foo");
}

// test_revision.py GraphWithLoopTest.test_revision_map_base_loop
TEST(GraphWithLoopTest, RevisionMapBaseLoop) { expect_build_error({{"a", {"a"}}, {"b", {"a"}}, {"c", {"b"}}}, {"a"}); }

// test_revision.py GraphWithLoopTest.test_revision_map_head_loop
TEST(GraphWithLoopTest, RevisionMapHeadLoop) { expect_build_error({{"a"}, {"b", {"a"}}, {"c", {"b", "c"}}}, {"c"}); }

// test_revision.py GraphWithLoopTest.test_revision_map_branch_point_loop
TEST(GraphWithLoopTest, RevisionMapBranchPointLoop) {
  expect_build_error({{"a"}, {"b", {"a", "b"}}, {"c1", {"b"}}, {"c2", {"b"}}}, {"b"});
}

// test_revision.py GraphWithLoopTest.test_revision_map_merge_point_loop
TEST(GraphWithLoopTest, RevisionMapMergePointLoop) {
  expect_build_error({{"a"}, {"b1", {"a"}}, {"b2", {"a"}}, {"c", {"b1", "b2", "c"}}}, {"c"});
}

// test_revision.py GraphWithLoopTest.test_revision_map_solitary_dependency_loop
TEST(GraphWithLoopTest, RevisionMapSolitaryDependencyLoop) { expect_build_error({{"a", {}, {"a"}}}, {"a"}); }

// test_revision.py GraphWithLoopTest.test_revision_map_base_dependency_loop
TEST(GraphWithLoopTest, RevisionMapBaseDependencyLoop) {
  expect_build_error({{"a", {}, {"a"}}, {"b", {"a"}}, {"c", {"b"}}}, {"a"});
}

// test_revision.py GraphWithLoopTest.test_revision_map_head_dep_loop
TEST(GraphWithLoopTest, RevisionMapHeadDepLoop) {
  expect_build_error({{"a"}, {"b", {"a"}}, {"c", {"b"}, {"c"}}}, {"c"});
}

// test_revision.py GraphWithLoopTest.test_revision_map_branch_point_dep_loop
TEST(GraphWithLoopTest, RevisionMapBranchPointDepLoop) {
  expect_build_error({{"a"}, {"b", {"a"}, {"b"}}, {"c1", {"b"}}, {"c2", {"b"}}}, {"b"});
}

// test_revision.py GraphWithLoopTest.test_revision_map_merge_point_dep_loop
TEST(GraphWithLoopTest, RevisionMapMergePointDepLoop) {
  expect_build_error({{"a"}, {"b1", {"a"}}, {"b2", {"a"}}, {"c", {"b1", "b2"}, {"c"}}}, {"c"});
}

// --- GraphWithCycleTest: the error names the revisions of the cycle (Alembic's message may also list
// revisions that only lie downstream of it) ---------------------------------------------------------

// test_revision.py GraphWithCycleTest.test_revision_map_simple_cycle
TEST(GraphWithCycleTest, RevisionMapSimpleCycle) {
  expect_build_error({{"a", {"c"}}, {"b", {"a"}}, {"c", {"b"}}}, {"a", "b", "c"});
}

// test_revision.py GraphWithCycleTest.test_revision_map_extra_simple_cycle
TEST(GraphWithCycleTest, RevisionMapExtraSimpleCycle) {
  expect_build_error({{"a", {"c"}}, {"b", {"a"}}, {"c", {"b"}}, {"d"}, {"e", {"d"}}}, {"a", "b", "c"});
}

// test_revision.py GraphWithCycleTest.test_revision_map_lower_simple_cycle
TEST(GraphWithCycleTest, RevisionMapLowerSimpleCycle) {
  expect_build_error({{"a", {"c"}}, {"b", {"a"}}, {"c", {"b"}}, {"d", {"c"}}, {"e", {"d"}}}, {"a", "b", "c"});
}

// test_revision.py GraphWithCycleTest.test_revision_map_upper_simple_cycle
TEST(GraphWithCycleTest, RevisionMapUpperSimpleCycle) {
  expect_build_error({{"a"}, {"b", {"a"}}, {"c", {"b", "e"}}, {"d", {"c"}}, {"e", {"d"}}}, {"c", "d", "e"});
}

// test_revision.py GraphWithCycleTest.test_revision_map_simple_dep_cycle
TEST(GraphWithCycleTest, RevisionMapSimpleDepCycle) {
  expect_build_error({{"a", {}, {"c"}}, {"b", {"a"}}, {"c", {"b"}}}, {"a", "b", "c"});
}

// test_revision.py GraphWithCycleTest.test_revision_map_extra_simple_dep_cycle
TEST(GraphWithCycleTest, RevisionMapExtraSimpleDepCycle) {
  expect_build_error({{"a", {}, {"c"}}, {"b", {"a"}}, {"c", {"b"}}, {"d"}, {"e", {"d"}}}, {"a", "b", "c"});
}

// test_revision.py GraphWithCycleTest.test_revision_map_lower_simple_dep_cycle
TEST(GraphWithCycleTest, RevisionMapLowerSimpleDepCycle) {
  expect_build_error({{"a", {}, {"c"}}, {"b", {"a"}}, {"c", {"b"}}, {"d", {"c"}}, {"e", {"d"}}}, {"a", "b", "c"});
}

// test_revision.py GraphWithCycleTest.test_revision_map_upper_simple_dep_cycle
TEST(GraphWithCycleTest, RevisionMapUpperSimpleDepCycle) {
  expect_build_error({{"a"}, {"b", {"a"}}, {"c", {"b"}, {"e"}}, {"d", {"c"}}, {"e", {"d"}}}, {"c", "d", "e"});
}

// --- NormalizedDownRevTest ----------------------------------------------------------------------

class NormalizedDownRevTest : public ::testing::Test {
 protected:
  RevisionMap map = build_map({{"a1"},
                               {"a2", {"a1"}},
                               {"a3", {"a2"}},
                               {"b1"},
                               {"b2", {"b1"}, {"a3"}},
                               {"b3", {"b2"}},
                               {"b4", {"b3"}, {"a3"}},
                               {"b5", {"b4"}, {"b4"}},});
  // Alembic's _all_down_revisions: down_revision then the dependencies, without repeats.
  std::string all_down(const char* id) const {
    const Revision& r = map.at(*map.find(id));
    std::vector<RevIndex> all = r.down;
    for (RevIndex d : r.deps)
      if (std::find(all.begin(), all.end(), d) == all.end()) all.push_back(d);
    return ids(map, all);
  }
  std::string normalized_down(const char* id) const { return ids(map, map.at(*map.find(id)).normalized_down); }
};

// test_revision.py NormalizedDownRevTest.test_normalized_down_revisions
TEST_F(NormalizedDownRevTest, NormalizedDownRevisions) {
  EXPECT_EQ(all_down("b4"), "b3 a3");
  // a3 is left out: the ancestor b2 already depends on it.
  EXPECT_EQ(normalized_down("b4"), "b3");
}

// test_revision.py NormalizedDownRevTest.test_dupe_dependency
TEST_F(NormalizedDownRevTest, DupeDependency) {
  EXPECT_EQ(all_down("b5"), "b4");
  EXPECT_EQ(normalized_down("b5"), "b4");
}

// test_revision.py NormalizedDownRevTest.test_branch_traversal
TEST_F(NormalizedDownRevTest, BranchTraversal) {
  EXPECT_EQ(iterate(map, sym("b4"), sym("b1@base"), Iter().downgrade()), "b4 b3 b2 b1");
}

// test_revision.py NormalizedDownRevTest.test_all_traversal
TEST_F(NormalizedDownRevTest, AllTraversal) {
  EXPECT_EQ(iterate(map, sym("heads"), sym("base"), Iter().downgrade()), "b5 b4 b3 b2 b1 a3 a2 a1");
}

// test_revision.py NormalizedDownRevTest.test_partial_traversal
TEST_F(NormalizedDownRevTest, PartialTraversal) {
  EXPECT_EQ(iterate(map, sym("heads"), sym("a2"), Iter().downgrade()), "b5 b4 b3 b2 a3 a2");
}

// test_revision.py NormalizedDownRevTest.test_partial_traversal_implicit_base_one
TEST_F(NormalizedDownRevTest, PartialTraversalImplicitBaseOne) {
  EXPECT_EQ(iterate(map, sym("heads"), sym("a2"), Iter().downgrade().implicit()), "b5 b4 b3 b2 b1 a3 a2");
}

// test_revision.py NormalizedDownRevTest.test_partial_traversal_implicit_base_two
TEST_F(NormalizedDownRevTest, PartialTraversalImplicitBaseTwo) {
  EXPECT_EQ(iterate(map, sym("b5"), tuple({"b1"}), Iter().implicit()), "b5 b4 b3 b2 b1 a3 a2 a1");
}

// test_revision.py NormalizedDownRevTest.test_partial_traversal_implicit_base_three
TEST_F(NormalizedDownRevTest, PartialTraversalImplicitBaseThree) {
  RevisionMap other = build_map({{"c1"},
                               {"a1"},
                               {"a2", {"a1"}, {"c1"}},
                               {"a3", {"a2"}, {"c1"}},
                               {"b1"},
                               {"b2", {"b1"}, {"a3"}},
                               {"b3", {"b2"}},
                               {"b4", {"b3"}, {"a3"}},
                               {"b5", {"b4"}},});
  EXPECT_EQ(iterate(other, sym("b5"), tuple({"b1"}), Iter().implicit()), "b5 b4 b3 b2 b1 a3 a2 a1 c1");
}

}  // namespace
}  // namespace retort
