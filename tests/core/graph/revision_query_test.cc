// Tests graph/revision_query.cc: what a name stands for (ids, prefixes of any length, labels and their
// prefixes, head/heads/base, LABEL@...), walks, lineage filters and effective heads. Expectations follow
// Alembic 1.8.1; the ported Alembic cases are in alembic_revision_test.cc.
#include "graph/revision_query.h"

#include "graph_builder.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

using testing::build_map;
using testing::ids;

std::string named(const RevisionMap& map, const Result<RevisionRefs>& r) {
  if (!r.ok()) return "error: " + r.error().to_string();
  std::string out;
  for (const auto& ref : *r)
    out += (out.empty() ? "" : " ") + (ref.is_revision() ? map.id(ref.rev) : ref.is_base() ? "<base>" : "<none>");
  return out;
}

const std::vector<testing::Rev> kTree = {
    {"ae1027a6acf0"},
    {"6b7c9d", {"ae1027a6acf0"}, {}, {"expand"}},
    {"27c6a30d7c24", {"6b7c9d"}},
    {"1975ea83b712", {"ae1027a6acf0"}, {}, {"contract"}},
    {"x1", {}, {"expand"}, {"feature-x"}},
};

TEST(RevisionQuery, PrefixesOfAnyLength) {
  RevisionMap map = build_map(kTree);
  RevisionQuery q(map);
  EXPECT_EQ(named(map, q.revisions("ae1")), "ae1027a6acf0");  // Alembic's tutorial
  EXPECT_EQ(named(map, q.revisions("6")), "6b7c9d");           // one character, when unique
  EXPECT_EQ(named(map, q.revisions("2")), "27c6a30d7c24");
  EXPECT_EQ(named(map, q.revisions("1")), "1975ea83b712");
  // Names of three characters or fewer are found only whole.
  EXPECT_EQ(named(map, q.revisions("x1")), "x1");
  EXPECT_NE(named(map, q.revisions("x")).find("error: no revision or branch 'x'"), std::string::npos);
}

TEST(RevisionQuery, LabelsAndTheirPrefixes) {
  RevisionMap map = build_map(kTree);
  RevisionQuery q(map);
  EXPECT_EQ(named(map, q.revisions("expand")), "6b7c9d");
  EXPECT_EQ(named(map, q.revisions("expa")), "6b7c9d");
  EXPECT_EQ(named(map, q.revisions("feature-x")), "x1");
  EXPECT_EQ(named(map, q.revisions("expand@head")), "27c6a30d7c24");
  EXPECT_EQ(named(map, q.revisions("expa@head")), "27c6a30d7c24");
  EXPECT_EQ(named(map, q.revisions("contract@heads")), "1975ea83b712");
  EXPECT_EQ(named(map, q.revisions("expand@base")), "");
}

TEST(RevisionQuery, LabelledPrefixResolvesWithinTheBranch) {
  RevisionMap map = build_map({{"a0001"}, {"b0001", {"a0001"}, {}, {"bb"}}, {"b0002", {"a0001"}, {}, {"cc"}}});
  RevisionQuery q(map);
  EXPECT_NE(named(map, q.revisions("b000")).find("ambiguous"), std::string::npos);
  EXPECT_EQ(named(map, q.revisions("bb@b000")), "b0001");
  EXPECT_EQ(named(map, q.revisions("cc@b000")), "b0002");
  EXPECT_NE(named(map, q.revisions("cc@b0001")).find("not on branch 'cc'"), std::string::npos);
}

TEST(RevisionQuery, AmbiguousPrefixListsTheCandidates) {
  RevisionMap map = build_map({{"abcd1234"}, {"abcd5678", {"abcd1234"}}});
  auto r = RevisionQuery(map).revisions("abcd");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("ambiguous"), std::string::npos);
  EXPECT_NE(r.error().message().find("abcd1234"), std::string::npos);
  EXPECT_NE(r.error().message().find("abcd5678"), std::string::npos);
}

TEST(RevisionQuery, HeadsAreRealHeadsButLabelHeadsAreVersioned) {
  RevisionMap map = build_map(kTree);
  RevisionQuery q(map);
  // x1 depends on expand's revision; "heads" (what upgrade heads reaches) are the real heads.
  EXPECT_EQ(named(map, q.revisions("heads")), "27c6a30d7c24 1975ea83b712 x1");
  auto head = q.revision("head");
  ASSERT_FALSE(head.ok());
  EXPECT_NE(head.error().message().find("several heads"), std::string::npos);
}

TEST(RevisionQuery, NegativeNamesWalkDownFromEveryHead) {
  RevisionMap map = build_map({{"a0001"}, {"b0001", {"a0001"}}, {"c0001", {"b0001"}}});
  RevisionQuery q(map);
  EXPECT_EQ(named(map, q.revisions("-1")), "b0001");
  EXPECT_EQ(named(map, q.revisions("-3")), "<base>");
  EXPECT_EQ(named(map, q.revisions("-4")), "<none>");
}

TEST(RevisionQuery, WalkRefusesBranchPointsAndMerges) {
  RevisionMap map = build_map({{"a0001"}, {"b0001", {"a0001"}}, {"c0001", {"a0001"}}, {"m0001", {"b0001", "c0001"}}});
  RevisionQuery q(map);
  auto up = q.walk(RevisionRef::of(*map.find("a0001")), 1, std::nullopt);
  ASSERT_FALSE(up.ok());
  EXPECT_NE(up.error().message().find("a0001 is a branch point into b0001, c0001"), std::string::npos);
  auto down = q.walk(RevisionRef::of(*map.find("m0001")), -1, std::nullopt);
  ASSERT_FALSE(down.ok());
  EXPECT_NE(down.error().message().find("m0001 is a merge of b0001, c0001"), std::string::npos);
  auto over = q.walk(RevisionRef::of(*map.find("b0001")), 5, std::nullopt, false);
  ASSERT_TRUE(over.ok());
  EXPECT_EQ(map.id(over->rev), "m0001");  // without no_overwalk, the walk stops at the last revision
}

TEST(RevisionQuery, AllCurrentIncludesEffectiveHeads) {
  // b2 depends on a2, the head of another branch: a database at b2 is at a2 too.
  RevisionMap map = build_map({{"a0001"}, {"a0002", {"a0001"}}, {"b0001"}, {"b0002", {"b0001"}, {"a0002"}}});
  EXPECT_EQ(ids(map, RevisionQuery(map).all_current({*map.find("b0002")})), "a0002 b0002");
}

TEST(RevisionQuery, FilterForLineage) {
  RevisionMap map = build_map(kTree);
  RevisionQuery q(map);
  auto on_expand = q.filter_for_lineage(map.real_heads(), "expand");
  ASSERT_TRUE(on_expand.ok());
  EXPECT_EQ(ids(map, *on_expand), "27c6a30d7c24");
  auto with_deps = q.filter_for_lineage(map.real_heads(), "expand", true);
  EXPECT_EQ(ids(map, *with_deps), "27c6a30d7c24 x1");
}

TEST(RevisionQuery, OverlapNamesBothRevisions) {
  RevisionMap map = build_map({{"a0001"}, {"b0001", {"a0001"}}});
  Status st = RevisionQuery(map).check_overlap({*map.find("a0001"), *map.find("b0001")}, false);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message().find("a0001"), std::string::npos);
  EXPECT_NE(st.error().message().find("b0001"), std::string::npos);
}

}  // namespace
}  // namespace retort
