// Tests graph/version_rows.cc: the version-table rows through branch, merge, unmerge and depends_on, as
// Alembic keeps them (one row per head; implied revisions not stored).
#include "graph/version_rows.h"

#include "graph_builder.h"
#include "graph_expectations.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

using testing::changes_text;
using testing::Rev;


class VersionRowsTest : public ::testing::Test {
 protected:
  RevisionMap map = testing::build_map({{"a0001"},
                                        {"b0001", {"a0001"}},
                                        {"b0002", {"b0001"}},
                                        {"c0001", {"a0001"}},
                                        {"c0002", {"c0001"}},
                                        {"m0001", {"b0002", "c0002"}},
                                        {"x0001", {}, {"b0001"}}});
  RevIndex id(const char* s) { return *map.find(s); }
};

TEST_F(VersionRowsTest, UpgradeThroughBranchMergeAndDependency) {
  VersionRows rows(map, {});
  EXPECT_EQ(changes_text(rows.upgrade(id("a0001"))), "INSERT a0001");
  EXPECT_EQ(changes_text(rows.upgrade(id("b0001"))), "UPDATE a0001->b0001");
  // As in Alembic: a depends_on target that is a row is replaced by the dependent revision...
  EXPECT_EQ(changes_text(rows.upgrade(id("x0001"))), "UPDATE b0001->x0001");
  // ...so continuing b0001's branch then starts a new row.
  EXPECT_EQ(changes_text(rows.upgrade(id("b0002"))), "INSERT b0002");
  EXPECT_EQ(changes_text(rows.upgrade(id("c0001"))), "INSERT c0001");  // a0001 is implied by b0002: a new branch
  EXPECT_EQ(changes_text(rows.upgrade(id("c0002"))), "UPDATE c0001->c0002");
  // As Alembic: the other parents go first, the last one is UPDATEd.
  EXPECT_EQ(changes_text(rows.upgrade(id("m0001"))), "DELETE b0002; UPDATE c0002->m0001");
  EXPECT_EQ(testing::ids(map, rows.rows()), "x0001 m0001");
}

TEST_F(VersionRowsTest, DowngradeUnmergesAndDropsImpliedRows) {
  VersionRows rows(map, {id("m0001"), id("x0001")});
  EXPECT_EQ(changes_text(rows.downgrade(id("m0001"))), "INSERT b0002; UPDATE m0001->c0002");
  EXPECT_EQ(changes_text(rows.downgrade(id("x0001"))), "DELETE x0001");  // b0001 is still implied by b0002
  EXPECT_EQ(changes_text(rows.downgrade(id("c0002"))), "UPDATE c0002->c0001");
  EXPECT_EQ(changes_text(rows.downgrade(id("c0001"))), "DELETE c0001");  // a0001 is implied by b0002
  EXPECT_EQ(changes_text(rows.downgrade(id("b0002"))), "UPDATE b0002->b0001");
  EXPECT_EQ(changes_text(rows.downgrade(id("b0001"))), "UPDATE b0001->a0001");
  EXPECT_EQ(changes_text(rows.downgrade(id("a0001"))), "DELETE a0001");
  EXPECT_TRUE(rows.rows().empty());
}

TEST_F(VersionRowsTest, DependencyTargetBecomesARowWhenNothingElseImpliesIt) {
  VersionRows rows(map, {id("b0001"), id("x0001")});
  EXPECT_EQ(changes_text(rows.downgrade(id("x0001"))), "DELETE x0001");
  VersionRows only_x(map, {id("x0001")});
  EXPECT_EQ(changes_text(only_x.downgrade(id("x0001"))), "UPDATE x0001->b0001");
}

TEST_F(VersionRowsTest, ReplaceAndRowsFor) {
  VersionRows rows(map, {id("b0002")});
  EXPECT_EQ(changes_text(rows.replace({id("c0001")})), "UPDATE b0002->c0001");
  EXPECT_EQ(changes_text(rows.replace({id("b0001"), id("c0002")})), "INSERT b0001; UPDATE c0001->c0002");
  EXPECT_EQ(testing::ids(map, rows_for(map, map.ancestors({id("m0001"), id("x0001")}))), "m0001 x0001");
}

}  // namespace
}  // namespace retort
