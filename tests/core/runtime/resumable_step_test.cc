// What a step run statement by statement (runtime/resumable_step.cc) costs on the test MariaDB server: a
// data statement and its progress record are one unit, which the mysql driver sends as one statement, so
// each data statement costs one round trip; a schema statement whose effect its operation does not show
// costs itself and its progress record, which also takes the schema's fingerprint for the statement after
// it. Counted by the run's own session (`Questions` counts what the client sends, not what a stored program
// runs), as the difference between two runs that differ only in their number of statements, so the fixed
// cost of a run (lock, version and history reads, the step's first and last records) drops out. And how a
// rerun after a kill at such a statement tells from the fingerprint whether it ran.
// tests/cli/live_migration_test.cc runs failures and reruns.
#include "runtime/migration_runner.h"

#include "schema/operation_effect.h"

#include "live_database.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <sstream>

namespace retort {
namespace {

using testing::Backend;
using testing::LiveDatabase;

class ResumableStepTest : public ::testing::Test {
 protected:
  // The server the test runs on: MariaDB, where every step runs statement by statement.
  virtual Backend backend() const { return Backend{"mysql", "mysql", false}; }
  bool mysql() const { return backend().dialect == "mysql"; }
  void SetUp() override {
    RETORT_REQUIRE_BACKEND(backend());
    live_ = std::make_unique<LiveDatabase>(backend(), "resumable");
    live_->execute(std::string("CREATE TABLE t (id INT PRIMARY KEY)") + (mysql() ? " ENGINE=InnoDB" : ""));
    config_.name = "main";
    config_.url = parse_url(live_->url()).value();
    auto db = Database::connect(testing::build_plugins(), config_);
    if (!db.ok()) throw std::runtime_error(db.error().to_string());
    db_.emplace(std::move(db).value());
  }
  // A new session for the test, as a rerun after a kill has.
  void reconnect() {
    db_.reset();
    auto db = Database::connect(testing::build_plugins(), config_);
    if (!db.ok()) throw std::runtime_error(db.error().to_string());
    db_.emplace(std::move(db).value());
  }
  // Revision `id` after `down` whose upgrade is one operation `op` per entry (TOML lines after `op = ...`).
  void write_operations(const std::string& id, const std::string& down, const std::vector<std::string>& ops) {
    std::string body = "revision = \"" + id + "\"\ndown_revision = \"" + down + "\"\nmessage = \"" + id + "\"\n";
    // Elsewhere only a revision outside any transaction runs statement by statement.
    body += mysql() ? "\n" : "transaction = false\n\n";
    for (const auto& op : ops) body += "[[upgrade]]\n" + op + "\n\n";
    testing::write_file(dir_.path() / (id + "_r.toml"), body);
  }
  static std::string execute(const std::string& sql) { return "op = \"execute\"\nsql = \"" + sql + "\""; }
  // Revision `id` after `down`, whose upgrade is `count` INSERTs of ids from `first` on.
  void write_revision(const std::string& id, const std::string& down, int first, int count) {
    std::string body = "revision = \"" + id + "\"\ndown_revision = \"" + down + "\"\nmessage = \"" + id + "\"\n\n";
    for (int i = first; i < first + count; ++i)
      body += "[[upgrade]]\nop = \"execute\"\nsql = \"INSERT INTO t (id) VALUES (" + std::to_string(i) + ")\"\n\n";
    testing::write_file(dir_.path() / (id + "_r.toml"), body);
  }
  long questions() {
    auto rows = db_->query("SHOW SESSION STATUS LIKE 'Questions'");
    if (!rows.ok() || rows->size() != 1 || !rows->front().at(1)) {
      ADD_FAILURE() << (rows.ok() ? "no Questions row" : rows.error().to_string());
      return -1;
    }
    return std::stol(*rows->front()[1]);
  }
  // Upgrades to `target` on the test's own session; what it says about resuming goes to `*notes`.
  Status run_upgrade(const std::string& target, std::string* notes = nullptr) {
    auto scripts = ScriptDirectory::load({dir_.path()});
    if (!scripts.ok()) throw std::runtime_error(scripts.error().to_string());
    auto checked = CheckedScripts::check(*scripts, OpCatalogue::core(), {"main"}, "test");
    if (!checked.ok()) throw std::runtime_error(checked.error().to_string());
    std::ostringstream out, progress;
    RunOptions options;
    options.database_names = {"main"};
    MigrationRunner runner(*checked, *db_, OpCatalogue::core(), options, RunOutput{out, progress, notes == nullptr, false});
    MigrationRequest request;
    request.targets = {target};
    Status st = runner.run(request);
    if (notes) *notes = progress.str();
    return st;
  }
  // Upgrades to `target` on the test's own session and returns the statements the run sent.
  long upgrade(const std::string& target) {
    const long before = questions();
    const Status st = run_upgrade(target);
    const long after = questions();
    EXPECT_TRUE(st.ok()) << st.error().to_string();
    return after - before - 1;  // not the reading of the count
  }
  // Runs revision r1 = (CREATE TABLE a, then a statement that kills the run's own session) and leaves the
  // state a run killed right at its second statement leaves: the first recorded, with the fingerprint the
  // second was to be judged by. The session is a new one afterwards.
  void killed_at_second_statement() {
    std::string kill = "CREATE TABLE gone AS SELECT pg_terminate_backend(pg_backend_pid())";
    if (mysql()) {
      auto id = db_->query("SELECT CONNECTION_ID()");
      ASSERT_TRUE(id.ok() && !id->empty() && id->front()[0]) << "no connection id";
      kill = "KILL " + *id->front()[0];
    }
    write_operations("r1", "", {execute("CREATE TABLE a (id INT)"), execute(kill)});
    EXPECT_FALSE(run_upgrade("r1").ok()) << "the session was killed";
    reconnect();
    EXPECT_EQ(live_->query("SELECT statements_done, resume_operation, resume_statement, finished_at FROM retort_history"),
              "1|1|0|NULL");
  }
  // The killed statement as it should have been, for the rerun.
  void fix_second_statement(const std::string& sql) {
    write_operations("r1", "", {execute("CREATE TABLE a (id INT)"), execute(sql)});
  }
  std::string stored_fingerprint() { return live_->query("SELECT schema_before FROM retort_history"); }
  // How many of the tables `names` (quoted, comma-separated) the test's schema has.
  std::string tables_named(const std::string& names) {
    return live_->query(std::string("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ") +
                        (mysql() ? "DATABASE()" : "current_schema()") + " AND table_name IN (" + names + ")");
  }

