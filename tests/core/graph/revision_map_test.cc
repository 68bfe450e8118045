// Tests graph/revision_map.cc: building, validation errors, lookups, heads/bases and ancestry.
#include "graph/revision_map.h"

#include "graph_builder.h"
#include "util/strings.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

using testing::build_map;
using testing::ids;
using testing::Rev;

const std::vector<Rev> kBranchy = {
    {"a0001"},
    {"b0001", {"a0001"}, {}, {"bbranch"}},
    {"b0002", {"b0001"}},
    {"c0001", {"a0001"}, {}, {"cbranch"}},
    {"c0002", {"c0001"}},
    {"m0001", {"b0002", "c0002"}},
    {"x0001", {}, {"b0001"}, {"xbranch"}},
};

TEST(RevisionMap, HeadsBasesBranchAndMergePoints) {
  RevisionMap map = build_map(kBranchy);
  EXPECT_EQ(ids(map, map.heads()), "m0001 x0001");
  EXPECT_EQ(ids(map, map.bases()), "a0001 x0001");
  EXPECT_TRUE(map.at(*map.find("a0001")).is_branch_point());
  EXPECT_TRUE(map.at(*map.find("m0001")).is_merge_point());
  EXPECT_FALSE(map.at(*map.find("b0001")).is_head());
  // b0001 has a dependent (x0001) but it is still not a head: it has a versioned child.
  EXPECT_EQ(ids(map, map.real_heads()), "m0001 x0001");
  EXPECT_FALSE(map.at(*map.find("x0001")).is_real_base());
}

TEST(RevisionMap, DependencyOnlyChildDoesNotHideAHead) {
  RevisionMap map = build_map({{"a0001"}, {"b0001", {}, {"a0001"}}});
  EXPECT_EQ(ids(map, map.heads()), "a0001 b0001");
  EXPECT_EQ(ids(map, map.real_heads()), "b0001");
}

TEST(RevisionMap, TopologicalOrderPutsParentsAndDependenciesFirst) {
  RevisionMap map = build_map(kBranchy);
  for (RevIndex i = 0; i < map.size(); ++i) {
    for (RevIndex p : map.at(i).down) EXPECT_LT(map.topo_position(p), map.topo_position(i));
    for (RevIndex p : map.at(i).deps) EXPECT_LT(map.topo_position(p), map.topo_position(i));
  }
}

TEST(RevisionMap, AncestorsAndDescendants) {
  RevisionMap map = build_map(kBranchy);
  auto anc = map.ancestors({*map.find("x0001")});
  EXPECT_EQ(ids(map, members(map, anc)), "a0001 b0001 x0001");
  auto anc_versioned = map.ancestors({*map.find("x0001")}, false);
  EXPECT_EQ(ids(map, members(map, anc_versioned)), "x0001");
  auto desc = map.descendants({*map.find("b0001")});
  EXPECT_EQ(ids(map, members(map, desc)), "b0001 b0002 m0001 x0001");
  auto lineage = map.lineage({*map.find("c0001")});
  EXPECT_EQ(ids(map, members(map, lineage)), "a0001 c0001 c0002 m0001");
}

// Alembic's _add_branches: a label covers its revision, everything above it, and the revisions below it
// down to the branch point (or merge) it grew from.
TEST(RevisionMap, LabelsSpreadAlongTheirBranch) {
  RevisionMap map = build_map({{"a0001"},
                               {"b0001", {"a0001"}},
                               {"c0001", {"b0001"}},
                               {"c0002", {"c0001"}, {}, {"cbranch"}},
                               {"d0001", {"b0001"}, {}, {"dbranch"}},
                               {"e0001", {"d0001"}}});
  auto labels = [&](const char* id) { return join(map.at(*map.find(id)).labels, ","); };
  EXPECT_EQ(labels("c0002"), "cbranch");
  EXPECT_EQ(labels("c0001"), "cbranch");  // below the label, down to the branch point
  EXPECT_EQ(labels("b0001"), "");         // the branch point itself is shared
  EXPECT_EQ(labels("e0001"), "dbranch");  // above the label
  EXPECT_EQ(labels("a0001"), "");
  // A label on a linear tree covers all of it.
  RevisionMap linear = build_map({{"a0001"}, {"b0001", {"a0001"}, {}, {"core"}}, {"c0001", {"b0001"}}});
  EXPECT_EQ(join(linear.at(*linear.find("a0001")).labels, ","), "core");
}

TEST(RevisionMap, NamesWithPrefixCoverIdsAndLabelsLongerThanThree) {
  RevisionMap map = build_map({{"abcd1234"}, {"abc", {"abcd1234"}, {}, {"abcdef"}}, {"ffff0000", {"abcd1234"}}});
  auto names = map.names_with_prefix("ab");
  ASSERT_EQ(names.size(), 2u);  // "abc" is too short to be found by a prefix
  EXPECT_EQ(names[0], "abcd1234");
  EXPECT_EQ(names[1], "abcdef");  // ids first, then labels
  EXPECT_EQ(map.id(*map.find_name("abcdef")), "abc");
}

