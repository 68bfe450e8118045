// Tests runtime/multi_database_run.cc on real SQLite files: config order, the check before any database
// is changed, stopping after a failure, --continue-on-error, parallel jobs, offline scripts, what each
// outcome reports (revisions, time, every database once), and fleet members (checked each, going on).
#include "runtime/multi_database_run.h"

#include "cli_runner.h"
#include "live_database.h"
#include "ops/op_catalogue.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <sstream>

namespace retort {
namespace {

namespace fs = std::filesystem;
using State = DatabaseOutcome::State;

std::string revision(const std::string& id, const std::string& down, const std::string& body) {
  return "revision = \"" + id + "\"\ndown_revision = \"" + down + "\"\nmessage = \"" + id + "\"\n\n" + body;
}

std::string create_table(const std::string& table) {
  return "[[upgrade]]\nop = \"create_table\"\ntable = \"" + table +
         "\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n\n";
}

class MultiDatabaseRunTest : public ::testing::Test {
 protected:
  // Databases d0..d{n-1}, each a SQLite file, and a two-revision tree.
  void make_project(size_t databases, const std::string& extra_config = "") {
    std::string config = "[retort]\nscript_location = \"migrations\"\n" + extra_config;
    for (size_t i = 0; i < databases; ++i)
      config += "\n[databases.d" + std::to_string(i) + "]\nurl = \"sqlite:///" + (dir_ / ("d" + std::to_string(i) + ".db")).string() + "\"\n";
    testing::write_file(dir_ / "retort.toml", config);
    write_revision("aaaa00000001", "", create_table("account"));
    write_revision("aaaa00000002", "aaaa00000001", create_table("purchase"));
  }
  void write_revision(const std::string& id, const std::string& down, const std::string& body) {
    testing::write_file(dir_ / ("migrations/versions/" + id + "_r.toml"), revision(id, down, body));
  }
  void load() {
    auto c = load_config(dir_ / "retort.toml", [](const std::string&) { return std::nullopt; });
    ASSERT_TRUE(c.ok()) << c.error().to_string();
    config_ = std::move(c).value();
    auto s = ScriptDirectory::load(config_->version_locations);
    ASSERT_TRUE(s.ok()) << s.error().to_string();
    scripts_ = std::move(s).value();
    selected_.clear();
    for (auto& db : config_->databases) {
      db.fleet = fleet_;  // as the config reader sets it for a [fleets.NAME] member
      selected_.push_back(&db);
    }
  }
  Result<std::vector<DatabaseOutcome>> run(const std::string& target, MultiRunOptions options = {},
                                           bool sql = false, bool verbose = false) {
    load();
    RunOptions run_options;
    run_options.database_names = config_->section_names();
    auto checked = CheckedScripts::check(*scripts_, OpCatalogue::core(), run_options.database_names, "test");
    if (!checked.ok()) return std::move(checked).error();
    MultiDatabaseRun runs(*checked, testing::build_plugins(), OpCatalogue::core(), run_options, options);
    MigrationRequest request;
    request.targets = {target};
    finished_.clear();
    reported_revisions_.clear();
    started_ = 0;
    auto record = [this](const DatabaseOutcome& o) {
      finished_.push_back(o.database->name);
      reported_revisions_.push_back(o.report.revisions);
    };
    auto start = [this](const DatabaseConfig&) { ++started_; };
    const RunOutput output{out_, progress_, false, verbose};
    return sql ? runs.write_sql(selected_, request, output, record, start)
               : runs.run(selected_, request, output, record, start);
  }
  std::string rows(size_t database) {
    return testing::sqlite_query(dir_ / ("d" + std::to_string(database) + ".db"),
                                 "SELECT group_concat(version_num) FROM retort_version");
  }
  bool has_version_table(size_t database) {
    return testing::sqlite_query(dir_ / ("d" + std::to_string(database) + ".db"),
                                 "SELECT count(*) FROM sqlite_master WHERE name = 'retort_version'") == "1";
  }

