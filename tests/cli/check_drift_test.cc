// `check` and `check --db` on each native backend (SQLite, PostgreSQL, MariaDB), with
// scratch = "auto" on the servers: a clean project, a changed schema file, a live database changed behind
// the revisions' back, pending revisions, and a run holding the migration lock.
#include "cli_runner.h"
#include "live_database.h"
#include "temp_dir.h"
#include "text_checks.h"

#include "runtime/migration_lock.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::Backend;
using testing::CliResult;
using testing::contains;
using testing::LiveDatabase;

const char* const kDeclared = R"toml(format = 1

[[table]]
name = "account"
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "email", type = "string(255)", nullable = false },
]
indexes = [ { name = "ix_account_email", columns = ["email"] } ]
)toml";

class CheckDriftTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    RETORT_REQUIRE_BACKEND(GetParam());
    db_ = std::make_unique<LiveDatabase>(GetParam(), "drift");
    testing::write_project(project_.path(),
                           "url = \"" + db_->url() + "\"\nschema = [\"schema/main.toml\"]\n" +
                               (GetParam().dialect == "sqlite" ? "" : "scratch = \"auto\"\n"),
                           "lock_timeout = 1\n");
    declare(kDeclared);
    CliResult gen = retort({"revision", "--autogenerate", "-m", "baseline"});
    ASSERT_EQ(gen.exit_code, 0) << gen.err;
    CliResult up = retort({"upgrade", "heads"});
    ASSERT_EQ(up.exit_code, 0) << up.err;
  }
  CliResult retort(const std::vector<std::string>& args) { return testing::run_retort(project_.path(), args); }
  void declare(const std::string& text) { testing::write_file(project_.path() / "schema" / "main.toml", text); }

  std::unique_ptr<LiveDatabase> db_;
  testing::TempDir project_;
};

TEST_P(CheckDriftTest, ACleanProjectPassesBoth) {
  CliResult check = retort({"check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  CliResult live = retort({"check", "--db"});
  EXPECT_EQ(live.exit_code, 0) << live.out << live.err;
  EXPECT_TRUE(contains(live.out, "No drift in database main")) << live.out;
  EXPECT_FALSE(contains(live.out, "behind heads")) << live.out;
}

TEST_P(CheckDriftTest, AChangedSchemaFailsBoth) {
  std::string text = kDeclared;
  text.replace(text.find("  { name = \"email\""), 0, "  { name = \"nick\", type = \"string(30)\" },\n");
  declare(text);
  for (const std::vector<std::string>& args : {std::vector<std::string>{"check"}, {"check", "--db"}}) {
    CliResult r = retort(args);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_TRUE(contains(r.err, "add column account.nick")) << r.err;
    EXPECT_FALSE(contains(r.err, "not what its revisions")) << "the live database did not drift: " << r.err;
  }
}

TEST_P(CheckDriftTest, ALiveDatabaseChangedOutsideTheRevisionsFailsCheckDb) {
  db_->execute("ALTER TABLE account ADD COLUMN extra INTEGER");
  db_->execute(GetParam().dialect == "mysql" ? "DROP INDEX ix_account_email ON account" : "DROP INDEX ix_account_email");
  db_->execute("CREATE TABLE stray (id INTEGER PRIMARY KEY)");
  CliResult check = retort({"check"});
  EXPECT_EQ(check.exit_code, 0) << "check alone never looks at the live database: " << check.err;
  CliResult live = retort({"check", "--db"});
  EXPECT_EQ(live.exit_code, 1) << live.out << live.err;
  EXPECT_TRUE(contains(live.err, "database 'main'")) << live.err;
  EXPECT_TRUE(contains(live.err, "not what its revisions")) << live.err;
  // Every difference, each named.
  EXPECT_TRUE(contains(live.err, "drop column account.extra")) << live.err;
  EXPECT_TRUE(contains(live.err, "ix_account_email")) << live.err;
  EXPECT_TRUE(contains(live.err, "drop table stray")) << live.err;
}

TEST_P(CheckDriftTest, PendingRevisionsAreNotDrift) {
  std::string text = kDeclared;
  text += "\n[[table]]\nname = \"audit\"\ncolumns = [ { name = \"id\", type = \"integer\", primary_key = true } ]\n";
  declare(text);
  CliResult gen = retort({"revision", "--autogenerate", "-m", "audit"});
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  CliResult check = retort({"check"});
  EXPECT_EQ(check.exit_code, 0) << check.err;
  CliResult live = retort({"check", "--db"});
  EXPECT_EQ(live.exit_code, 0) << live.out << live.err;
  EXPECT_TRUE(contains(live.out, "1 revision behind heads")) << live.out;
  EXPECT_TRUE(contains(live.out, "No drift in database main")) << live.out;

  // Compared with the revisions it is at, not with heads: a drift below the pending one still shows.
  db_->execute("ALTER TABLE account ADD COLUMN extra INTEGER");
  CliResult drifted = retort({"check", "--db"});
  EXPECT_EQ(drifted.exit_code, 1) << drifted.out;
  EXPECT_TRUE(contains(drifted.err, "drop column account.extra")) << drifted.err;
  EXPECT_FALSE(contains(drifted.err, "audit")) << drifted.err;
}

TEST_P(CheckDriftTest, WaitsForARunningMigration) {
  // What a run holds while it migrates: the migration lock, and on SQLite the write lock.
  auto lock = MigrationLock::take(db_->connection(), 0);
  ASSERT_TRUE(lock.ok()) << lock.error().to_string();
  const bool sqlite = GetParam().dialect == "sqlite";
  if (sqlite) {
    // A write makes it take the lock whatever kind of BEGIN the transport sends.
    ASSERT_TRUE(db_->connection().begin().ok());
    ASSERT_TRUE(db_->connection().execute("UPDATE retort_version SET version_num = version_num").ok());
  }
  CliResult live = retort({"check", "--db"});
  EXPECT_EQ(live.exit_code, 1) << live.out;
  EXPECT_TRUE(contains(live.err, sqlite ? "while no run changes it" : "could not take the migration lock")) << live.err;
  EXPECT_TRUE(contains(live.err, "lock_timeout")) << live.err;
  if (sqlite) {
    ASSERT_TRUE(db_->connection().rollback().ok());
  }
  ASSERT_TRUE(lock->release().ok());
  EXPECT_EQ(retort({"check", "--db"}).exit_code, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, CheckDriftTest, ::testing::ValuesIn(testing::native_backends()),
                         [](const auto& info) { return testing::test_name(info.param); });

}  // namespace
}  // namespace retort
