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

// The catalogue plus one revision on top of it, rendered offline for `dialect`.
testing::CliResult with_extra_revision(const std::string& dialect, const std::string& id, const std::string& body) {
  testing::TempDir dir;
  fs::copy(kFixtures / "catalogue", dir.path(), fs::copy_options::recursive);
  testing::write_file(dir / ("migrations/versions/" + id + ".toml"),
                      "revision = \"" + id + "\"\ndown_revision = \"c0070000cmnt\"\n" + body);
  return testing::run_retort(dir.path(), {"--engine", dialect, "upgrade", "heads", "--sql"});
}

TEST(DialectChecks, MysqlRefusesAPartialIndexBeforeAnythingRuns) {
  auto r = with_extra_revision("mysql", "c0070000part",
                               "[[upgrade]]\nop = \"create_index\"\nname = \"ix\"\ntable = \"account\"\n"
                               "columns = [\"name\"]\nwhere = \"active\"\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("c0070000part.toml:3: operation 'create_index' cannot run on mysql: MySQL has no partial indexes"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(r.out.empty()) << "nothing is written when a check fails";
}

TEST(DialectChecks, MysqlStringsNeedALength) {
  const std::string body = "[[upgrade]]\nop = \"add_column\"\ntable = \"account\"\n"
                           "column = { name = \"nick\", type = \"string\" }\n";
  auto r = with_extra_revision("mysql", "c0070000strl", body);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("MySQL needs a length for strings"), std::string::npos) << r.err;
  EXPECT_EQ(with_extra_revision("postgresql", "c0070000strl", body).exit_code, 0);
}

TEST(DialectChecks, MysqlRefusesExpressionIndexesNamingMariadbAndTheWorkaround) {
  const std::string body = "[[upgrade]]\nop = \"create_index\"\nname = \"ix\"\ntable = \"account\"\n"
                           "columns = [{ sql = \"lower(email)\" }, \"name\"]\n";
  auto r = with_extra_revision("mysql", "c0080000expr", body);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("c0080000expr.toml:3: operation 'create_index' cannot run on mysql: MariaDB has no expression "
                       "indexes"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("generated column"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << "nothing is written when a check fails";
  for (const char* dialect : {"postgresql", "sqlite"}) {
    auto ok = with_extra_revision(dialect, "c0080000expr", body);
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_NE(ok.out.find("((lower(email)), \"name\")"), std::string::npos) << ok.out;
  }
}

TEST(DialectChecks, MysqlOfflineChangeColumnNeedsAllOfExisting) {
  // The change and `existing` must give the whole column, or a default or comment would silently go.
  auto r = with_extra_revision("mysql", "c0080000exst",
                               "[[upgrade]]\nop = \"alter_column\"\ntable = \"account\"\ncolumn = \"name\"\n"
                               "nullable = true\nexisting = { type = \"string(50)\", nullable = false }\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("c0080000exst.toml:3"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("add existing.server_default, existing.comment"), std::string::npos) << r.err;

  auto full = with_extra_revision("mysql", "c0080000exst",
                                  "[[upgrade]]\nop = \"alter_column\"\ntable = \"account\"\ncolumn = \"name\"\n"
                                  "nullable = true\nexisting = { type = \"string(50)\", nullable = false, "
                                  "server_default = \"x\", comment = \"who\" }\n");
  EXPECT_EQ(full.exit_code, 0) << full.err;
  EXPECT_NE(full.out.find("ALTER TABLE `account` CHANGE COLUMN `name` `name` VARCHAR(50) NULL DEFAULT 'x' COMMENT 'who';"),
            std::string::npos)
      << full.out;
}

TEST(DialectChecks, SqliteRebuildsNeedTheLiveDatabase) {
  auto r = with_extra_revision("sqlite", "c0070000altr",
                               "[[upgrade]]\nop = \"alter_column\"\ntable = \"account\"\ncolumn = \"name\"\n"
                               "nullable = true\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("c0070000altr.toml:3"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("cannot be rendered offline"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace retort