TEST(RevisionMap, SubsetKeepsOnlyTheGivenRevisions) {
  RevisionMap map = build_map(kBranchy);
  RevisionSet keep = map.ancestors({*map.find("x0001")});
  std::vector<RevIndex> original;
  RevisionMap sub = map.subset(keep, original);
  EXPECT_EQ(ids(sub, sub.heads()), "b0001 x0001");
  EXPECT_EQ(ids(sub, sub.real_heads()), "x0001");
  ASSERT_EQ(original.size(), 3u);
  EXPECT_EQ(map.id(original[*sub.find("x0001")]), "x0001");
}

TEST(RevisionMap, NormalizedDependenciesDropWhatAncestorsDeclared) {
  // c depends on x, and so does its parent b: c's step needs no row for x.
  RevisionMap map = build_map({{"x0001"}, {"a0001"}, {"b0001", {"a0001"}, {"x0001"}}, {"c0001", {"b0001"}, {"x0001"}}});
  EXPECT_EQ(ids(map, map.at(*map.find("b0001")).normalized_deps), "x0001");
  EXPECT_TRUE(map.at(*map.find("c0001")).normalized_deps.empty());
  EXPECT_EQ(ids(map, map.at(*map.find("c0001")).normalized_down), "b0001");
}

struct BadGraph {
  const char* name;
  std::vector<Rev> revs;
  const char* expected;  // a substring of the error
};

void PrintTo(const BadGraph& g, std::ostream* os) { *os << g.name; }

class RevisionMapErrors : public ::testing::TestWithParam<BadGraph> {};

TEST_P(RevisionMapErrors, AreReportedWithLocation) {
  auto r = RevisionMap::build(testing::headers(GetParam().revs));
  ASSERT_FALSE(r.ok());
  std::string text = r.error().to_string();
  EXPECT_NE(text.find(GetParam().expected), std::string::npos) << text;
  EXPECT_NE(text.find(".toml:1"), std::string::npos) << text;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RevisionMapErrors,
    ::testing::Values(
        BadGraph{"duplicate_id", {{"a0001"}, {"a0001"}}, "duplicate revision id 'a0001'"},
        BadGraph{"missing_down", {{"a0001"}, {"b0001", {"nope"}}}, "down_revision 'nope' of revision b0001 does not exist"},
        BadGraph{"missing_dep", {{"a0001"}, {"b0001", {"a0001"}, {"ghost"}}}, "depends_on 'ghost'"},
        BadGraph{"self_down", {{"a0001", {"a0001"}}}, "names itself"},
        BadGraph{"self_dep", {{"a0001", {}, {"a0001"}}}, "depends on itself"},
        BadGraph{"cycle", {{"a0001", {"c0001"}}, {"b0001", {"a0001"}}, {"c0001", {"b0001"}}}, "cycle in the revision graph"},
        BadGraph{"dep_cycle", {{"a0001", {}, {"b0001"}}, {"b0001", {"a0001"}}}, "cycle in the revision graph"},
        BadGraph{"label_twice", {{"a0001", {}, {}, {"core"}}, {"b0001", {"a0001"}, {}, {"core"}}}, "branch label 'core'"},
        BadGraph{"label_is_id", {{"a0001"}, {"b0001", {"a0001"}, {}, {"a0001"}}}, "also a revision id"},
        BadGraph{"dash_in_id", {{"a-001"}}, "may not contain '-'"},
        BadGraph{"at_in_id", {{"a@001"}}, "may not contain '@'"},
        BadGraph{"space_in_id", {{"a 001"}}, "may not contain"},
        BadGraph{"bad_label", {{"a0001", {}, {}, {"core/x"}}}, "may only contain letters"},
        BadGraph{"reserved", {{"heads"}}, "reserved word"},
        BadGraph{"too_long", {{std::string(33, 'a')}}, "longer than 32"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(RevisionMap, CycleMessageNamesTheRevisionsInOrder) {
  auto r = RevisionMap::build(testing::headers({{"a0001", {"c0001"}}, {"b0001", {"a0001"}}, {"c0001", {"b0001"}}}));
  ASSERT_FALSE(r.ok());
  const std::string& msg = r.error().message();
  EXPECT_NE(msg.find("->"), std::string::npos);
  for (const char* id : {"a0001", "b0001", "c0001"}) EXPECT_NE(msg.find(id), std::string::npos);
}

TEST(RevisionMap, BigLinearTreeBuilds) {
  std::vector<Rev> revs;
  for (int i = 0; i < 10000; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "r%07d", i);
    revs.push_back(Rev{id, i ? std::vector<std::string>{revs.back().id} : std::vector<std::string>{}});
  }
  RevisionMap map = build_map(revs);
  EXPECT_EQ(map.size(), 10000u);
  EXPECT_EQ(ids(map, map.heads()), "r0009999");
}

}  // namespace
}  // namespace retort
