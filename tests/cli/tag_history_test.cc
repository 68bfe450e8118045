// End-to-end on SQLite: `--tag` on upgrade, downgrade and stamp is recorded in every history row the run
// writes (a failed step's too), and a run without --tag records none.
#include "cli_runner.h"
#include "temp_dir.h"
#include "text_checks.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

using testing::CliResult;
using testing::contains;
using testing::write_file;

class TagHistoryTest : public ::testing::Test {
 protected:
  testing::TempDir dir;
  void SetUp() override {
    testing::write_project(dir.path(), "url = \"sqlite:///${here}/app.db\"\n");
    revision("a1", "", "create_table", "t");
    revision("b2", "a1", "create_table", "u");
  }
  void revision(const std::string& id, const std::string& down, const std::string& op, const std::string& table) {
    write_file(dir / "migrations/versions" / (id + "_r.toml"),
               "revision = \"" + id + "\"\ndown_revision = \"" + down + "\"\n\n[[upgrade]]\nop = \"" + op +
                   "\"\ntable = \"" + table + "\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n");
  }
  CliResult retort(const std::vector<std::string>& args) { return testing::run_retort(dir.path(), args); }
  // revision|direction|success|tag per row, oldest first.
  std::string rows() {
    return testing::sqlite_query(dir / "app.db", "SELECT revision, direction, success, COALESCE(tag, '-') "
                                                 "FROM retort_history ORDER BY id");
  }
};

TEST_F(TagHistoryTest, UpgradeDowngradeAndStampRecordTheirTag) {
  ASSERT_EQ(retort({"upgrade", "heads", "--tag", "release-7"}).exit_code, 0);
  ASSERT_EQ(retort({"downgrade", "a1", "--tag", "rollback-7"}).exit_code, 0);
  ASSERT_EQ(retort({"stamp", "b2", "--tag", "hotfix"}).exit_code, 0);
  ASSERT_EQ(retort({"stamp", "a1"}).exit_code, 0);
  ASSERT_EQ(retort({"downgrade", "base"}).exit_code, 0);
  EXPECT_EQ(rows(),
            "a1|upgrade|1|release-7\nb2|upgrade|1|release-7\nb2|downgrade|1|rollback-7\nb2|stamp|1|hotfix\n"
            "a1|stamp|1|-\na1|downgrade|1|-");
  // history -v shows it.
  ASSERT_EQ(retort({"upgrade", "a1", "--tag", "again"}).exit_code, 0);
  CliResult history = retort({"history", "-v"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_TRUE(contains(history.out, "again")) << history.out;
}

TEST_F(TagHistoryTest, AFailedStepKeepsItsTag) {
  write_file(dir / "migrations/versions/c3_r.toml",
             "revision = \"c3\"\ndown_revision = \"b2\"\n\n[[upgrade]]\nop = \"execute\"\nsql = \"INSERT INTO nowhere VALUES (1)\"\n");
  CliResult r = retort({"upgrade", "heads", "--tag", "doomed"});
  ASSERT_EQ(r.exit_code, 1);
  EXPECT_EQ(rows(), "c3|upgrade|0|doomed");
}

TEST_F(TagHistoryTest, HelpSaysWhereTheTagGoes) {
  for (const std::string command : {"upgrade", "downgrade", "stamp"}) {
    CliResult r = retort({command, "--help"});
    EXPECT_TRUE(contains(r.out, "A tag recorded in the history table")) << command << ": " << r.out;
  }
}

}  // namespace
}  // namespace retort
