// Tests graph/revision_map.cc: building, validation errors, lookups, heads/bases and ancestry.
#include "graph/revision_map.h"

#include "graph_builder.h"

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
  auto lineage = map.lineage(*map.find("c0001"));
  EXPECT_EQ(ids(map, members(map, lineage)), "a0001 c0001 c0002 m0001");
}

TEST(RevisionMap, BranchRootStopsAtTheBranchPoint) {
  RevisionMap map = build_map(kBranchy);
  EXPECT_EQ(map.id(map.branch_root(*map.find("c0002"))), "c0001");
  EXPECT_EQ(map.id(map.branch_root(*map.find("x0001"))), "x0001");
  RevisionMap linear = build_map({{"a0001"}, {"b0001", {"a0001"}}, {"c0001", {"b0001"}}});
  EXPECT_EQ(linear.id(linear.branch_root(*linear.find("c0001"))), "a0001");
}

TEST(RevisionMap, ResolveIdsLabelsAndPrefixes) {
  RevisionMap map = build_map({{"abcd1234"}, {"abce5678", {"abcd1234"}, {}, {"feature"}}, {"ffff0000", {"abcd1234"}}});
  EXPECT_EQ(map.id(*map.resolve("abcd1234")), "abcd1234");
  EXPECT_EQ(map.id(*map.resolve("feature")), "abce5678");
  EXPECT_EQ(map.id(*map.resolve("ffff")), "ffff0000");
  EXPECT_EQ(map.id(*map.resolve("abcd")), "abcd1234");

  auto ambiguous = map.resolve("abc");
  ASSERT_FALSE(ambiguous.ok());
  EXPECT_NE(ambiguous.error().hint_text().find("four characters"), std::string::npos);

  RevisionMap two = build_map({{"abcd1234"}, {"abcd5678", {"abcd1234"}}});
  auto amb = two.resolve("abcd");
  ASSERT_FALSE(amb.ok());
  EXPECT_NE(amb.error().message().find("ambiguous"), std::string::npos);
  EXPECT_NE(amb.error().message().find("abcd1234"), std::string::npos);
  EXPECT_NE(amb.error().message().find("abcd5678"), std::string::npos);

  auto missing = two.resolve("zzzz");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message().find("no revision or branch 'zzzz'"), std::string::npos);
}

TEST(RevisionMap, NormalizedDependenciesDropWhatAncestorsDeclared) {
  // c depends on x, and so does its parent b: c's step needs no row for x.
  RevisionMap map = build_map({{"x0001"}, {"a0001"}, {"b0001", {"a0001"}, {"x0001"}}, {"c0001", {"b0001"}, {"x0001"}}});
  EXPECT_EQ(ids(map, map.at(*map.find("b0001")).normalized_deps), "x0001");
  EXPECT_TRUE(map.at(*map.find("c0001")).normalized_deps.empty());
  EXPECT_EQ(ids(map, map.at(*map.find("c0001")).normalized_down()), "b0001");
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
        BadGraph{"bad_chars", {{"a-001"}}, "may only contain"},
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
