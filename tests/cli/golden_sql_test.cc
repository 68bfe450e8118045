// Golden tests of the offline SQL of every core operation, for each dialect: `upgrade heads --sql` and
// `downgrade heads:base --sql` on tests/fixtures/catalogue must match tests/fixtures/golden/<dialect>.*.sql.
// RETORT_UPDATE_GOLDEN=1 rewrites the golden files from the current output (review the diff!).
#include "cli_runner.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace retort {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(RETORT_SOURCE_DIR) / "tests/fixtures";

void expect_golden(const std::string& dialect, const std::string& kind, const std::vector<std::string>& args) {
  std::vector<std::string> full = {"--engine", dialect};
  full.insert(full.end(), args.begin(), args.end());
  testing::CliResult r = testing::run_retort(kFixtures / "catalogue", full);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  fs::path golden = kFixtures / "golden" / (dialect + "." + kind + ".sql");
  const char* update = std::getenv("RETORT_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    testing::write_file(golden, r.out);
    GTEST_SKIP() << "rewrote " << golden;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing; run with RETORT_UPDATE_GOLDEN=1 to create it";
  EXPECT_EQ(r.out, testing::read_file(golden)) << "offline SQL for " << dialect << " changed; if intended, rerun "
                                                  "with RETORT_UPDATE_GOLDEN=1 and review the diff";
}

class GoldenSql : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenSql, Upgrade) { expect_golden(GetParam(), "upgrade", {"upgrade", "heads", "--sql"}); }

TEST_P(GoldenSql, Downgrade) { expect_golden(GetParam(), "downgrade", {"downgrade", "heads:base", "--sql"}); }

INSTANTIATE_TEST_SUITE_P(Dialects, GoldenSql, ::testing::Values("sqlite", "postgresql", "mysql"),
                         [](const auto& info) { return info.param; });

TEST(DialectChecks, MysqlRefusesAPartialIndexBeforeAnythingRuns) {
  testing::TempDir dir;
  fs::copy(kFixtures / "catalogue", dir.path(), fs::copy_options::recursive);
  testing::write_file(dir / "migrations/versions/c005_partial.toml",
                      "revision = \"c0050000part\"\ndown_revision = \"c0040000data\"\n[[upgrade]]\nop = \"create_index\"\n"
                      "name = \"ix\"\ntable = \"account\"\ncolumns = [\"name\"]\nwhere = \"active\"\n");
  testing::CliResult r = testing::run_retort(dir.path(), {"--engine", "mysql", "upgrade", "heads", "--sql"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("c005_partial.toml:3: operation 'create_index' cannot run on mysql: MySQL has no partial indexes"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(r.out.empty()) << "nothing is written when a check fails";
}

TEST(DialectChecks, MysqlStringsNeedALength) {
  testing::TempDir dir;
  fs::copy(kFixtures / "catalogue", dir.path(), fs::copy_options::recursive);
  testing::write_file(dir / "migrations/versions/c005_len.toml",
                      "revision = \"c0050000strl\"\ndown_revision = \"c0040000data\"\n[[upgrade]]\nop = \"add_column\"\n"
                      "table = \"account\"\ncolumn = { name = \"nick\", type = \"string\" }\n");
  testing::CliResult r = testing::run_retort(dir.path(), {"--engine", "mysql", "upgrade", "heads", "--sql"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("MySQL needs a length for strings"), std::string::npos) << r.err;
  EXPECT_EQ(testing::run_retort(dir.path(), {"--engine", "postgresql", "upgrade", "heads", "--sql"}).exit_code, 0);
}

TEST(DialectChecks, SqliteAlterColumnOfflineSaysWhy) {
  testing::TempDir dir;
  fs::copy(kFixtures / "catalogue", dir.path(), fs::copy_options::recursive);
  testing::write_file(dir / "migrations/versions/c005_alter.toml",
                      "revision = \"c0050000altr\"\ndown_revision = \"c0040000data\"\n[[upgrade]]\nop = \"alter_column\"\n"
                      "table = \"account\"\ncolumn = \"name\"\nnullable = true\n");
  testing::CliResult r = testing::run_retort(dir.path(), {"--engine", "sqlite", "upgrade", "heads", "--sql"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("c005_alter.toml:3"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace retort
