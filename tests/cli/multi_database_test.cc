// Several named databases in one command, on the real servers: examples/multidb (one tree for
// PostgreSQL, MariaDB and SQLite, with branches per database, per-engine operations and per-dialect SQL),
// --engine, version tables kept apart, a failure in one of three, --continue-on-error, --jobs, a server
// that is down, and one offline script per database.
#include "cli_runner.h"
#include "live_database.h"
#include "schema_snapshot.h"
#include "temp_dir.h"
#include "text_checks.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include <algorithm>
#include <sstream>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::Backend;
using testing::CliResult;
using testing::LiveDatabase;

const Backend kPostgres{"postgresql", "postgresql", false};
const Backend kMysql{"mysql", "mysql", false};
const Backend kSqlite{"sqlite", "sqlite", false};

// The revision ids of examples/multidb.
const std::string kAccount = "5c0a1e7b2d01", kSearch = "5c0a1e7b2d02", kOrder = "5c0a1e7b2d03",
                  kInvoice = "1e6ac0b11101";

using testing::contains;

// The `table ...` lines of a schema snapshot.
std::string tables(LiveDatabase& db) {
  std::istringstream in(testing::schema_snapshot(db.connection()));
  std::string line, out;
  while (std::getline(in, line))
    if (line.rfind("table ", 0) == 0) out += (out.empty() ? "" : ", ") + line.substr(6);
  return out;
}

class MultiDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RETORT_REQUIRE_BACKEND(kPostgres);
    RETORT_REQUIRE_BACKEND(kMysql);
    const std::string tag = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    app_ = std::make_unique<LiveDatabase>(kPostgres, tag);
    legacy_ = std::make_unique<LiveDatabase>(kMysql, tag);
    edge_ = std::make_unique<LiveDatabase>(kSqlite, tag);
    fs::copy(fs::path(RETORT_SOURCE_DIR) / "examples" / "multidb", project_.path(), fs::copy_options::recursive);
  }

  std::vector<std::string> env() const {
    return {"APP_DATABASE_URL=" + app_->url(), "LEGACY_DATABASE_URL=" + legacy_->url(),
            "EDGE_DATABASE=" + edge_->url().substr(std::string("sqlite:///").size())};
  }
  CliResult retort(const std::vector<std::string>& args) { return testing::run_retort(project_.path(), args, env()); }
  // The version rows of `table` in `db`, sorted, or "<none>" when the table does not exist.
  static std::string rows(LiveDatabase& db, const std::string& table = "retort_version") {
    std::string r = db.query("SELECT version_num FROM " + table + " ORDER BY version_num");
    return contains(r, "<error") ? "<none>" : r;
  }
  void add_revision(const std::string& name, const std::string& text) {
    testing::write_file(project_ / ("migrations/versions/" + name + ".toml"), text);
  }
  // A revision on top of the core head whose legacy-only operation fails on MariaDB.
  void add_failing_legacy_revision() {
    add_revision("bad0000000aa_broken_on_legacy", "revision = \"bad0000000aa\"\ndown_revision = \"" + kOrder +
                                                      "\"\nmessage = \"broken on legacy\"\n\n"
                                                      "[[upgrade]]\nop = \"add_column\"\ntable = \"account\"\n"
                                                      "column = { name = \"nickname\", type = \"string(40)\" }\n\n"
                                                      "[[upgrade_legacy]]\nop = \"execute\"\n"
                                                      "sql = \"INSERT INTO no_such_table VALUES (1)\"\n\n"
                                                      "[[downgrade]]\nop = \"drop_column\"\ntable = \"account\"\n"
                                                      "column = \"nickname\"\n");
  }

  std::unique_ptr<LiveDatabase> app_, legacy_, edge_;
  testing::TempDir project_;
};

