// The runner on real databases (tests/test_servers.sh): what a failing migration leaves behind on each
// dialect, a rerun after the fix (from the failing statement, where a revision runs statement by
// statement), and 4 concurrent `upgrade heads` serialised by the database's lock.
#include "cli_runner.h"
#include "live_database.h"
#include "schema_snapshot.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <thread>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::Backend;
using testing::CliResult;
using testing::LiveDatabase;

std::string revision(const std::string& id, const std::string& down, const std::string& body) {
  return "revision = \"" + id + "\"\ndown_revision = \"" + down + "\"\nmessage = \"" + id + "\"\n\n" + body;
}

std::string create_table(const std::string& table) {
  return "[[upgrade]]\nop = \"create_table\"\ntable = \"" + table +
         "\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n\n";
}

std::string execute(const std::string& sql) { return "[[upgrade]]\nop = \"execute\"\nsql = \"" + sql + "\"\n\n"; }

class LiveMigrationTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    RETORT_REQUIRE_BACKEND(GetParam());
    db_ = std::make_unique<LiveDatabase>(GetParam(), ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(project_ / "migrations" / "versions");
    empty_schema_ = schema();
  }
  void write_config(const std::string& retort_section = "") {
    testing::write_file(project_ / "retort.toml", "[retort]\nscript_location = \"migrations\"\n" + retort_section +
                                                      "\n[databases.main]\nurl = \"" + db_->url() + "\"\n");
  }
  void write_revision(const std::string& id, const std::string& down, const std::string& body) {
    testing::write_file(project_ / "migrations" / "versions" / (id + "_rev.toml"), revision(id, down, body));
  }
  CliResult retort(const std::vector<std::string>& args) { return testing::run_retort(project_.path(), args); }
  std::string schema() { return testing::schema_snapshot(db_->connection()); }
  std::string versions() {
    CliResult r = retort({"current"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }
  bool transactional_ddl() const { return GetParam().dialect != "mysql"; }

  std::unique_ptr<LiveDatabase> db_;
  testing::TempDir project_;
  std::string empty_schema_;
};

TEST_P(LiveMigrationTest, AFailedRunLeavesTheDatabaseAsBeforeOrAtTheLastCompletedMigration) {
  write_config();
  write_revision("t1", "", create_table("a"));
  write_revision("t2", "t1", execute("INSERT INTO no_such_table (id) VALUES (1)") + create_table("b"));
  write_revision("t3", "t2", create_table("c"));

  CliResult failed = retort({"upgrade", "heads"});
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_NE(failed.err.find("t2_rev.toml:5: upgrade t2, operation 'execute'"), std::string::npos) << failed.err;
  EXPECT_NE(failed.err.find("statement: INSERT INTO no_such_table (id) VALUES (1)"), std::string::npos) << failed.err;
  if (transactional_ddl()) {
    EXPECT_NE(failed.err.find("the whole run was rolled back"), std::string::npos) << failed.err;
    EXPECT_EQ(schema(), empty_schema_) << "t1 ran in the same transaction and was rolled back too";
    EXPECT_EQ(versions(), "");
  } else {
    EXPECT_NE(failed.err.find("t2 stopped at statement 1; the 0 before it stay applied"), std::string::npos) << failed.err;
    EXPECT_NE(failed.err.find("run again: it goes on from there"), std::string::npos) << failed.err;
    EXPECT_EQ(versions(), "t1\n");
    EXPECT_NE(schema().find("table a"), std::string::npos);
  }

  // The fix: the rerun goes on from where the database is.
  write_revision("t2", "t1", execute("INSERT INTO a (id) VALUES (7)") + create_table("b"));
  CliResult fixed = retort({"upgrade", "heads"});
  ASSERT_EQ(fixed.exit_code, 0) << fixed.err;
  // On MySQL t1 had completed and must not run again; elsewhere it was rolled back and runs now.
  EXPECT_EQ(fixed.err.find("-> t1,") != std::string::npos, transactional_ddl()) << fixed.err;
  EXPECT_EQ(versions(), "t3 (head)\n");
  EXPECT_EQ(db_->query("SELECT id FROM a"), "7");
}

TEST_P(LiveMigrationTest, PerMigrationTransactionsKeepTheMigrationsBeforeTheFailure) {
  write_config("transaction_per_migration = true\n");
  write_revision("t1", "", create_table("a"));
  write_revision("t2", "t1", create_table("b") + execute("INSERT INTO no_such_table (id) VALUES (1)"));

  CliResult failed = retort({"upgrade", "heads"});
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_EQ(versions(), "t1\n");
  std::string now = schema();
  EXPECT_NE(now.find("table a"), std::string::npos) << now;
  if (transactional_ddl()) {
    EXPECT_EQ(now.find("table b"), std::string::npos) << "t2 was rolled back: " << now;
    EXPECT_NE(failed.err.find("the failing migration was rolled back"), std::string::npos) << failed.err;
  } else {
    // MySQL committed t2's CREATE TABLE; the error says so, and the rerun goes on after it.
    EXPECT_NE(now.find("table b"), std::string::npos) << now;
    EXPECT_NE(failed.err.find("t2 stopped at statement 2; the 1 before it stay applied"), std::string::npos) << failed.err;
    write_revision("t2", "t1", create_table("b") + execute("INSERT INTO b (id) VALUES (3)"));
    CliResult resumed = retort({"upgrade", "heads"});
    ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
    EXPECT_NE(resumed.err.find("resuming t2 at statement 2: a run that failed had completed"), std::string::npos)
        << resumed.err;
    EXPECT_EQ(versions(), "t2 (head)\n");
    EXPECT_EQ(db_->query("SELECT id FROM b"), "3");
  }
}

TEST_P(LiveMigrationTest, DataStatementsAreRecordedOneByOneAndARerunGoesOnFromTheFailingOne) {
  // Statement by statement on every dialect (`transaction = false`; on MySQL every revision is): each data
  // statement commits together with its record, on MariaDB as one statement sent.
  write_config();
  write_revision("t1", "", create_table("a"));
  const auto t2 = [&](const std::string& third) {
    write_revision("t2", "t1", "transaction = false\n\n" + execute("INSERT INTO a (id) VALUES (1)") +
                                   execute("INSERT INTO a (id) VALUES (2)") + execute(third) +
                                   execute("INSERT INTO a (id) VALUES (4)"));
  };
  const auto history = [&] {
    return db_->query("SELECT success, statements_done, COALESCE(failed_statement, '-') FROM retort_history "
                      "WHERE revision = 't2' ORDER BY id");
  };
  t2("INSERT INTO no_such_table (id) VALUES (3)");
  CliResult failed = retort({"upgrade", "heads"});
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_NE(failed.err.find("statement: INSERT INTO no_such_table (id) VALUES (3)"), std::string::npos) << failed.err;
  EXPECT_NE(failed.err.find("t2 stopped at statement 3; the 2 before it stay applied"), std::string::npos) << failed.err;
  EXPECT_EQ(db_->query("SELECT id FROM a ORDER BY id"), "1\n2");
  EXPECT_EQ(history(), "0|2|INSERT INTO no_such_table (id) VALUES (3)");
  EXPECT_EQ(versions(), "t1\n");

  // The fix: statements 1 and 2 are not run again (their ids would collide), the rerun starts at 3.
  t2("INSERT INTO a (id) VALUES (3)");
  CliResult resumed = retort({"upgrade", "heads"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("resuming t2 at statement 3: a run that failed had completed"), std::string::npos)
      << resumed.err;
  EXPECT_EQ(db_->query("SELECT id FROM a ORDER BY id"), "1\n2\n3\n4");
  EXPECT_EQ(history(), "0|2|INSERT INTO no_such_table (id) VALUES (3)\n1|4|-");
  EXPECT_EQ(versions(), "t2 (head)\n");
}

// A run held in one transaction starts before its whole plan is prepared (runtime/plan_feed.h); a problem
// found later, even past a `transaction = false` revision, must still leave nothing applied and print only
// the problems, as when every step was prepared first (the way MySQL's runs still do it).
TEST_P(LiveMigrationTest, AProblemFoundWhilePreparingLeavesNothingAppliedAndPrintsOnlyTheProblems) {
  write_config();
  // No dialect here has an 'oracle' variant: the plan for this database has a problem in both revisions.
  const std::string unplannable = "[[upgrade]]\nop = \"execute\"\nsql = { oracle = \"SELECT 1 FROM dual\" }\n\n";
  const auto write_line = [&](bool broken) {
    std::string down;
    for (int i = 0; i < 40; ++i) {
      const std::string id = "r" + std::to_string(100 + i);
      const bool bad = broken && (i == 25 || i == 39);
      write_revision(id, down, (i == 12 ? "transaction = false\n\n" : "") + create_table("t" + std::to_string(i)) +
                                   (bad ? unplannable : std::string()));
      down = id;
    }
  };
  write_line(true);
  for (const std::vector<std::string>& args : {std::vector<std::string>{"upgrade", "heads"},
                                               std::vector<std::string>{"-v", "upgrade", "heads"}}) {
    CliResult failed = retort(args);
    EXPECT_EQ(failed.exit_code, 1);
    EXPECT_NE(failed.err.find("nothing was applied; 2 problems"), std::string::npos) << failed.err;
    EXPECT_NE(failed.err.find("r125_rev.toml"), std::string::npos) << failed.err;
    EXPECT_NE(failed.err.find("r139_rev.toml"), std::string::npos) << failed.err;
    EXPECT_EQ(failed.err.find("Running upgrade"), std::string::npos) << failed.err;
    EXPECT_EQ(failed.err.find("\"t0\""), std::string::npos) << "no statement of the plan is shown: " << failed.err;
    if (transactional_ddl()) {
      EXPECT_EQ(schema(), empty_schema_) << "not even retort's own tables";
    } else {
      EXPECT_EQ(schema().find("table t0"), std::string::npos);
      EXPECT_EQ(db_->query("SELECT COUNT(*) FROM retort_history"), "0") << "nothing ran, so no failure is recorded";
    }
    EXPECT_EQ(versions(), "");
  }

  write_line(false);
  CliResult fixed = retort({"upgrade", "heads"});
  ASSERT_EQ(fixed.exit_code, 0) << fixed.err;
  EXPECT_NE(fixed.err.find("Running upgrade r138 -> r139"), std::string::npos) << fixed.err;
  EXPECT_EQ(versions(), "r139 (head)\n");
  EXPECT_EQ(db_->query("SELECT COUNT(*) FROM retort_history WHERE success = 1"), "40");
}

// Revisions whose checks passed on an earlier run (here: `--sql`) are prepared while the run executes
// (runtime/plan_feed.h); a statement failing meanwhile still rolls back everything before it, and a run
// of them goes through as any other.
TEST_P(LiveMigrationTest, RevisionsCheckedOnAnEarlierRunRunAndFailAsAnyOther) {
  write_config();
  const auto write_line = [&](const std::string& insert) {
    std::string down;
    for (int i = 0; i < 30; ++i) {
      const std::string id = "r" + std::to_string(100 + i);
      write_revision(id, down, create_table("t" + std::to_string(i)) + (i == 20 ? execute(insert) : std::string()));
      down = id;
    }
  };
  write_line("INSERT INTO no_such_table (id) VALUES (1)");
  ASSERT_EQ(retort({"upgrade", "heads", "--sql"}).exit_code, 0);
  CliResult failed = retort({"upgrade", "heads"});
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_NE(failed.err.find("r120_rev.toml:10: upgrade r120, operation 'execute'"), std::string::npos) << failed.err;
  if (transactional_ddl()) {
    EXPECT_NE(failed.err.find("Running upgrade r118 -> r119"), std::string::npos) << failed.err;
    EXPECT_EQ(schema(), empty_schema_) << "the 20 revisions before it were rolled back";
    EXPECT_EQ(versions(), "");
  } else {
    EXPECT_EQ(versions(), "r119\n");
  }

  write_line("INSERT INTO t0 (id) VALUES (1)");
  ASSERT_EQ(retort({"upgrade", "heads", "--sql"}).exit_code, 0);
  CliResult fixed = retort({"upgrade", "heads"});  // every step checked by the run before
  ASSERT_EQ(fixed.exit_code, 0) << fixed.err;
  EXPECT_NE(fixed.err.find("Running upgrade r128 -> r129"), std::string::npos) << fixed.err;
  EXPECT_EQ(versions(), "r129 (head)\n");
  EXPECT_EQ(db_->query("SELECT COUNT(*) FROM retort_history WHERE success = 1"), "30");
  EXPECT_EQ(db_->query("SELECT id FROM t0"), "1");
}

TEST_P(LiveMigrationTest, ConcurrentRunsApplyEveryRevisionExactlyOnce) {
  write_config();
  // A branchy tree with a merge; each revision records itself, and the first one is slow so the other
  // runs arrive while it holds the lock.
  const std::string slow = R"toml(sql = { postgresql = "SELECT pg_sleep(0.5)", mysql = "DO SLEEP(0.5)", default = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000) SELECT count(*) FROM c" })toml";
  const std::string log_table = "[[upgrade]]\nop = \"create_table\"\ntable = \"applied\"\ncolumns = [{ name = \"rev\", "
                                "type = \"string(8)\", nullable = false }]\n\n";
  auto record = [](const std::string& id) {
    return "[[upgrade]]\nop = \"bulk_insert\"\ntable = \"applied\"\nrows = [{ rev = \"" + id + "\" }]\n\n";
  };
  write_revision("c1", "", log_table + "[[upgrade]]\nop = \"execute\"\n" + slow + "\n\n" + record("c1"));
  write_revision("c2", "c1", record("c2"));
  write_revision("c3", "c1", record("c3"));
  testing::write_file(project_ / "migrations" / "versions" / "c4_rev.toml",
                      "revision = \"c4\"\ndown_revision = [\"c2\", \"c3\"]\nmessage = \"merge\"\n\n" + record("c4"));
  write_revision("c5", "c4", record("c5"));

  std::vector<CliResult> results(4);
  std::vector<std::thread> runs;
  for (auto& r : results) runs.emplace_back([&] { r = retort({"upgrade", "heads"}); });
  for (auto& t : runs) t.join();
  int applied_by = 0;
  for (const auto& r : results) {
    EXPECT_EQ(r.exit_code, 0) << r.err;
    if (r.err.find("Running upgrade") != std::string::npos) ++applied_by;
  }
  EXPECT_EQ(applied_by, 1) << "one run applies everything; the others wait, then find nothing to do";
  EXPECT_EQ(db_->query("SELECT rev, COUNT(*) FROM applied GROUP BY rev ORDER BY rev"), "c1|1\nc2|1\nc3|1\nc4|1\nc5|1");
  EXPECT_EQ(versions(), "c5 (head)\n");
}