  testing::TempDir dir_;
  std::optional<Config> config_;
  std::optional<ScriptDirectory> scripts_;
  std::vector<const DatabaseConfig*> selected_;
  std::ostringstream out_, progress_;
  std::vector<std::string> finished_;
  std::vector<std::vector<std::string>> reported_revisions_;  // as the outcome callback saw them
  size_t started_ = 0;
  std::string fleet_;  // set on every database: they are a fleet's members
};

TEST_F(MultiDatabaseRunTest, MigratesEveryDatabaseInConfigOrder) {
  make_project(3);
  auto outcomes = run("heads");
  ASSERT_TRUE(outcomes.ok()) << outcomes.error().to_string();
  ASSERT_EQ(outcomes->size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ((*outcomes)[i].state, State::kDone);
    EXPECT_EQ((*outcomes)[i].report.steps, 2u);
    EXPECT_EQ((*outcomes)[i].report.after, std::vector<std::string>{"aaaa00000002"});
    EXPECT_EQ(rows(i), "aaaa00000002");
  }
  EXPECT_EQ(finished_, (std::vector<std::string>{"d0", "d1", "d2"}));
  const std::string p = progress_.str();
  EXPECT_LT(p.find("== database d0"), p.find("== database d1"));
  EXPECT_LT(p.find("== database d1"), p.find("== database d2"));

  auto again = run("heads");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)[0].report.steps, 0u);
  EXPECT_TRUE(all_done(*again));
}

TEST_F(MultiDatabaseRunTest, AFailedCheckChangesNoDatabase) {
  make_project(3);
  load();
  // d2 cannot be opened: its folder does not exist.
  testing::write_file(dir_ / "retort.toml", testing::read_file(dir_ / "retort.toml") +
                                                "\n[databases.broken]\nurl = \"sqlite:///" +
                                                (dir_ / "no/such/folder/x.db").string() + "\"\n");
  auto outcomes = run("heads");
  ASSERT_TRUE(outcomes.ok());
  ASSERT_EQ(outcomes->size(), 4u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ((*outcomes)[i].state, State::kSkipped);
    EXPECT_NE((*outcomes)[i].skipped_because.find("database 'broken' failed the check"), std::string::npos);
    EXPECT_FALSE(has_version_table(i));
  }
  EXPECT_EQ((*outcomes)[3].state, State::kFailed);
  EXPECT_TRUE((*outcomes)[3].failed_check);
  EXPECT_EQ(progress_.str().find("Running upgrade"), std::string::npos) << progress_.str();

  // With continue_on_error the others go ahead.
  auto go_on = run("heads", MultiRunOptions{1, true});
  ASSERT_TRUE(go_on.ok());
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(rows(i), "aaaa00000002");
  EXPECT_EQ((*go_on)[3].state, State::kFailed);
}

TEST_F(MultiDatabaseRunTest, CheckingEachRightBeforeItRunsMigratesThoseBeforeTheFailure) {
  make_project(3);
  testing::write_file(dir_ / "retort.toml", testing::read_file(dir_ / "retort.toml") +
                                                "\n[databases.broken]\nurl = \"sqlite:///" +
                                                (dir_ / "no/such/folder/x.db").string() + "\"\n");
  auto outcomes = run("heads", MultiRunOptions{1, false, Precheck::kEach});
  ASSERT_TRUE(outcomes.ok());
  ASSERT_EQ(outcomes->size(), 4u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ((*outcomes)[i].state, State::kDone) << "no check of all first: d" << i << " ran";
    EXPECT_EQ(rows(i), "aaaa00000002");
  }
  EXPECT_EQ((*outcomes)[3].state, State::kFailed);
  EXPECT_FALSE((*outcomes)[3].failed_check) << "it failed where it ran, not in a check of all";
}

TEST(Precheck, AllUpToALimitThenEach) {
  EXPECT_EQ(effective_precheck(Precheck::kAuto, 2), Precheck::kAll);
  EXPECT_EQ(effective_precheck(Precheck::kAuto, kPrecheckAllUpTo), Precheck::kAll);
  EXPECT_EQ(effective_precheck(Precheck::kAuto, kPrecheckAllUpTo + 1), Precheck::kEach);
  EXPECT_EQ(effective_precheck(Precheck::kAll, 10000), Precheck::kAll);
  EXPECT_EQ(effective_precheck(Precheck::kEach, 2), Precheck::kEach);
}

