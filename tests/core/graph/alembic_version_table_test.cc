// Alembic 1.8.1's tests/test_version_table.py, the row bookkeeping: Alembic's HeadMaintainer fed hand-made
// steps becomes retort's VersionRows fed the same steps on a graph that has them (Alembic's steps name
// revisions that need not exist; retort's rows belong to a revision graph). Each case checks the rows
// afterwards, as Alembic's _assert_heads does, and the INSERT/UPDATE/DELETE each step makes where the step
// decides it. The duplicate-row cases become the refusal retort makes before planning (Planner's rows check).
//
// Not ported, no retort equivalent:
//   TestMigrationContext.test_config_default_version_table_name, test_config_explicit_version_table_name,
//   test_config_explicit_version_table_schema, test_config_explicit_no_pk, test_config_explicit_w_pk
//   (MigrationContext options; retort's version_table is a config setting, DESIGN.md §3),
//   test_get_current_revision_doesnt_create_version_table (see alembic_command_test, CurrentTest),
//   test_get_current_revision, test_get_current_revision_error_if_starting_rev_given_online,
//   test_get_current_revision_offline, test_get_current_revision_multiple_heads, test_get_heads_offline
//   (MigrationContext API: retort has no single-revision getter; offline starting points are FROM:TO ranges,
//   see alembic_command_test), test_stamp_api_creates_table (see alembic_command_test, LiveStampTest);
//   UpdateRevTest.test_update_no_match, test_delete_no_match (an in-memory head set that disagrees with the
//   table: retort keeps no head set apart from the rows it reads), test_update_no_match_no_sane_rowcount,
//   test_update_multi_match_no_sane_rowcount, test_delete_no_matchno_sane_rowcount,
//   test_delete_multi_match_no_sane_rowcount (a driver without rowcounts).
#include "graph/migration_plan.h"
#include "graph/version_rows.h"

#include "graph_builder.h"
#include "graph_expectations.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>

namespace retort {
namespace {

using testing::changes_text;
using testing::Rev;


// A version table over a graph, starting empty: each call runs one step and returns its statements.
class VersionTable {
 public:
  explicit VersionTable(const std::vector<Rev>& revs) : map_(testing::build_map(revs)), rows_(map_, {}) {}
  std::string up(const std::string& id) { return changes_text(rows_.upgrade(rev(id))); }
  std::string down(const std::string& id) { return changes_text(rows_.downgrade(rev(id))); }
  // The rows set outright, as a stamp does (Alembic's steps that insert a revision out of nowhere).
  std::string stamp(const std::string& ids) { return changes_text(rows_.replace(testing::lookup(map_, ids))); }
  // The rows as a set (Alembic's _assert_heads compares sets).
  std::string heads() const {
    std::vector<std::string> names;
    for (RevIndex r : rows_.rows()) names.push_back(map_.id(r));
    std::sort(names.begin(), names.end());
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : " ") + n;
    return out;
  }