TEST_F(MultiDatabaseTest, TheExampleMigratesThreeEnginesFromOneTree) {
  CliResult up = retort({"upgrade", "heads"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  // Branches per database: only legacy follows the legacy branch.
  EXPECT_EQ(rows(*app_), kOrder);
  EXPECT_EQ(rows(*legacy_), kInvoice + "\n" + kOrder);
  EXPECT_EQ(rows(*edge_), kOrder);
  // Per-engine operations land only on their database.
  EXPECT_EQ(tables(*app_), "account, purchase_order");
  EXPECT_EQ(tables(*legacy_), "account, legacy_invoice, purchase_order");
  EXPECT_EQ(tables(*edge_), "account, purchase_order, sync_state");
  EXPECT_TRUE(contains(testing::schema_snapshot(legacy_->connection()), "column purchase_order.legacy_ref"));
  EXPECT_FALSE(contains(testing::schema_snapshot(app_->connection()), "legacy_ref"));
  EXPECT_EQ(edge_->query("SELECT source FROM sync_state"), "account");
  // Per-dialect SQL: each engine got its own index.
  EXPECT_EQ(app_->query("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_account_email_lower'"), "1");
  EXPECT_EQ(legacy_->query("SELECT count(*) FROM information_schema.statistics WHERE table_schema = DATABASE() AND "
                           "index_name LIKE 'ix_account_email_%'"),
            "0");
  EXPECT_EQ(edge_->query("SELECT count(*) FROM sqlite_master WHERE name = 'ix_account_email_nocase'"), "1");
  // The summary names each database and where it ended.
  EXPECT_TRUE(contains(up.err, "Summary: 3 of 3 databases done")) << up.err;
  // Alembic's order: the core line first (the legacy revision depends on it), then the legacy one.
  EXPECT_TRUE(contains(up.err, "legacy  ok       upgraded 4 revisions; now at " + kOrder + ", " + kInvoice)) << up.err;

  // As Alembic's `current`: each database's revisions, without branch labels.
  CliResult current = retort({"current"});
  ASSERT_EQ(current.exit_code, 0) << current.err;
  EXPECT_EQ(current.out, kOrder + " (head)\n" + kInvoice + " (head)\n" + kOrder + " (head)\n" + kOrder + " (head)\n");

  CliResult down = retort({"downgrade", "base"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  for (LiveDatabase* db : {app_.get(), legacy_.get(), edge_.get()}) {
    EXPECT_EQ(tables(*db), "") << db->backend().name;
    EXPECT_EQ(rows(*db), "") << db->backend().name;
  }
}

// The check before any database is changed uses the connection the run then migrates with: PostgreSQL
// counts the sessions each database had (pg_stat_database.sessions, read from another database).
TEST_F(MultiDatabaseTest, EachDatabaseIsConnectedOncePerRun) {
  LiveDatabase observer(kPostgres, "observer");
  const std::string sql = "SELECT sessions FROM pg_stat_database WHERE datname = '" + app_->database_name() + "'";
  const long before = std::stol(observer.query(sql));
  CliResult up = retort({"upgrade", "heads"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_TRUE(contains(up.err, "(all checked before any was changed)")) << up.err;
  // A session is counted when its server process ends, a moment after the client hung up.
  long after = before;
  for (int waited = 0, stable = 0; waited < 100 && stable < 10; ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const long now = std::stol(observer.query(sql));
    stable = now == after && now > before ? stable + 1 : 0;
    after = now;
  }
  EXPECT_EQ(after - before, 1) << "one connection for the check and the run";
}

// The loop the example's README shows: declare, autogenerate one revision for three engines, apply, check.
TEST_F(MultiDatabaseTest, TheDeclaredSchemaLoopOnThreeEngines) {
  CliResult clean = retort({"check"});
  ASSERT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  for (const char* db : {"app", "legacy", "edge"})
    EXPECT_TRUE(contains(clean.out, std::string("No changes in schema detected for database ") + db)) << clean.out;
  ASSERT_EQ(retort({"upgrade", "heads"}).exit_code, 0);

  // A column for everyone, one for two of the three databases.
  const fs::path schema = project_.path() / "schema" / "core.toml";
  std::string text = testing::read_file(schema);
  const std::string anchor = "  { name = \"legacy_ref\"";
  ASSERT_NE(text.find(anchor), std::string::npos);
  text.insert(text.find(anchor), "  { name = \"region\", type = \"string(8)\", databases = [\"app\", \"legacy\"] },\n");
  text.insert(text.find("  { name = \"created_at\""), "  { name = \"nickname\", type = \"string(40)\" },\n");
  testing::write_file(schema, text);
  CliResult stale = retort({"check"});
  EXPECT_EQ(stale.exit_code, 1);
  EXPECT_TRUE(contains(stale.err, "database 'edge'")) << stale.err;
  EXPECT_TRUE(contains(stale.err, "add column account.nickname")) << stale.err;

  CliResult gen = retort({"revision", "--autogenerate", "-m", "nickname and region"});
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  fs::path written;
  for (const auto& e : fs::directory_iterator(project_.path() / "migrations" / "versions"))
    if (contains(e.path().filename().string(), "nickname_and_region")) written = e.path();
  ASSERT_FALSE(written.empty()) << gen.err;
  const std::string revision = testing::read_file(written);
  // On the core branch, the common operation once, the scoped one per database.
  EXPECT_TRUE(contains(revision, "down_revision = \"" + kOrder + "\"")) << revision;
  EXPECT_TRUE(contains(revision, "[[upgrade]]\nop = \"add_column\"\ntable = \"account\"")) << revision;
  EXPECT_TRUE(contains(revision, "[[upgrade_app]]")) << revision;
  EXPECT_TRUE(contains(revision, "[[upgrade_legacy]]")) << revision;
  EXPECT_FALSE(contains(revision, "[[upgrade_edge]]")) << revision;

  ASSERT_EQ(retort({"upgrade", "heads"}).exit_code, 0);
  CliResult live = retort({"check", "--db"});
  EXPECT_EQ(live.exit_code, 0) << live.out << live.err;
  for (const char* db : {"app", "legacy", "edge"})
    EXPECT_TRUE(contains(live.out, std::string("No drift in database ") + db)) << live.out;
  EXPECT_TRUE(contains(testing::schema_snapshot(legacy_->connection()), "column purchase_order.region"));
  EXPECT_FALSE(contains(testing::schema_snapshot(edge_->connection()), "region"));
}

TEST_F(MultiDatabaseTest, HeadsAndHistoryFollowEachDatabasesBranches) {
  CliResult heads = retort({"heads"});
  ASSERT_EQ(heads.exit_code, 0) << heads.err;
  // app and edge follow core and share a listing; legacy also follows the legacy branch.
  EXPECT_EQ(heads.out, kOrder + " (core) (head)\n" + kInvoice + " (legacy) (head)\n" + kOrder + " (core) (head)\n");
  EXPECT_TRUE(contains(heads.err, "== databases app, edge (branches: core)")) << heads.err;
  EXPECT_TRUE(contains(heads.err, "== database legacy (branches: core, legacy)")) << heads.err;

  CliResult legacy_heads = retort({"--engine", "legacy", "heads"});
  EXPECT_EQ(legacy_heads.out, kInvoice + " (legacy) (head)\n" + kOrder + " (core) (head)\n");
  EXPECT_EQ(legacy_heads.err, "");
  CliResult app_history = retort({"--engine", "app", "history"});
  EXPECT_FALSE(contains(app_history.out, kInvoice)) << app_history.out;
  EXPECT_TRUE(contains(app_history.out, "<base> -> " + kAccount)) << app_history.out;

  ASSERT_EQ(retort({"--engine", "app", "upgrade", "heads"}).exit_code, 0);
  CliResult marked = retort({"history", "-i"});
  ASSERT_EQ(marked.exit_code, 0) << marked.err;
  EXPECT_TRUE(contains(marked.out, kOrder + " (core) (head) (current)")) << marked.out;
}

TEST_F(MultiDatabaseTest, EngineTouchesOnlyTheDatabasesItNames) {
  CliResult one = retort({"--engine", "legacy", "upgrade", "heads"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_FALSE(contains(one.err, "Summary")) << one.err;
  EXPECT_EQ(rows(*legacy_), kInvoice + "\n" + kOrder);
  EXPECT_EQ(rows(*app_), "<none>");
  EXPECT_EQ(rows(*edge_), "<none>");

  CliResult two = retort({"--engine", "app,edge", "upgrade", kAccount});
  ASSERT_EQ(two.exit_code, 0) << two.err;
  EXPECT_EQ(rows(*app_), kAccount);
  EXPECT_EQ(rows(*edge_), kAccount);
  EXPECT_EQ(rows(*legacy_), kInvoice + "\n" + kOrder);

  CliResult repeated = retort({"--engine", "edge", "--engine", "legacy", "downgrade", "base"});
  ASSERT_EQ(repeated.exit_code, 0) << repeated.err;
  EXPECT_EQ(rows(*edge_), "");
  EXPECT_EQ(rows(*legacy_), "");
  EXPECT_EQ(rows(*app_), kAccount);

  CliResult unknown = retort({"--engine", "legcy", "upgrade", "heads"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_TRUE(contains(unknown.err, "no database named 'legcy'")) << unknown.err;
  EXPECT_TRUE(contains(unknown.err, "configured databases: app, legacy, edge")) << unknown.err;
}

TEST_F(MultiDatabaseTest, VersionTablesAreKeptApart) {
  // A second named database in the same PostgreSQL database, with its own version table, following an
  // audit branch that no other database follows.
  add_revision("a0d1700000a1_audit_log", "revision = \"a0d1700000a1\"\ndown_revision = \"\"\nbranch_labels = [\"audit\"]\n"
                                        "message = \"audit log\"\n\n[[upgrade]]\nop = \"create_table\"\ntable = \"audit_log\"\n"
                                        "columns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n");
  std::string config = testing::read_file(project_ / "retort.toml");
  config += "\n[databases.audit]\nurl = \"${APP_DATABASE_URL}\"\nversion_table = \"audit_version\"\n"
            "branches = [\"audit\"]\n";
  testing::write_file(project_ / "retort.toml", config);
  CliResult up = retort({"upgrade", "heads"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(rows(*app_), kOrder);
  EXPECT_EQ(rows(*app_, "audit_version"), "a0d1700000a1");
  EXPECT_EQ(rows(*edge_), kOrder);
  EXPECT_EQ(tables(*app_), "account, audit_log, audit_version, purchase_order");  // the snapshot skips only retort_version and retort_history
  EXPECT_EQ(tables(*edge_), "account, purchase_order, sync_state");

  CliResult current = retort({"--engine", "audit", "current"});
  EXPECT_EQ(current.out, "a0d1700000a1 (head)\n");
  CliResult down = retort({"--engine", "audit", "downgrade", "base"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(rows(*app_, "audit_version"), "");
  EXPECT_EQ(rows(*app_), kOrder);
  EXPECT_EQ(tables(*app_), "account, audit_version, purchase_order");
}

TEST_F(MultiDatabaseTest, AFailureInOneOfThreeStopsTheRestAndLeavesEachConsistent) {
  ASSERT_EQ(retort({"upgrade", "heads"}).exit_code, 0);
  add_failing_legacy_revision();

  CliResult failed = retort({"upgrade", "heads"});
  EXPECT_EQ(failed.exit_code, 1);
  // app went first and is done; legacy stops at its last completed revision; edge was not started.
  EXPECT_EQ(rows(*app_), "bad0000000aa");
  EXPECT_EQ(rows(*legacy_), kInvoice + "\n" + kOrder);
  EXPECT_EQ(rows(*edge_), kOrder);
  EXPECT_FALSE(contains(testing::schema_snapshot(edge_->connection()), "nickname"));
  EXPECT_TRUE(contains(failed.err, "error: database 'legacy'")) << failed.err;
  EXPECT_TRUE(contains(failed.err, "no_such_table")) << failed.err;
  EXPECT_TRUE(contains(failed.err, "app     ok       upgraded 1 revision; now at bad0000000aa")) << failed.err;
  EXPECT_TRUE(contains(failed.err, "legacy  FAILED")) << failed.err;
  EXPECT_TRUE(contains(failed.err, "edge    skipped  not started after database 'legacy' failed")) << failed.err;
  EXPECT_TRUE(contains(failed.err, "error: upgrade failed on legacy; not run on edge")) << failed.err;
  EXPECT_TRUE(contains(failed.err, "--continue-on-error")) << failed.err;

  // MySQL commits DDL as it goes: the common add_column stayed; the error says so and the rerun goes on.
  CliResult go_on = retort({"--continue-on-error", "upgrade", "heads"});
  EXPECT_EQ(go_on.exit_code, 1);
  EXPECT_EQ(rows(*edge_), "bad0000000aa");
  EXPECT_TRUE(contains(testing::schema_snapshot(edge_->connection()), "column account.nickname")) << edge_->url();
  EXPECT_TRUE(contains(go_on.err, "edge    ok       upgraded 1 revision")) << go_on.err;
  EXPECT_TRUE(contains(go_on.err, "app     ok       nothing to do; at bad0000000aa")) << go_on.err;
  EXPECT_EQ(rows(*legacy_), kInvoice + "\n" + kOrder);
}

TEST_F(MultiDatabaseTest, JobsMigrateInParallelWithTheSameOutcome) {
  CliResult up = retort({"--jobs", "3", "upgrade", "heads"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(rows(*app_), kOrder);
  EXPECT_EQ(rows(*legacy_), kInvoice + "\n" + kOrder);
  EXPECT_EQ(rows(*edge_), kOrder);
  // Each progress line names its database, and no line is split by another's.
  std::istringstream lines(up.err);
  std::string line;
  size_t running = 0;
  while (std::getline(lines, line)) {
    if (!contains(line, "Running upgrade")) continue;
    ++running;
    EXPECT_TRUE(line.rfind("[app] ", 0) == 0 || line.rfind("[legacy] ", 0) == 0 || line.rfind("[edge] ", 0) == 0) << line;
  }
  EXPECT_EQ(running, 10u) << up.err;

  add_failing_legacy_revision();
  CliResult failed = retort({"-j", "2", "--continue-on-error", "upgrade", "heads"});
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_EQ(rows(*app_), "bad0000000aa");
  EXPECT_EQ(rows(*edge_), "bad0000000aa");
  EXPECT_EQ(rows(*legacy_), kInvoice + "\n" + kOrder);

  CliResult down = retort({"-j", "3", "downgrade", kAccount});
  EXPECT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(rows(*app_), kAccount);
  // Reverting to the account revision keeps the legacy invoice table, which depends only on that revision
  // (as Alembic does): its row implies the account revision.
  EXPECT_EQ(rows(*legacy_), kInvoice);
  EXPECT_EQ(rows(*edge_), kAccount);
}

TEST_F(MultiDatabaseTest, AServerThatIsDownChangesNothingAnywhere) {
  // The check before the run connects to every database first, so the live ones are not migrated
  // while one cannot be reached.
  std::vector<std::string> down_env = env();
  down_env[1] = "LEGACY_DATABASE_URL=mysql://retort_test:x@127.0.0.1:1/nothing_here";
  CliResult r = testing::run_retort(project_.path(), {"upgrade", "heads"}, down_env);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(rows(*app_), "<none>");
  EXPECT_EQ(rows(*edge_), "<none>");
  EXPECT_TRUE(contains(r.err, "cannot connect")) << r.err;
  EXPECT_TRUE(contains(r.err, "legacy  FAILED   failed the check before the run; nothing was changed")) << r.err;
  EXPECT_TRUE(contains(r.err, "app     skipped  not run: database 'legacy' failed the check")) << r.err;
  EXPECT_FALSE(contains(r.err, "Running upgrade")) << r.err;

  // With --continue-on-error the reachable ones go ahead.
  CliResult go_on = testing::run_retort(project_.path(), {"--continue-on-error", "upgrade", "heads"}, down_env);
  EXPECT_EQ(go_on.exit_code, 1);
  EXPECT_EQ(rows(*app_), kOrder);
  EXPECT_EQ(rows(*edge_), kOrder);
}

TEST_F(MultiDatabaseTest, OfflineSqlWritesOneHeadedScriptPerDatabase) {
  CliResult sql = retort({"upgrade", "heads", "--sql"});
  ASSERT_EQ(sql.exit_code, 0) << sql.err;
  const size_t app = sql.out.find("-- database: app\n"), legacy = sql.out.find("-- database: legacy\n"),
               edge = sql.out.find("-- database: edge\n");
  ASSERT_NE(app, std::string::npos) << sql.out;
  ASSERT_NE(legacy, std::string::npos) << sql.out;
  ASSERT_NE(edge, std::string::npos) << sql.out;
  EXPECT_LT(app, legacy);
  EXPECT_LT(legacy, edge);
  const std::string app_part = sql.out.substr(app, legacy - app), legacy_part = sql.out.substr(legacy, edge - legacy),
                    edge_part = sql.out.substr(edge);
  EXPECT_TRUE(contains(app_part, "-- dialect: postgresql")) << app_part;
  EXPECT_FALSE(contains(app_part, "t3st-p@ss")) << app_part;
  EXPECT_TRUE(contains(app_part, "lower(email)")) << app_part;
  EXPECT_TRUE(contains(legacy_part, "legacy_invoice")) << legacy_part;
  EXPECT_FALSE(contains(legacy_part, "ix_account_email")) << "MySQL needs no case-insensitive index: " << legacy_part;
  EXPECT_TRUE(contains(edge_part, "sync_state")) << edge_part;
  EXPECT_FALSE(contains(app_part, "sync_state")) << app_part;
  // Nothing was touched.
  EXPECT_EQ(rows(*app_), "<none>");
  EXPECT_EQ(rows(*edge_), "<none>");

  // One database's script failing to render means no script at all.
  add_revision("bad0000000bb_no_variant", "revision = \"bad0000000bb\"\ndown_revision = \"" + kOrder +
                                             "\"\nmessage = \"x\"\n\n[[upgrade]]\nop = \"execute\"\n"
                                             "sql = { postgresql = \"SELECT 1\" }\n");
  CliResult partial = retort({"upgrade", "heads", "--sql"});
  EXPECT_EQ(partial.exit_code, 1);
  EXPECT_EQ(partial.out, "");
}

TEST_F(MultiDatabaseTest, CheckNamesAPerEngineSectionForNoDatabaseBeforeRunning) {
  add_revision("bad0000000cc_typo", "revision = \"bad0000000cc\"\ndown_revision = \"" + kOrder +
                                        "\"\nmessage = \"x\"\n\n[[upgrade_legcy]]\nop = \"execute\"\nsql = \"SELECT 1\"\n");
  CliResult check = retort({"check"});
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_TRUE(contains(check.err, "bad0000000cc_typo.toml:5: [[upgrade_legcy]] names no configured database 'legcy'"))
      << check.err;
  EXPECT_TRUE(contains(check.err, "did you mean [[upgrade_legacy]]?")) << check.err;
  CliResult up = retort({"upgrade", "heads"});
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_TRUE(contains(up.err, "[[upgrade_legcy]]")) << up.err;
  EXPECT_EQ(rows(*app_), "<none>");
  EXPECT_EQ(rows(*legacy_), "<none>");
  EXPECT_EQ(rows(*edge_), "<none>");
}

}  // namespace
}  // namespace retort
