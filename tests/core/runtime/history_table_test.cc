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

TEST_F(HistoryTableTest, DeferredRowsAreNumberedNowAndWrittenSeveralToAStatement) {
  run(table_.insert_statements(entry("a0", "upgrade")));
  for (int i = 1; i <= 250; ++i) ASSERT_TRUE(table_.defer_insert(entry("r" + std::to_string(i), "upgrade")).ok());
  EXPECT_EQ(*table_.next_id(), 252) << "numbered as they were deferred";
  EXPECT_EQ(table_.read()->size(), 1u) << "nothing written before the transaction ends";
  auto statements = table_.take_deferred();
  ASSERT_TRUE(statements.ok()) << statements.error().to_string();
  EXPECT_EQ(statements->size(), 3u) << "250 rows, at most 100 to an INSERT";
  run(statements);
  EXPECT_TRUE(table_.take_deferred()->empty()) << "taken once";
  auto rows = table_.read();
  ASSERT_EQ(rows->size(), 251u);
  for (size_t i = 0; i < rows->size(); ++i) {
    EXPECT_EQ((*rows)[i].id, static_cast<long>(i) + 1);
    EXPECT_EQ((*rows)[i].revision, i == 0 ? "a0" : "r" + std::to_string(i));
  }
}

TEST_F(HistoryTableTest, DroppedDeferredRowsAreNeverWritten) {
  ASSERT_TRUE(table_.defer_insert(entry("a1", "upgrade")).ok());
  table_.drop_deferred();
  EXPECT_TRUE(table_.take_deferred()->empty());
  EXPECT_TRUE(table_.read()->empty());
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

TEST_F(HistoryTableTest, AFingerprintQueryIsStoredAsTheValueItGivesWhenTheRowIsWritten) {
  HistoryEntry step = entry("c3", "upgrade");
  step.success = false;
  step.finished.clear();
  step.position = StatementPosition{0, 0};
  step.schema_before_query = "SELECT 'test1:' || COUNT(*) FROM sqlite_master";
  run(table_.insert_statements(step));
  const std::string first = (*table_.latest("c3"))->schema_before;
  EXPECT_EQ(first.rfind("test1:", 0), 0u) << first;
  ASSERT_TRUE(db_.connection().execute("CREATE TABLE more (id INTEGER)").ok());
  step.id = (*table_.latest("c3"))->id;
  run(table_.update_statements(step));
  EXPECT_NE((*table_.latest("c3"))->schema_before, first) << "taken again by the UPDATE";
  step.schema_before_query.clear();
  step.schema_before = "test1:by hand";
  run(table_.update_statements(step));
  EXPECT_EQ((*table_.latest("c3"))->schema_before, "test1:by hand");
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

// A run holds the lock throughout, so what it asks of the table per step is read once: the next id is
// counted on from the rows it numbers, and unfinished steps come from one read of the failed rows.
TEST_F(HistoryTableTest, TheNextIdAndUnfinishedStepsAreReadOncePerRun) {
  auto unfinished = [](const std::string& revision, int done) {
    HistoryEntry e = entry(revision, "upgrade");
    e.success = false;
    e.finished.clear();
    e.statements_done = done;
    e.position = StatementPosition{done, 0};
    return e;
  };
  run(table_.insert_statements(unfinished("a1", 1)));  // resumed and finished by a later row
  run(table_.insert_statements(entry("a1", "upgrade")));
  run(table_.insert_statements(unfinished("b2", 2)));  // still to resume
  HistoryEntry failed = entry("c3", "upgrade");         // a transactional failure: nothing to resume
  failed.success = false;
  run(table_.insert_statements(failed));

  HistoryTable run_table(db_.connection(), OpCatalogue::core());
  EXPECT_FALSE(run_table.unfinished_step("a1")->has_value()) << "a later successful row finished it";
  auto b2 = run_table.unfinished_step("b2");
  ASSERT_TRUE(b2.ok()) << b2.error().to_string();
  ASSERT_TRUE(b2->has_value());
  EXPECT_EQ((*b2)->statements_done, 2);
  EXPECT_FALSE(run_table.unfinished_step("c3")->has_value());
  EXPECT_FALSE(run_table.unfinished_step("zz")->has_value());

  // Rows written after the first read: another table object (another process would need the lock).
  run(table_.insert_statements(unfinished("d4", 1)));
  EXPECT_FALSE(run_table.unfinished_step("d4")->has_value()) << "read once per run, as the lock allows";

  EXPECT_EQ(*run_table.next_id(), 6);
  HistoryEntry mine = unfinished("e5", 0);
  mine.id = 6;
  run(run_table.insert_statements(mine));
  EXPECT_EQ(*run_table.next_id(), 7) << "counted on, not read again";
  auto e5 = run_table.unfinished_step("e5");
  ASSERT_TRUE(e5->has_value()) << "a revision this table wrote a row for is asked for again";
  EXPECT_EQ((*e5)->id, 6);

  run(run_table.insert_statements(entry("f6", "upgrade")));  // numbered by the database: 7
  EXPECT_EQ(*run_table.next_id(), 8) << "read again after a row the database numbered";
}

}  // namespace
}  // namespace retort
