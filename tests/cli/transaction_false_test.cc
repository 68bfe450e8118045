// `transaction = false` revisions (DESIGN.md §4, §6) on real databases: the revision runs outside any
// transaction (PostgreSQL's CREATE INDEX CONCURRENTLY refuses a transaction block) between revisions that
// keep their own transaction scope; a failure inside it keeps the statements before the failing one, and
// the rerun goes on from there. Offline scripts close the transaction around it.
#include "cli_runner.h"
#include "live_database.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::Backend;
using testing::CliResult;
using testing::LiveDatabase;

class TransactionFalseTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    RETORT_REQUIRE_BACKEND(GetParam());
    db_ = std::make_unique<LiveDatabase>(GetParam(), ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(project_ / "migrations" / "versions");
    testing::write_file(project_ / "retort.toml", "[retort]\nscript_location = \"migrations\"\n\n[databases.main]\nurl = \"" +
                                                      db_->url() + "\"\n");
  }
  void write_revision(const std::string& id, const std::string& down, const std::string& header, const std::string& body) {
    testing::write_file(project_ / "migrations" / "versions" / (id + "_rev.toml"),
                        "revision = \"" + id + "\"\ndown_revision = \"" + down + "\"\nmessage = \"" + id + "\"\n" +
                            header + "\n" + body);
  }
  // t1 makes a table with rows; t2 (transaction = false) indexes it concurrently where the dialect can,
  // then runs `then`; t3 makes another table.
  void write_tree(const std::string& then) {
    write_revision("t1", "", "",
                   "[[upgrade]]\nop = \"create_table\"\ntable = \"item\"\ncolumns = [{ name = \"id\", type = \"integer\", "
                   "primary_key = true }, { name = \"code\", type = \"integer\" }]\n\n"
                   "[[upgrade]]\nop = \"bulk_insert\"\ntable = \"item\"\nrows = [{ id = 1, code = 10 }, { id = 2, code = 20 }]\n");
    write_revision("t2", "t1", "transaction = false\n",
                   "[[upgrade]]\nop = \"execute\"\nsql = { postgresql = \"CREATE INDEX CONCURRENTLY ix_item_code ON item "
                   "(code)\", default = \"CREATE INDEX ix_item_code ON item (code)\" }\n\n"
                   "[[upgrade]]\nop = \"execute\"\nsql = \"" + then + "\"\n\n"
                   "[[downgrade]]\nop = \"drop_index\"\nname = \"ix_item_code\"\ntable = \"item\"\n");
    write_revision("t3", "t2", "", "[[upgrade]]\nop = \"create_table\"\ntable = \"other\"\ncolumns = [{ name = \"id\", "
                                   "type = \"integer\", primary_key = true }]\n");
  }
  CliResult retort(const std::vector<std::string>& args) { return testing::run_retort(project_.path(), args); }
  std::string versions() {
    CliResult r = retort({"current"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }
  bool has_index() {
    const std::string& d = GetParam().dialect;
    const std::string sql =
        d == "postgresql" ? "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'ix_item_code'"
        : d == "mysql"    ? "SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = DATABASE() AND "
                            "index_name = 'ix_item_code'"
                          : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_item_code'";
    return db_->query(sql) != "0";
  }
  std::string history_of(const std::string& revision) {
    return db_->query("SELECT direction, success, statements_done, COALESCE(failed_statement, '-') FROM retort_history "
                      "WHERE revision = '" + revision + "' ORDER BY id");
  }

  std::unique_ptr<LiveDatabase> db_;
  testing::TempDir project_;
};

TEST_P(TransactionFalseTest, RunsOutsideATransactionBetweenTransactionalRevisions) {
  write_tree("UPDATE item SET code = code + 1");
  CliResult r = retort({"upgrade", "heads"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(versions(), "t3 (head)\n");
  EXPECT_TRUE(has_index());
  EXPECT_EQ(db_->query("SELECT code FROM item ORDER BY id"), "11\n21");
  EXPECT_EQ(history_of("t2"), "upgrade|1|2|-");

  CliResult down = retort({"downgrade", "t1"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_FALSE(has_index());
  EXPECT_EQ(versions(), "t1\n");
}

TEST_P(TransactionFalseTest, AFailureInsideKeepsWhatRanAndTheRerunGoesOnFromTheFailingStatement) {
  write_tree("UPDATE no_such_table SET code = 1");
  CliResult failed = retort({"upgrade", "heads"});
  ASSERT_EQ(failed.exit_code, 1);
  EXPECT_NE(failed.err.find("t2_rev.toml"), std::string::npos) << failed.err;
  EXPECT_NE(failed.err.find("statement: UPDATE no_such_table SET code = 1"), std::string::npos) << failed.err;
  EXPECT_NE(failed.err.find("t2 stopped at statement 2; the 1 before it stay applied"), std::string::npos) << failed.err;
  // t1 ran in a transaction of its own that t2 closed; the index of t2 is there, t3 never started.
  EXPECT_EQ(versions(), "t1\n");
  EXPECT_TRUE(has_index());
  EXPECT_EQ(db_->query("SELECT COUNT(*) FROM item"), "2");
  EXPECT_EQ(history_of("t2"), "upgrade|0|1|UPDATE no_such_table SET code = 1");

  // The fix: the index is not built again (that would fail: it exists), the fixed statement runs once.
  write_tree("UPDATE item SET code = code + 1");
  CliResult resumed = retort({"upgrade", "heads"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("resuming t2 at statement 2: a run that failed"), std::string::npos) << resumed.err;
  EXPECT_EQ(versions(), "t3 (head)\n");
  EXPECT_EQ(db_->query("SELECT code FROM item ORDER BY id"), "11\n21");
  EXPECT_EQ(history_of("t2"), "upgrade|0|1|UPDATE no_such_table SET code = 1\nupgrade|1|2|-");
}

TEST_P(TransactionFalseTest, ARevisionAfterItKeepsItsOwnTransaction) {
  if (GetParam().dialect == "mysql") GTEST_SKIP() << "MySQL commits DDL as it goes";
  write_tree("UPDATE item SET code = code + 1");
  write_revision("t3", "t2", "",
                 "[[upgrade]]\nop = \"create_table\"\ntable = \"other\"\ncolumns = [{ name = \"id\", type = \"integer\" }]\n\n"
                 "[[upgrade]]\nop = \"execute\"\nsql = \"INSERT INTO no_such_table VALUES (1)\"\n");
  CliResult failed = retort({"upgrade", "heads"});
  ASSERT_EQ(failed.exit_code, 1);
  // The failing t3 is rolled back on its own; t1 and t2 stay.
  EXPECT_EQ(versions(), "t2\n");
  const std::string& d = GetParam().dialect;
  EXPECT_EQ(db_->query(d == "postgresql" ? "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'other'"
                                         : "SELECT COUNT(*) FROM sqlite_master WHERE name = 'other'"),
            "0");
}

TEST_P(TransactionFalseTest, OfflineScriptsCommitBeforeItAndBeginAfterIt) {
  write_tree("UPDATE item SET code = code + 1");
  CliResult r = retort({"upgrade", "heads", "--sql"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const size_t t2 = r.out.find("-- Running upgrade t1 -> t2");
  const size_t t3 = r.out.find("-- Running upgrade t2 -> t3");
  ASSERT_NE(t2, std::string::npos) << r.out;
  ASSERT_NE(t3, std::string::npos) << r.out;
  if (GetParam().dialect == "mysql") return;  // no transactions in MySQL scripts to close
  const std::string before = r.out.substr(0, t2), inside = r.out.substr(t2, t3 - t2);
  EXPECT_NE(before.rfind("COMMIT;"), std::string::npos) << r.out;
  EXPECT_GT(before.rfind("COMMIT;"), before.rfind("BEGIN")) << r.out;
  EXPECT_EQ(inside.find("COMMIT;"), std::string::npos) << r.out;
  EXPECT_NE(inside.find("BEGIN"), std::string::npos) << "the revisions after it open a transaction again:\n" << r.out;
  if (GetParam().dialect == "postgresql") {
    EXPECT_NE(inside.find("CREATE INDEX CONCURRENTLY"), std::string::npos) << r.out;
  }
}

INSTANTIATE_TEST_SUITE_P(Native, TransactionFalseTest, ::testing::ValuesIn(testing::native_backends()),
                         [](const auto& info) { return testing::test_name(info.param); });

}  // namespace
}  // namespace retort
