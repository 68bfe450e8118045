// The history table (DESIGN.md §6) on each native backend: one row per step run and per stamped revision,
// with the revision's checksum, the tag, times, and statements done of the total; a failed step's row stays
// although its transaction was rolled back; offline scripts write none.
#include "cli_runner.h"
#include "live_database.h"
#include "temp_dir.h"
#include "text_checks.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::Backend;
using testing::CliResult;
using testing::contains;
using testing::LiveDatabase;

class HistoryTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    RETORT_REQUIRE_BACKEND(GetParam());
    db_ = std::make_unique<LiveDatabase>(GetParam(), "history");
    testing::write_project(project_.path(), "url = \"" + db_->url() + "\"\n");
    revision("a1", "", "[[upgrade]]\nop = \"create_table\"\ntable = \"t\"\n"
                       "columns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n\n"
                       "[[upgrade]]\nop = \"add_column\"\ntable = \"t\"\ncolumn = { name = \"v\", type = \"integer\" }\n");
    revision("b2", "a1", "[[upgrade]]\nop = \"create_table\"\ntable = \"u\"\n"
                         "columns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n");
  }
  void revision(const std::string& id, const std::string& down, const std::string& body) {
    testing::write_file(project_.path() / "migrations" / "versions" / (id + "_r.toml"),
                        "revision = \"" + id + "\"\ndown_revision = \"" + down + "\"\nmessage = \"" + id + "\"\n\n" + body);
  }
  CliResult retort(const std::vector<std::string>& args) { return testing::run_retort(project_.path(), args); }
  // revision|direction|success|done|total|tag per row, oldest first.
  std::string rows() {
    return db_->query("SELECT revision, direction, success, statements_done, "
                      "statements_total, COALESCE(tag, '-') FROM retort_history ORDER BY id");
  }

  std::unique_ptr<LiveDatabase> db_;
  testing::TempDir project_;
};

TEST_P(HistoryTest, EveryStepAndStampIsOneRow) {
  ASSERT_EQ(retort({"upgrade", "heads", "--tag", "release-7"}).exit_code, 0);
  EXPECT_EQ(rows(), "a1|upgrade|1|2|2|release-7\nb2|upgrade|1|1|1|release-7");
  ASSERT_EQ(retort({"downgrade", "a1"}).exit_code, 0);
  ASSERT_EQ(retort({"stamp", "b2"}).exit_code, 0);
  EXPECT_EQ(rows(), "a1|upgrade|1|2|2|release-7\nb2|upgrade|1|1|1|release-7\nb2|downgrade|1|1|1|-\nb2|stamp|1|0|0|-");
  // Checksums and times on every row.
  EXPECT_EQ(db_->query("SELECT count(*) FROM retort_history WHERE checksum LIKE 'v1:%' AND started_at LIKE '20%Z' "
                       "AND finished_at >= started_at"),
            "4");
  // The same revision file, the same checksum.
  EXPECT_EQ(db_->query("SELECT count(DISTINCT checksum) FROM retort_history WHERE revision = 'b2'"), "1");
}

TEST_P(HistoryTest, AFailedStepIsRecordedAfterItsRollback) {
  revision("c3", "b2", "[[upgrade]]\nop = \"create_table\"\ntable = \"w\"\n"
                       "columns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n\n"
                       "[[upgrade]]\nop = \"execute\"\nsql = \"INSERT INTO no_such_table VALUES (1)\"\n");
  CliResult r = retort({"upgrade", "heads"});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  // The first run's transaction made the history table and was rolled back; the failure is still there.
  const bool transactional = GetParam().dialect != "mysql";
  EXPECT_EQ(rows(), transactional ? "c3|upgrade|0|1|2|-"
                                  : "a1|upgrade|1|2|2|-\nb2|upgrade|1|1|1|-\nc3|upgrade|0|1|2|-");
  EXPECT_EQ(db_->query("SELECT failed_statement FROM retort_history WHERE success = 0"),
            "INSERT INTO no_such_table VALUES (1)");
  EXPECT_TRUE(contains(db_->query("SELECT error FROM retort_history WHERE success = 0"), "no_such_table"));
}

TEST_P(HistoryTest, OfflineScriptsWriteNoHistory) {
  CliResult sql = retort({"upgrade", "heads", "--sql"});
  ASSERT_EQ(sql.exit_code, 0) << sql.err;
  EXPECT_FALSE(contains(sql.out, "retort_history")) << sql.out;
}

TEST_P(HistoryTest, IsNotPartOfTheInspectedSchema) {
  ASSERT_EQ(retort({"upgrade", "heads"}).exit_code, 0);
  CliResult inspect = retort({"schema", "inspect"});
  ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
  EXPECT_FALSE(contains(inspect.out, "retort_history")) << inspect.out;
  EXPECT_FALSE(contains(inspect.out, "retort_version")) << inspect.out;
}

INSTANTIATE_TEST_SUITE_P(Native, HistoryTest, ::testing::ValuesIn(testing::native_backends()),
                         [](const auto& info) { return testing::test_name(info.param); });

}  // namespace
}  // namespace retort
