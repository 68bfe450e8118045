// What a step run statement by statement (runtime/resumable_step.cc) costs on the test MariaDB server: a
// data statement and its progress record are one unit, which the mysql driver sends as one statement, so
// each data statement costs one round trip. Counted by the run's own session (`Questions` counts what the
// client sends, not what a stored program runs), as the difference between two runs that differ only in
// their number of data statements, so the fixed cost of a run (lock, version and history reads, the step's
// first and last records) drops out. tests/cli/live_migration_test.cc runs failures and reruns.
#include "runtime/migration_runner.h"

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
  void SetUp() override {
    const Backend mysql{"mysql", "mysql", false};
    RETORT_REQUIRE_BACKEND(mysql);
    live_ = std::make_unique<LiveDatabase>(mysql, "resumable");
    live_->execute("CREATE TABLE t (id INT PRIMARY KEY) ENGINE=InnoDB");
    config_.name = "main";
    config_.url = parse_url(live_->url()).value();
    auto db = Database::connect(testing::build_plugins(), config_);
    if (!db.ok()) throw std::runtime_error(db.error().to_string());
    db_.emplace(std::move(db).value());
  }
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
  // Upgrades to `target` on the test's own session and returns the statements the run sent.
  long upgrade(const std::string& target) {
    auto scripts = ScriptDirectory::load({dir_.path()});
    if (!scripts.ok()) throw std::runtime_error(scripts.error().to_string());
    auto checked = CheckedScripts::check(*scripts, OpCatalogue::core(), {"main"}, "test");
    if (!checked.ok()) throw std::runtime_error(checked.error().to_string());
    std::ostringstream out, progress;
    RunOptions options;
    options.database_names = {"main"};
    MigrationRunner runner(*checked, *db_, OpCatalogue::core(), options, RunOutput{out, progress, true, false});
    MigrationRequest request;
    request.targets = {target};
    const long before = questions();
    const Status st = runner.run(request);
    const long after = questions();
    EXPECT_TRUE(st.ok()) << st.error().to_string();
    return after - before - 1;  // not the reading of the count
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

}  // namespace
}  // namespace retort
