// The version table as retort reads and writes it (runtime/version_table.h), on a real SQLite file: created
// on demand, rows inserted, updated and deleted by the dialect's statements, resolved against the tree.
#include "runtime/version_table.h"

#include "graph_builder.h"
#include "live_database.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace retort {
namespace {

using testing::LiveDatabase;

class VersionTableTest : public ::testing::Test {
 protected:
  void run(const Result<std::vector<std::string>>& statements) {
    ASSERT_TRUE(statements.ok()) << statements.error().to_string();
    for (const auto& s : *statements) ASSERT_TRUE(db_.connection().execute(s).ok()) << s;
  }
  std::vector<std::string> sorted_rows() {
    auto rows = table_.read();
    EXPECT_TRUE(rows.ok()) << rows.error().to_string();
    std::vector<std::string> out = rows.ok() ? *rows : std::vector<std::string>{};
    std::sort(out.begin(), out.end());
    return out;
  }

  LiveDatabase db_{testing::native_backends().front(), "versions"};  // SQLite
  VersionTable table_{db_.connection()};
};

TEST_F(VersionTableTest, DoesNotExistUntilCreatedAndThenHasNoRows) {
  ASSERT_EQ(db_.backend().dialect, "sqlite");
  EXPECT_FALSE(*table_.exists());
  EXPECT_TRUE(table_.read()->empty()) << "a missing table reads as no rows";
  run(table_.create_statements());
  EXPECT_TRUE(*table_.exists());
  EXPECT_TRUE(table_.read()->empty());
  EXPECT_EQ(table_.name(), "retort_version");
}

TEST_F(VersionTableTest, RowChangesAreTheDialectsStatements) {
  run(table_.create_statements());
  run(table_.change_statements({{VersionChange::Kind::kInsert, "", "a1"}, {VersionChange::Kind::kInsert, "", "b1"}}));
  EXPECT_EQ(sorted_rows(), (std::vector<std::string>{"a1", "b1"}));
  run(table_.change_statements({{VersionChange::Kind::kUpdate, "a1", "a2"}}));
  EXPECT_EQ(sorted_rows(), (std::vector<std::string>{"a2", "b1"}));
  run(table_.change_statements({{VersionChange::Kind::kDelete, "b1", ""}}));
  EXPECT_EQ(sorted_rows(), (std::vector<std::string>{"a2"}));
  run(table_.delete_statements("a2"));
  EXPECT_TRUE(sorted_rows().empty());
  run(table_.drop_statements());
  EXPECT_FALSE(*table_.exists());
}

TEST_F(VersionTableTest, RowsResolveToRevisionsOrNameTheUnknownOne) {
  const RevisionMap map = testing::build_map({{"a1"}, {"a2", {"a1"}}});
  run(table_.create_statements());
  run(table_.change_statements({{VersionChange::Kind::kInsert, "", "a2"}}));
  auto rows = table_.read_revisions(map);
  ASSERT_TRUE(rows.ok()) << rows.error().to_string();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(map.id(rows->front()), "a2");
  run(table_.change_statements({{VersionChange::Kind::kInsert, "", "zz9"}}));
  auto unknown = table_.read_revisions(map);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().to_string().find("names revision 'zz9', which is not in the revision files"), std::string::npos)
      << unknown.error().to_string();
  EXPECT_NE(unknown.error().to_string().find("stamp --purge"), std::string::npos);
}

}  // namespace
}  // namespace retort
