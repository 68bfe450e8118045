// The history table as retort reads and writes it (runtime/history_table.h), on a real SQLite file: rows
// appended and numbered, a statement-by-statement step's row rewritten as it goes, the newest row of a
// revision read back with its position and schema fingerprint.
#include "runtime/history_table.h"

#include "live_database.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

using testing::LiveDatabase;

class HistoryTableTest : public ::testing::Test {
 protected:
  void SetUp() override { run(table_.create_statements()); }
  void run(const Result<std::vector<std::string>>& statements) {
    ASSERT_TRUE(statements.ok()) << statements.error().to_string();
    for (const auto& s : *statements) ASSERT_TRUE(db_.connection().execute(s).ok()) << s;
  }
  static HistoryEntry entry(const std::string& revision, const std::string& direction) {
    HistoryEntry e;
    e.revision = revision;
    e.direction = direction;
    e.checksum = "v1:abc";
    e.started = "2026-12-02T10:00:00Z";
    e.finished = "2026-12-02T10:00:01Z";
    return e;
  }

  LiveDatabase db_{testing::native_backends().front(), "history"};  // SQLite
  HistoryTable table_{db_.connection(), OpCatalogue::core()};
};

TEST_F(HistoryTableTest, RowsAreNumberedInOrderAndReadBack) {
  ASSERT_EQ(db_.backend().dialect, "sqlite");
  EXPECT_TRUE(*table_.exists());
  EXPECT_EQ(*table_.next_id(), 1);
  run(table_.insert_statements(entry("a1", "upgrade")));
  HistoryEntry tagged = entry("b2", "stamp");
  tagged.tag = "release-7";
  run(table_.insert_statements(tagged));
  EXPECT_EQ(*table_.next_id(), 3);
  auto rows = table_.read();
  ASSERT_TRUE(rows.ok()) << rows.error().to_string();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].id, 1);
  EXPECT_EQ((*rows)[0].revision, "a1");
  EXPECT_TRUE((*rows)[0].success);
  EXPECT_FALSE((*rows)[0].position) << "a transactional step keeps no position";
  EXPECT_EQ((*rows)[1].tag, "release-7");
  EXPECT_EQ((*rows)[1].direction, "stamp");
}

TEST_F(HistoryTableTest, AStepRunStatementByStatementRewritesItsOwnRow) {
  run(table_.insert_statements(entry("a1", "upgrade")));
  HistoryEntry step = entry("b2", "upgrade");
  step.id = *table_.next_id();
  step.success = false;
  step.finished.clear();
  step.position = StatementPosition{0, 0};
  run(table_.insert_statements(step));

  step.statements_done = 3;
  step.statements_total = 4;
  step.position = StatementPosition{2, 1};
  step.schema_before = "f00d";
  run(table_.update_statements(step));
  auto latest = table_.latest("b2");
  ASSERT_TRUE(latest.ok()) << latest.error().to_string();
  ASSERT_TRUE(latest->has_value());
  const HistoryEntry& read = **latest;
  EXPECT_EQ(read.id, step.id);
  EXPECT_TRUE(read.unfinished_step()) << "killed here: no end recorded";
  EXPECT_TRUE(read.finished.empty());
  EXPECT_EQ(read.statements_done, 3);
  ASSERT_TRUE(read.position);
  EXPECT_EQ(read.position->operation, 2);
  EXPECT_EQ(read.position->statement, 1);
  EXPECT_EQ(read.schema_before, "f00d");

  step.success = true;
  step.finished = "2026-12-02T10:00:05Z";
  step.schema_before.clear();
  run(table_.update_statements(step));
  EXPECT_FALSE((*table_.latest("b2"))->unfinished_step());
  EXPECT_TRUE((*table_.latest("b2"))->schema_before.empty());
  EXPECT_EQ(table_.read()->size(), 2u) << "rewriting a row adds none";
  EXPECT_FALSE(table_.latest("zz")->has_value());
}

TEST_F(HistoryTableTest, TextIsQuotedNotSpliced) {
  HistoryEntry e = entry("a1", "upgrade");
  e.success = false;
  e.error = "it's broken'); DROP TABLE retort_history; --";
  e.failed_statement = "INSERT INTO t VALUES ('x')";
  run(table_.insert_statements(e));
  auto latest = table_.latest("a1");
  ASSERT_TRUE(latest.ok() && latest->has_value());
  EXPECT_EQ((*latest)->error, e.error);
  EXPECT_EQ((*latest)->failed_statement, e.failed_statement);
}

}  // namespace
}  // namespace retort
