// What a run says while it works (issue 15, item 6) on each native backend: the line that names who holds
// the migration lock while retort waits for it (and the timeout error naming the holder), the time each
// revision took with -v, and "Nothing to do, at REV" when there is nothing to run.
#include "background_retort.h"
#include "cli_runner.h"
#include "live_database.h"
#include "temp_dir.h"
#include "text_checks.h"

#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <thread>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::Backend;
using testing::CliResult;
using testing::contains;
using testing::LiveDatabase;

std::string create_table(const std::string& table) {
  return "[[upgrade]]\nop = \"create_table\"\ntable = \"" + table +
         "\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n";
}

class RunFeedbackTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    RETORT_REQUIRE_BACKEND(GetParam());
    db_ = std::make_unique<LiveDatabase>(GetParam(), "feedback");
    configure("");
    revision("a1", "", create_table("t1"));
    revision("b2", "a1", create_table("t2"));
  }
  void configure(const std::string& retort_lines) {
    testing::write_project(project_.path(), "url = \"" + db_->url() + "\"\n", retort_lines);
  }
  void revision(const std::string& id, const std::string& down, const std::string& body) {
    testing::write_file(project_.path() / "migrations" / "versions" / (id + "_r.toml"),
                        "revision = \"" + id + "\"\ndown_revision = \"" + down + "\"\nmessage = \"" + id + "\"\n\n" + body);
  }
  CliResult retort(const std::vector<std::string>& args) { return testing::run_retort(project_.path(), args); }
  bool has_lock() const { return GetParam().dialect != "sqlite"; }

  // Takes the migration lock on the test's own connection, as a running retort would, and returns what the
  // holder line must name: its pid (PostgreSQL) or connection id (MariaDB).
  std::string hold_lock() {
    if (GetParam().dialect == "postgresql") {
      db_->execute("SELECT pg_advisory_lock(hashtext('retort:retort_version'))");
      return "pid " + db_->query("SELECT pg_backend_pid()") + ", application 'retort', user ";
    }
    db_->execute("SELECT GET_LOCK(CONCAT('retort:', SHA1(CONCAT(DATABASE(), '/', 'retort:retort_version'))), 0)");
    return "connection " + db_->query("SELECT CONNECTION_ID()") + ", user ";
  }
  void release_lock() {
    if (GetParam().dialect == "postgresql") {
      db_->execute("SELECT pg_advisory_unlock(hashtext('retort:retort_version'))");
    } else {
      db_->execute("SELECT RELEASE_LOCK(CONCAT('retort:', SHA1(CONCAT(DATABASE(), '/', 'retort:retort_version'))))");
    }
  }

  std::unique_ptr<LiveDatabase> db_;
  testing::TempDir project_;
};

TEST_P(RunFeedbackTest, WaitingForTheLockNamesWhoHoldsIt) {
  if (!has_lock()) GTEST_SKIP() << "SQLite serialises runs by its write lock, which names no holder";
  configure("lock_timeout = 120\n");
  const std::string holder = hold_lock();
  testing::BackgroundRetort run(project_.path(), {"upgrade", "heads"});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!contains(run.err(), "Waiting for the migration lock") && run.running() &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const std::string waiting = run.err();
  release_lock();
  EXPECT_EQ(run.wait(), 0) << run.err();
  EXPECT_TRUE(contains(waiting, "Waiting for the migration lock on database 'main' (held by " + holder)) << waiting;
  EXPECT_TRUE(contains(waiting, "; waiting up to 120 s)\n")) << waiting;
  EXPECT_TRUE(contains(run.err(), "Running upgrade a1 -> b2, b2")) << run.err();
}

TEST_P(RunFeedbackTest, ALockTimeoutNamesWhoHoldsIt) {
  if (!has_lock()) GTEST_SKIP() << "SQLite serialises runs by its write lock, which names no holder";
  configure("lock_timeout = 1\n");
  const std::string holder = hold_lock();
  CliResult r = retort({"upgrade", "heads"});
  release_lock();
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(contains(r.err, "(held by " + holder)) << r.err;
  EXPECT_TRUE(contains(r.err, "could not take the migration lock within 1 s (held by " + holder)) << r.err;
  EXPECT_TRUE(contains(r.err, "lock_timeout")) << r.err;
  // -q: no waiting line, the error still names the holder.
  hold_lock();
  CliResult quiet = retort({"-q", "upgrade", "heads"});
  release_lock();
  EXPECT_EQ(quiet.exit_code, 1);
  EXPECT_FALSE(contains(quiet.err, "Waiting for")) << quiet.err;
  EXPECT_TRUE(contains(quiet.err, "within 1 s (held by " + holder)) << quiet.err;
}

TEST_P(RunFeedbackTest, VerboseRunsSayHowLongEachRevisionTook) {
  CliResult r = retort({"-v", "upgrade", "heads"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Alembic's line on its own, then the statements, then the time.
  EXPECT_TRUE(contains(r.err, "\nRunning upgrade  -> a1, a1\n") || r.err.rfind("Running upgrade  -> a1, a1\n", 0) == 0)
      << r.err;
  const std::regex timed(R"(Running upgrade a1 -> b2, b2\n(.*\n)*?  done in [0-9]+\.[0-9]{2} s\n)");
  EXPECT_TRUE(std::regex_search(r.err, timed)) << r.err;
  size_t lines = 0;
  for (size_t at = r.err.find("  done in "); at != std::string::npos; at = r.err.find("  done in ", at + 1)) ++lines;
  EXPECT_EQ(lines, 2u) << r.err;

  CliResult down = retort({"downgrade", "base"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_FALSE(contains(down.err, "done in")) << "only with -v: " << down.err;
}

TEST_P(RunFeedbackTest, NothingToDoSaysWhereTheDatabaseIs) {
  CliResult empty = retort({"downgrade", "base"});
  ASSERT_EQ(empty.exit_code, 0) << empty.err;
  EXPECT_TRUE(contains(empty.err, "Nothing to do, at <base>\n")) << empty.err;

  ASSERT_EQ(retort({"upgrade", "heads"}).exit_code, 0);
  CliResult again = retort({"upgrade", "heads"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(contains(again.err, "Nothing to do, at b2\n")) << again.err;
  EXPECT_FALSE(contains(again.err, "Running")) << again.err;
  CliResult quiet = retort({"-q", "upgrade", "heads"});
  ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(quiet.err, "");

  // Several heads, comma-separated.
  revision("c2", "a1", create_table("t3"));
  ASSERT_EQ(retort({"upgrade", "heads"}).exit_code, 0);
  CliResult heads = retort({"upgrade", "heads"});
  EXPECT_TRUE(std::regex_search(heads.err, std::regex("Nothing to do, at (b2, c2|c2, b2)\n"))) << heads.err;
  // A run that did something does not say it.
  CliResult down = retort({"downgrade", "a1"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_FALSE(contains(down.err, "Nothing to do")) << down.err;
}

INSTANTIATE_TEST_SUITE_P(Native, RunFeedbackTest, ::testing::ValuesIn(testing::native_backends()),
                         [](const auto& info) { return testing::test_name(info.param); });

}  // namespace
}  // namespace retort