TEST_F(MultiDatabaseRunTest, AFailureStopsTheDatabasesNotYetStarted) {
  make_project(3);
  // Passes the check (nothing runs there) but fails on d1 when it runs.
  write_revision("aaaa00000003", "aaaa00000002",
                 create_table("extra") + "[[upgrade_d1]]\nop = \"execute\"\nsql = \"INSERT INTO missing VALUES (1)\"\n");
  auto outcomes = run("heads");
  ASSERT_TRUE(outcomes.ok());
  EXPECT_EQ((*outcomes)[0].state, State::kDone);
  EXPECT_EQ((*outcomes)[1].state, State::kFailed);
  EXPECT_FALSE((*outcomes)[1].failed_check);
  EXPECT_NE((*outcomes)[1].error->to_string().find("database 'd1'"), std::string::npos);
  EXPECT_EQ((*outcomes)[2].state, State::kSkipped);
  EXPECT_EQ((*outcomes)[2].skipped_because, "not started after database 'd1' failed");
  EXPECT_EQ(rows(0), "aaaa00000003");
  EXPECT_FALSE(has_version_table(1));  // SQLite rolled the whole run back
  EXPECT_FALSE(has_version_table(2));
  EXPECT_EQ(finished_, (std::vector<std::string>{"d0", "d1", "d2"})) << "the skipped one is reported too";
  EXPECT_EQ(started_, 2u);

  auto go_on = run("heads", MultiRunOptions{1, true});
  ASSERT_TRUE(go_on.ok());
  EXPECT_EQ((*go_on)[1].state, State::kFailed);
  EXPECT_EQ((*go_on)[2].state, State::kDone);
  EXPECT_EQ(rows(2), "aaaa00000003");
}

TEST_F(MultiDatabaseRunTest, ParallelJobsGiveTheSameOutcomes) {
  make_project(8);
  auto outcomes = run("heads", MultiRunOptions{4, false});
  ASSERT_TRUE(outcomes.ok());
  EXPECT_TRUE(all_done(*outcomes));
  for (size_t i = 0; i < 8; ++i) EXPECT_EQ(rows(i), "aaaa00000002");
  EXPECT_EQ(finished_.size(), 8u);
  // Every progress line names its database.
  std::istringstream lines(progress_.str());
  std::string line;
  size_t running = 0;
  while (std::getline(lines, line)) {
    EXPECT_EQ(line[0], '[') << line;
    running += line.find("] Running upgrade") != std::string::npos;
  }
  EXPECT_EQ(running, 16u);
}

TEST_F(MultiDatabaseRunTest, BrokenRevisionFilesStopEverythingUpFront) {
  make_project(2);
  write_revision("aaaa00000003", "aaaa00000002", "[[upgrade_nobody]]\nop = \"execute\"\nsql = \"SELECT 1\"\n");
  auto outcomes = run("heads", MultiRunOptions{2, true});
  ASSERT_FALSE(outcomes.ok());
  EXPECT_NE(outcomes.error().to_string().find("[[upgrade_nobody]] names no configured database"), std::string::npos)
      << outcomes.error().to_string();
  EXPECT_FALSE(has_version_table(0));
  EXPECT_FALSE(has_version_table(1));
}

TEST_F(MultiDatabaseRunTest, OfflineScriptsAreHeadedAndAllOrNothing) {
  make_project(2);
  auto outcomes = run("heads", {}, true);
  ASSERT_TRUE(outcomes.ok());
  EXPECT_TRUE(all_done(*outcomes));
  const std::string script = out_.str();
  EXPECT_LT(script.find("-- database: d0\n"), script.find("-- database: d1\n"));
  EXPECT_NE(script.find("-- dialect: sqlite"), std::string::npos);
  EXPECT_FALSE(has_version_table(0));

  out_.str("");
  write_revision("aaaa00000003", "aaaa00000002", "[[upgrade_d1]]\nop = \"execute\"\nsql = { postgresql = \"SELECT 1\" }\n");
  auto partial = run("heads", {}, true);
  ASSERT_TRUE(partial.ok());
  EXPECT_EQ((*partial)[0].state, State::kSkipped);
  EXPECT_EQ((*partial)[1].state, State::kFailed);
  EXPECT_EQ(out_.str(), "");
}

TEST(Precheck, FleetMembersAreCheckedEachUnlessAllIsAsked) {
  DatabaseConfig plain, member;
  member.fleet = "tenants";
  const std::vector<const DatabaseConfig*> plain_only{&plain, &plain}, with_member{&plain, &member};
  EXPECT_EQ(effective_precheck(Precheck::kAuto, plain_only), Precheck::kAll);
  EXPECT_EQ(effective_precheck(Precheck::kAuto, with_member), Precheck::kEach);
  EXPECT_EQ(effective_precheck(Precheck::kAll, with_member), Precheck::kAll);
  EXPECT_FALSE(effective_continue_on_error(false, plain_only));
  EXPECT_TRUE(effective_continue_on_error(false, with_member));
  EXPECT_TRUE(effective_continue_on_error(true, plain_only));
}

