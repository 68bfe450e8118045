// Listings over several databases without test servers: `current` goes on past a database it cannot reach
// (an error line for that one, the others listed, exit 1), and the per-database headings of `current`,
// `heads` and `history` go to stderr while the listings go to stdout, each heading above its own listing
// when both streams go to one file.
#include "cli_runner.h"
#include "temp_dir.h"
#include "text_checks.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::CliResult;
using testing::contains;
using testing::write_file;

// Nothing listens on port 1: the connection is refused at once.
const char* kUnreachable = "postgresql://u@127.0.0.1:1/x";

class MultiDatabaseListingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "migrations/versions");
    revision("a1", "\"\"", "branch_labels = [\"core\"]\n");
    revision("b2", "\"a1\"", "");
    revision("c3", "\"\"", "branch_labels = [\"legacy\"]\n");
  }
  void config(const std::string& databases) {
    write_file(dir_ / "retort.toml", "[retort]\nscript_location = \"migrations\"\n\n" + databases);
  }
  void revision(const std::string& id, const std::string& down, const std::string& header) {
    write_file(dir_ / ("migrations/versions/" + id + "_r.toml"),
               "revision = \"" + id + "\"\ndown_revision = " + down + "\nmessage = \"rev " + id + "\"\n" + header +
                   "\n[[upgrade]]\nop = \"create_table\"\ntable = \"t_" + id +
                   "\"\ncolumns = [{ name = \"id\", type = \"integer\" }]\n");
  }
  CliResult retort(const std::vector<std::string>& args) { return testing::run_retort(dir_.path(), args); }
  // stdout and stderr into one stream, as on a terminal or with 2>&1.
  CliResult retort_merged(const std::string& args) {
    return testing::run_program("sh", dir_.path(), {"-c", std::string("'") + RETORT_BINARY + "' " + args + " 2>&1"});
  }

  testing::TempDir dir_;
};

TEST_F(MultiDatabaseListingTest, CurrentGoesOnPastAnUnreachableDatabase) {
  config(std::string("[databases.down]\nurl = \"") + kUnreachable +
         "\"\n\n[databases.app]\nurl = \"sqlite:///app.db\"\nbranches = [\"core\"]\n");
  ASSERT_EQ(retort({"--engine", "app", "upgrade", "heads"}).exit_code, 0);

  CliResult r = retort({"current"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  // The reachable database, after the unreachable one, is still listed.
  EXPECT_EQ(r.out, "b2 (head)\n");
  EXPECT_TRUE(contains(r.err, "Current revision(s) for app (sqlite:///app.db):\n")) << r.err;
  // One error line for the database that failed, naming it, then the summary.
  EXPECT_TRUE(contains(r.err, "error: database 'down': ")) << r.err;
  EXPECT_TRUE(contains(r.err, "error: current could not read 1 of 2 databases: down\n  hint: ")) << r.err;
  EXPECT_LT(r.err.find("error: database 'down'"), r.err.find("Current revision(s) for app")) << r.err;
  EXPECT_FALSE(contains(r.err, "Current revision(s) for down")) << r.err;

  // On its own, the unreachable database is one error and exit 1; the reachable one alone is fine.
  CliResult alone = retort({"--engine", "down", "current"});
  EXPECT_EQ(alone.exit_code, 1);
  EXPECT_EQ(alone.out, "");
  EXPECT_TRUE(contains(alone.err, "error: database 'down': ")) << alone.err;
  EXPECT_FALSE(contains(alone.err, "could not read 1 of")) << alone.err;
  EXPECT_EQ(retort({"--engine", "app", "current"}).exit_code, 0);
}

TEST_F(MultiDatabaseListingTest, HeadingsGoToStderrAndListingsToStdout) {
  config("[databases.app]\nurl = \"sqlite:///app.db\"\nbranches = [\"core\"]\n\n"
         "[databases.legacy]\nurl = \"sqlite:///legacy.db\"\nbranches = [\"legacy\"]\n");
  CliResult heads = retort({"heads"});
  ASSERT_EQ(heads.exit_code, 0) << heads.err;
  EXPECT_EQ(heads.out, "b2 (core) (head)\nc3 (legacy) (head)\n");
  EXPECT_EQ(heads.err, "== database app (branches: core)\n== database legacy (branches: legacy)\n");

  CliResult history = retort({"history"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_EQ(history.out, "a1 -> b2 (core) (head), rev b2\n<base> -> a1 (core), rev a1\n<base> -> c3 (legacy) (head), rev c3\n");
  EXPECT_EQ(history.err, "== database app (branches: core)\n== database legacy (branches: legacy)\n");

  ASSERT_EQ(retort({"upgrade", "heads"}).exit_code, 0);
  CliResult current = retort({"current"});
  ASSERT_EQ(current.exit_code, 0) << current.err;
  EXPECT_EQ(current.out, "b2 (head)\nc3 (head)\n");
  EXPECT_EQ(current.err, "Current revision(s) for app (sqlite:///app.db):\nCurrent revision(s) for legacy (sqlite:///legacy.db):\n");
}

TEST_F(MultiDatabaseListingTest, EachHeadingStandsAboveItsListingInOneStream) {
  config("[databases.app]\nurl = \"sqlite:///app.db\"\nbranches = [\"core\"]\n\n"
         "[databases.legacy]\nurl = \"sqlite:///legacy.db\"\nbranches = [\"legacy\"]\n");
  CliResult heads = retort_merged("heads");
  ASSERT_EQ(heads.exit_code, 0) << heads.out;
  EXPECT_EQ(heads.out, "== database app (branches: core)\nb2 (core) (head)\n== database legacy (branches: legacy)\nc3 (legacy) (head)\n");
  CliResult history = retort_merged("history");
  EXPECT_EQ(history.out, "== database app (branches: core)\na1 -> b2 (core) (head), rev b2\n<base> -> a1 (core), rev a1\n"
                         "== database legacy (branches: legacy)\n<base> -> c3 (legacy) (head), rev c3\n");
  ASSERT_EQ(retort({"upgrade", "heads"}).exit_code, 0);
  CliResult current = retort_merged("current");
  EXPECT_EQ(current.out, "Current revision(s) for app (sqlite:///app.db):\nb2 (head)\n"
                         "Current revision(s) for legacy (sqlite:///legacy.db):\nc3 (head)\n");
}

}  // namespace
}  // namespace retort