TEST_P(LiveMigrationTest, WaitingForTheLockTimesOutWithAClearMessage) {
  write_config("lock_timeout = 1\n");
  write_revision("t1", "", create_table("a"));
  // Another session holds the migration lock the way a running retort would.
  const std::string dialect = GetParam().dialect;
  if (dialect == "postgresql") {
    db_->execute("SELECT pg_advisory_lock(hashtext('retort:retort_version'))");
  } else if (dialect == "mysql") {
    db_->execute("SELECT GET_LOCK(CONCAT('retort:', SHA1(CONCAT(DATABASE(), '/', 'retort:retort_version'))), 0)");
  } else {
    db_->execute("CREATE TABLE holder (x INTEGER)");
    ASSERT_TRUE(db_->connection().begin().ok());
    db_->execute("INSERT INTO holder VALUES (1)");
  }
  CliResult r = retort({"upgrade", "heads"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("lock_timeout"), std::string::npos) << r.err;
  if (dialect != "sqlite") {
    EXPECT_NE(r.err.find("could not take the migration lock within 1 s"), std::string::npos) << r.err;
  } else {
    EXPECT_NE(r.err.find("database is locked"), std::string::npos) << r.err;
    (void)db_->connection().rollback();
  }
  EXPECT_EQ(schema().find("table a"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Native, LiveMigrationTest, ::testing::ValuesIn(testing::native_backends()),
                         [](const ::testing::TestParamInfo<Backend>& info) { return testing::test_name(info.param); });

}  // namespace
}  // namespace retort