  testing::TempDir dir_;
  std::unique_ptr<LiveDatabase> live_;
  DatabaseConfig config_;
  std::optional<Database> db_;
};

TEST_F(ResumableStepTest, ADataStatementAndItsRecordCostOneRoundTripOnMariaDb) {
  write_revision("r0", "", 100, 1);
  write_revision("r1", "r0", 1, 1);
  write_revision("r2", "r1", 2, 3);
  upgrade("r0");  // creates the version and history tables, which the next runs only read
  const long one = upgrade("r1");
  const long three = upgrade("r2");
  RecordProperty("statements_for_one_data_statement", std::to_string(one));
  RecordProperty("statements_for_three_data_statements", std::to_string(three));
  EXPECT_EQ(three - one, 2) << "each data statement beyond the first should cost one round trip; a run of one cost "
                            << one << ", of three " << three;
  EXPECT_EQ(live_->query("SELECT id FROM t ORDER BY id"), "1\n2\n3\n4\n100");
  EXPECT_EQ(live_->query("SELECT revision, success, statements_done, statements_total FROM retort_history ORDER BY id"),
            "r0|1|1|1\nr1|1|1|1\nr2|1|3|3");
}

TEST_F(ResumableStepTest, AnUnreadableSchemaStatementCostsOneRoundTripBesidesItselfOnMariaDb) {
  // r0 creates the version and history tables and tries the fingerprint query, once per session.
  write_operations("r0", "", {execute("CREATE TABLE z (id INT)")});
  write_operations("r1", "r0", {execute("CREATE TABLE a1 (id INT)")});
  write_operations("r2", "r1", {execute("CREATE TABLE b1 (id INT)"), execute("CREATE TABLE b2 (id INT)"),
                                execute("ALTER TABLE b1 ADD COLUMN x INT")});
  upgrade("r0");
  const long one = upgrade("r1");
  const long three = upgrade("r2");
  // What taking the fingerprint cost each such statement before ABI 1.3: the inspector's queries.
  const long before = questions();
  EXPECT_FALSE(inspected_schema_fingerprint(*db_).empty());
  const long inspector = questions() - before - 1;
  RecordProperty("statements_for_one_unreadable_schema_statement", std::to_string(one));
  RecordProperty("statements_for_three_unreadable_schema_statements", std::to_string(three));
  RecordProperty("inspector_fingerprint_queries", std::to_string(inspector));
  EXPECT_EQ(three - one, 4) << "each such statement beyond the first should cost itself and its progress record; a run "
                               "of one cost " << one << ", of three " << three;
  EXPECT_GT(inspector, 1) << "the fallback reads the schema in several queries";
  EXPECT_EQ(live_->query("SELECT revision, success, statements_done, statements_total, COALESCE(schema_before, '-') "
                         "FROM retort_history ORDER BY id"),
            "r0|1|1|1|-\nr1|1|1|1|-\nr2|1|3|3|-")
      << "a finished row keeps no fingerprint";
}

TEST_F(ResumableStepTest, EachStatementOfAnOperationOfSeveralCostsOneRoundTripBesidesItselfOnMariaDb) {
  write_operations("r0", "", {execute("CREATE TABLE t2 (id INT, n INT)")});
  write_operations("r1", "r0", {execute("ALTER TABLE t2 ADD COLUMN m INT")});
  // Two statements on MySQL: SET DEFAULT and RENAME COLUMN.
  write_operations("r2", "r1", {"op = \"alter_column\"\ntable = \"t2\"\ncolumn = \"n\"\nnew_name = \"k\"\n"
                                "server_default = \"5\""});
  upgrade("r0");
  const long one = upgrade("r1");
  const long two = upgrade("r2");
  EXPECT_EQ(two - one, 2) << "a run of one statement cost " << one << ", of an operation of two " << two;
  EXPECT_EQ(live_->query("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND "
                         "TABLE_NAME = 't2' ORDER BY ORDINAL_POSITION"),
            "id\nk\nm");
}


// Kills at a statement whose effect its operation does not show, and the reruns: on MariaDB, and on
// PostgreSQL in a revision with `transaction = false`.
class ResumeAfterKillTest : public ResumableStepTest, public ::testing::WithParamInterface<Backend> {
 protected:
  Backend backend() const override { return GetParam(); }
};

TEST_P(ResumeAfterKillTest, AKilledStatementThatDidNotRunRunsOnTheRerun) {
  killed_at_second_statement();
  const std::string stored = stored_fingerprint();
  EXPECT_EQ(stored.rfind(mysql() ? "mysql1:" : "pg1:", 0), 0u) << stored;
  EXPECT_EQ(stored, schema_fingerprint(*db_)) << "taken by the record before the statement";
  fix_second_statement("CREATE TABLE b (id INT)");
  std::string notes;
  const Status st = run_upgrade("r1", &notes);
  ASSERT_TRUE(st.ok()) << st.error().to_string() << "\n" << notes;
  EXPECT_NE(notes.find("had not completed CREATE TABLE b (id INT) (the schema is as it was before the statement "
                       "started): running it"),
            std::string::npos)
      << notes;
  EXPECT_EQ(tables_named("'a', 'b', 'gone'"), "2");
  EXPECT_EQ(live_->query("SELECT version_num FROM retort_version"), "r1");
}

TEST_P(ResumeAfterKillTest, AKilledStatementThatRanIsNotRunAgain) {
  killed_at_second_statement();
  fix_second_statement("CREATE TABLE b (id INT)");
  live_->execute("CREATE TABLE b (id INT)");  // the statement completed, and the kill came before its record
  std::string notes;
  const Status st = run_upgrade("r1", &notes);
  ASSERT_TRUE(st.ok()) << st.error().to_string() << "\n" << notes;
  EXPECT_NE(notes.find("had completed CREATE TABLE b (id INT) (the schema changed after the statement started): "
                       "going on after it"),
            std::string::npos)
      << notes;
  EXPECT_EQ(live_->query("SELECT version_num FROM retort_version"), "r1");
}

TEST_P(ResumeAfterKillTest, AFingerprintAnOlderRetortTookWithTheInspectorIsComparedByTheInspector) {
  killed_at_second_statement();
  fix_second_statement("CREATE TABLE b (id INT)");
  const std::string inspected = inspected_schema_fingerprint(*db_);
  ASSERT_EQ(inspected.size(), 64u);
  live_->execute("UPDATE retort_history SET schema_before = '" + inspected + "'");
  std::string notes;
  Status st = run_upgrade("r1", &notes);
  ASSERT_TRUE(st.ok()) << st.error().to_string() << "\n" << notes;
  EXPECT_NE(notes.find("the schema is as it was before the statement started): running it"), std::string::npos) << notes;
  EXPECT_EQ(tables_named("'b'"), "1");
}

TEST_P(ResumeAfterKillTest, AFingerprintOfAnotherFormulaIsNotComparedButAsked) {
  killed_at_second_statement();
  fix_second_statement("CREATE TABLE b (id INT)");
  live_->execute("UPDATE retort_history SET schema_before = 'mysql0:0123'");
  std::string notes;
  const Status st = run_upgrade("r1", &notes);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().to_string().find("may or may not have completed"), std::string::npos) << st.error().to_string();
  EXPECT_NE(st.error().to_string().find("the way the stopped run read it"), std::string::npos) << st.error().to_string();
}

INSTANTIATE_TEST_SUITE_P(Native, ResumeAfterKillTest,
                         ::testing::Values(Backend{"mysql", "mysql", false}, Backend{"postgresql", "postgresql", false}),
                         [](const ::testing::TestParamInfo<Backend>& info) { return testing::test_name(info.param); });

}  // namespace
}  // namespace retort