TEST_F(MultiDatabaseRunTest, EachOutcomeListsTheRevisionsRunAndHowLongItTook) {
  make_project(2);
  auto outcomes = run("heads");
  ASSERT_TRUE(outcomes.ok());
  for (const auto& o : *outcomes) {
    EXPECT_EQ(o.report.revisions, (std::vector<std::string>{"aaaa00000001", "aaaa00000002"}));
    EXPECT_GT(o.seconds, 0.0);
  }
  auto again = run("heads");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)[0].report.revisions, std::vector<std::string>{}) << "an upgrade to where it is runs nothing";
}

TEST_F(MultiDatabaseRunTest, ARolledBackFailureListsNoRevisions) {
  make_project(2);
  write_revision("aaaa00000003", "aaaa00000002", "[[upgrade_d1]]\nop = \"execute\"\nsql = \"INSERT INTO missing VALUES (1)\"\n");
  auto outcomes = run("heads", MultiRunOptions{1, true});
  ASSERT_TRUE(outcomes.ok());
  EXPECT_EQ((*outcomes)[0].report.revisions.size(), 3u);
  EXPECT_EQ((*outcomes)[1].state, State::kFailed);
  EXPECT_EQ((*outcomes)[1].report.revisions, std::vector<std::string>{}) << "SQLite rolled the whole run back";
}

TEST_F(MultiDatabaseRunTest, FleetMembersGoOnPastAFailureAndAreEachCheckedRightBeforeTheyRun) {
  make_project(3);
  testing::write_file(dir_ / "retort.toml", testing::read_file(dir_ / "retort.toml") +
                                                "\n[databases.broken]\nurl = \"sqlite:///" +
                                                (dir_ / "no/such/folder/x.db").string() + "\"\n" +
                                                // Declares the section name; the databases stand in for its members.
                                                "\n[fleets.tenants]\nsource = { file = \"none.txt\" }\n"
                                                "url = \"sqlite:///t/{name}.db\"\n");
  // Members run their fleet's sections; the statement fails only where the table is missing (d1).
  write_revision("aaaa00000003", "aaaa00000002", "[[upgrade_tenants]]\nop = \"execute\"\nsql = \"INSERT INTO missing VALUES (1)\"\n");
  for (const char* db : {"d0.db", "d2.db"}) {
    testing::write_file(dir_ / db, "");  // an empty file is an empty SQLite database
    ASSERT_TRUE(testing::sqlite_execute(dir_ / db, "CREATE TABLE missing (x INTEGER)"));
  }
  fleet_ = "tenants";
  auto outcomes = run("heads");  // no continue_on_error asked for
  ASSERT_TRUE(outcomes.ok());
  ASSERT_EQ(outcomes->size(), 4u);
  EXPECT_EQ((*outcomes)[0].state, State::kDone);
  EXPECT_EQ((*outcomes)[1].state, State::kFailed);
  EXPECT_EQ((*outcomes)[2].state, State::kDone) << "a member after the failed one still ran";
  EXPECT_EQ(rows(2), "aaaa00000003");
  EXPECT_EQ((*outcomes)[3].state, State::kFailed);
  EXPECT_FALSE((*outcomes)[3].failed_check) << "checked right before it ran, not in a check of all";
  EXPECT_EQ(finished_.size(), 4u);
  // What a report needs was handed on; the outcomes kept keep no revisions for a fleet.
  EXPECT_EQ(reported_revisions_[0].size(), 3u);
  EXPECT_TRUE((*outcomes)[0].report.revisions.empty());
}

TEST_F(MultiDatabaseRunTest, FleetMembersShowTheirProgressOnlyWhenVerboseAndAlwaysPrefixed) {
  make_project(3);
  fleet_ = "tenants";
  ASSERT_TRUE(run("aaaa00000001").ok());
  EXPECT_EQ(progress_.str(), "") << "members run quietly";

  progress_.str("");
  ASSERT_TRUE(run("heads", {}, false, true).ok());
  std::istringstream lines(progress_.str());
  std::string line;
  size_t running = 0;
  while (std::getline(lines, line)) {
    EXPECT_EQ(line.rfind("[d", 0), 0u) << line;
    running += line.find("] Running upgrade aaaa00000001 -> aaaa00000002") != std::string::npos;
  }
  EXPECT_EQ(running, 3u);
}

TEST_F(MultiDatabaseRunTest, ManyPlainDatabasesAreReportedLikeAFleet) {
  make_project(kListEachUpTo + 1);
  auto outcomes = run("heads", MultiRunOptions{3, false});
  ASSERT_TRUE(outcomes.ok());
  EXPECT_TRUE(all_done(*outcomes));
  EXPECT_EQ(progress_.str(), "");
  EXPECT_EQ(started_, kListEachUpTo + 1);
}

}  // namespace
}  // namespace retort