 private:
  RevIndex rev(const std::string& id) const { return testing::lookup(map_, id).at(0); }
  RevisionMap map_;
  VersionRows rows_;
};

// --- UpdateRevTest ------------------------------------------------------------------------------

// test_version_table.py UpdateRevTest.test_update_none_to_single
TEST(UpdateRevTest, UpdateNoneToSingle) {
  VersionTable t({{"a"}});
  EXPECT_EQ(t.up("a"), "INSERT a");
  EXPECT_EQ(t.heads(), "a");
}

// test_version_table.py UpdateRevTest.test_update_single_to_single
TEST(UpdateRevTest, UpdateSingleToSingle) {
  VersionTable t({{"a"}, {"b", {"a"}}});
  EXPECT_EQ(t.up("a"), "INSERT a");
  EXPECT_EQ(t.up("b"), "UPDATE a->b");
  EXPECT_EQ(t.heads(), "b");
}

// test_version_table.py UpdateRevTest.test_update_single_to_none
TEST(UpdateRevTest, UpdateSingleToNone) {
  VersionTable t({{"a"}});
  EXPECT_EQ(t.up("a"), "INSERT a");
  EXPECT_EQ(t.down("a"), "DELETE a");
  EXPECT_EQ(t.heads(), "");
}

// test_version_table.py UpdateRevTest.test_add_branches
TEST(UpdateRevTest, AddBranches) {
  VersionTable t({{"a"}, {"b", {"a"}}, {"c"}, {"d", {"c"}}, {"e1", {"d"}}, {"e2", {"d"}}});
  EXPECT_EQ(t.up("a"), "INSERT a");
  EXPECT_EQ(t.up("b"), "UPDATE a->b");
  EXPECT_EQ(t.up("c"), "INSERT c");
  EXPECT_EQ(t.heads(), "b c");
  EXPECT_EQ(t.up("d"), "UPDATE c->d");
  EXPECT_EQ(t.up("e1"), "UPDATE d->e1");
  EXPECT_EQ(t.up("e2"), "INSERT e2");
  EXPECT_EQ(t.heads(), "b e1 e2");
}

// test_version_table.py UpdateRevTest.test_teardown_branches
// Alembic's hand-made step _down("d1", "c") UPDATEs d1 to c and leaves {c, d2}, although d2 implies c;
// the step Alembic builds itself for this graph deletes the row instead ({d2}), and retort's rows are
// always minimal (DESIGN.md §5), so c is not stored while d2 is.
TEST(UpdateRevTest, TeardownBranches) {
  VersionTable t({{"b"}, {"c", {"b"}}, {"d1", {"c"}}, {"d2", {"c"}}});
  EXPECT_EQ(t.stamp("d1"), "INSERT d1");
  EXPECT_EQ(t.stamp("d1 d2"), "INSERT d2");
  EXPECT_EQ(t.heads(), "d1 d2");
  EXPECT_EQ(t.down("d1"), "DELETE d1");
  EXPECT_EQ(t.heads(), "d2");
  EXPECT_EQ(t.down("d2"), "UPDATE d2->c");
  EXPECT_EQ(t.heads(), "c");
  EXPECT_EQ(t.down("c"), "UPDATE c->b");
  EXPECT_EQ(t.heads(), "b");
}

const std::vector<Rev> kMerge = {
    {"a"}, {"b", {"a"}}, {"c1", {"b"}}, {"c2", {"b"}}, {"d1", {"c1"}}, {"d2", {"c2"}}, {"e", {"d1", "d2"}},
};

// test_version_table.py UpdateRevTest.test_resolve_merges
TEST(UpdateRevTest, ResolveMerges) {
  VersionTable t(kMerge);
  for (const char* id : {"a", "b", "c1", "c2", "d1", "d2"}) t.up(id);
  EXPECT_EQ(t.heads(), "d1 d2");
  t.up("e");
  EXPECT_EQ(t.heads(), "e");
}

// test_version_table.py UpdateRevTest.test_resolve_merges, the statements: Alembic's merge step
// _up(("d1", "d2"), "e") deletes every row but the last parent and UPDATEs the last one, which is also what
// Alembic 1.8.1 emits for a real merge step with no other heads (checked with `alembic upgrade --sql` on this
// graph: DELETE d1, then UPDATE d2 to e). The new branch c2 is an INSERT (_up("b", "c2", True)).
TEST(UpdateRevTest, ResolveMergesStatements) {
  VersionTable t(kMerge);
  EXPECT_EQ(t.up("a"), "INSERT a");
  EXPECT_EQ(t.up("b"), "UPDATE a->b");
  EXPECT_EQ(t.up("c1"), "UPDATE b->c1");
  EXPECT_EQ(t.up("c2"), "INSERT c2");
  EXPECT_EQ(t.up("d1"), "UPDATE c1->d1");
  EXPECT_EQ(t.up("d2"), "UPDATE c2->d2");
  EXPECT_EQ(t.up("e"), "DELETE d1; UPDATE d2->e");
}

const std::vector<Rev> kUnmerge = {{"c1"}, {"d1", {"c1"}}, {"c2"}, {"d2", {"c2"}}, {"e", {"d1", "d2"}}};

// test_version_table.py UpdateRevTest.test_unresolve_merges
TEST(UpdateRevTest, UnresolveMerges) {
  VersionTable t(kUnmerge);
  EXPECT_EQ(t.stamp("e"), "INSERT e");
  t.down("e");
  EXPECT_EQ(t.heads(), "d1 d2");
  EXPECT_EQ(t.down("d2"), "UPDATE d2->c2");
  EXPECT_EQ(t.heads(), "c2 d1");
}

// test_version_table.py UpdateRevTest.test_unresolve_merges, the statements: Alembic's unmerge step
// _down("e", ("d1", "d2")) UPDATEs e to the last parent and INSERTs the others first, which is also what
// Alembic 1.8.1 emits for a real unmerge with no other heads (checked with `alembic downgrade --sql`:
// INSERT d1, then UPDATE e to d2).
TEST(UpdateRevTest, UnresolveMergesStatements) {
  VersionTable t(kUnmerge);
  t.stamp("e");
  EXPECT_EQ(t.down("e"), "INSERT d1; UPDATE e->d2");
}

// The version table holds "a" twice (a table without a primary key, which Alembic can create).
class DuplicateRowTest : public ::testing::Test {
 protected:
  RevisionMap map = testing::build_map({{"a"}, {"b", {"a"}}});
  Planner planner{map, testing::lookup(map, "a a")};

  static void expect_refused(const Status& status) {
    ASSERT_FALSE(status.ok()) << "a plan was made over the duplicated row";
    const std::string text = status.error().to_string();
    EXPECT_NE(text.find(" a "), std::string::npos) << "the error does not name revision a: " << text;
  }
};

// test_version_table.py UpdateRevTest.test_update_multi_match: Alembic fails on the UPDATE matching 2 rows;
// retort refuses before planning anything.
TEST_F(DuplicateRowTest, UpdateMultiMatch) { expect_refused(planner.plan_upgrade("b").status()); }

// test_version_table.py UpdateRevTest.test_delete_multi_match: Alembic fails on the DELETE matching 2 rows.
TEST_F(DuplicateRowTest, DeleteMultiMatch) { expect_refused(planner.plan_downgrade("base").status()); }

// --- TestMigrationContext -----------------------------------------------------------------------

// test_version_table.py TestMigrationContext.test_get_heads: rows a and b, two heads.
TEST(TestMigrationContext, GetHeads) {
  RevisionMap map = testing::build_map({{"a"}, {"b"}});
  auto current = Planner(map, testing::lookup(map, "a b")).current();
  ASSERT_TRUE(current.ok()) << current.error().to_string();
  EXPECT_EQ(testing::ids(map, *current), "a b");
}

}  // namespace
}  // namespace retort
