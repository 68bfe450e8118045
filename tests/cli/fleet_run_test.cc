// Runs over many databases through the retort program, on real SQLite files: one failing database among
// 500 leaves the other 499 done and exits 1 with a summary grouped by outcome that quotes the failure's
// first error line; --report FILE lists every database's outcome, revisions and time as JSON (read back
// with Python's json module), also when the run cannot start, and never a password; without a terminal
// there is no progress line, with one (a pseudo-terminal from script(1)) there is; `current` and
// `history -v` group the databases by state.
#include "cli_runner.h"
#include "temp_dir.h"
#include "text_checks.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::CliResult;
using testing::contains;
using testing::write_file;

const char* kPython = "/usr/bin/python3";

std::string name_of(size_t i) {
  char name[16];
  std::snprintf(name, sizeof name, "d%03zu", i);
  return name;
}

class FleetRunTest : public ::testing::Test {
 protected:
  // `n` SQLite databases d000, d001, ... in dbs/, and two revisions; the second fails on `failing`.
  void make_project(size_t n, const std::string& failing = "", const std::string& extra = "") {
    std::string config = "[retort]\nscript_location = \"migrations\"\n";
    for (size_t i = 0; i < n; ++i)
      config += "\n[databases." + name_of(i) + "]\nurl = \"sqlite:///${here}/dbs/" + name_of(i) + ".db\"\n";
    write_file(dir_ / "retort.toml", config + extra);
    fs::create_directories(dir_ / "dbs");
    write_file(dir_ / "migrations/versions/aaaa00000001_r.toml",
               "revision = \"aaaa00000001\"\nmessage = \"account\"\n\n[[upgrade]]\nop = \"create_table\"\n"
               "table = \"account\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n");
    std::string second =
        "revision = \"aaaa00000002\"\ndown_revision = \"aaaa00000001\"\nmessage = \"purchase\"\n\n[[upgrade]]\n"
        "op = \"create_table\"\ntable = \"purchase\"\ncolumns = [{ name = \"id\", type = \"integer\" }]\n";
    if (!failing.empty())
      second += "\n[[upgrade_" + failing + "]]\nop = \"execute\"\nsql = \"INSERT INTO missing VALUES (1)\"\n";
    write_file(dir_ / "migrations/versions/aaaa00000002_r.toml", second);
  }
  CliResult retort(const std::vector<std::string>& args) { return testing::run_retort(dir_.path(), args); }
  std::string rows(const std::string& name) {
    return testing::sqlite_query(dir_ / ("dbs/" + name + ".db"), "SELECT group_concat(version_num) FROM retort_version");
  }
  // What a Python script prints about report.json (loaded as `d`, its "databases" list).
  std::string python(const std::string& code) {
    CliResult r = testing::run_program(
        kPython, dir_.path(), {"-c", "import json\nd = json.load(open('report.json'))['databases']\n" + code});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }

  testing::TempDir dir_;
};

TEST_F(FleetRunTest, OneFailingDatabaseAmong500LeavesTheOthersDone) {
  make_project(500, "d137");
  CliResult r = retort({"-j", "4", "--continue-on-error", "--report", "report.json", "upgrade", "heads"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(rows("d000"), "aaaa00000002");
  EXPECT_EQ(rows("d499"), "aaaa00000002");
  EXPECT_EQ(testing::sqlite_query(dir_ / "dbs/d137.db", "SELECT count(*) FROM sqlite_master WHERE name = 'account'"), "0")
      << "SQLite rolled d137's run back";
  // The summary is grouped, not 500 lines, and quotes the failure's first line.
  EXPECT_TRUE(contains(r.err, "Summary: 499 of 500 databases done (each checked right before it ran)\n"
                              "  499 done\n  1 failed:\n    d137  database 'd137': "))
      << r.err;
  EXPECT_TRUE(contains(r.err, "no such table: missing")) << r.err;
  EXPECT_TRUE(contains(r.err, "error: upgrade failed on 1 of 500 databases\n")) << r.err;
  EXPECT_FALSE(contains(r.err, "d000")) << "a database done is not named";
  EXPECT_FALSE(contains(r.err, "Running upgrade")) << "each database's progress only with -v";
  EXPECT_FALSE(contains(r.err, "\r")) << "no progress line without a terminal";
  EXPECT_FALSE(contains(r.err, "running")) << r.err;

  if (!fs::exists(kPython)) GTEST_SKIP() << kPython << " is needed to read the report back";
  EXPECT_EQ(python("print(len(d), sum(e['outcome'] == 'done' for e in d), [e['name'] for e in d if e['outcome'] == 'failed'])\n"
                   "e = [e for e in d if e['name'] == 'd000'][0]\n"
                   "print(e['revisions'], e['error'], type(e['seconds']).__name__)\n"
                   "f = [e for e in d if e['name'] == 'd137'][0]\n"
                   "print(f['revisions'], 'no such table: missing' in f['error'], f['seconds'] > 0)\n"),
            "500 499 ['d137']\n"
            "['aaaa00000001', 'aaaa00000002'] None float\n"
            "[] True True\n");

  // Run again: nothing to do on 499, the same failure on d137.
  CliResult again = retort({"-j", "2", "--continue-on-error", "--report", "report.json", "upgrade", "heads"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_EQ(python("print(sum(e['revisions'] == [] for e in d), len(d))\n"), "500 500\n");
}

TEST_F(FleetRunTest, AFailureStopsTheRestUnlessContinueOnErrorAndTheSkippedAreCounted) {
  make_project(100, "d037");
  CliResult r = retort({"--report", "report.json", "upgrade", "heads"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "Summary: 37 of 100 databases done (each checked right before it ran)\n  37 done\n"
                              "  1 failed:\n    d037  database 'd037': "))
      << r.err;
  EXPECT_TRUE(contains(r.err, "  62 skipped: not started after database 'd037' failed\n")) << r.err;
  EXPECT_TRUE(contains(r.err, "error: upgrade failed on 1 of 100 databases; 62 not run\n")) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "dbs/d038.db")) << "not started";
  if (!fs::exists(kPython)) GTEST_SKIP() << kPython << " is needed to read the report back";
  EXPECT_EQ(python("print(len(d), [sum(e['outcome'] == o for e in d) for o in ('done', 'failed', 'skipped')])\n"
                   "print(d[99]['error'])\n"),
            "100 [37, 1, 62]\nnot started after database 'd037' failed\n");
}

TEST_F(FleetRunTest, CurrentGroupsTheDatabasesByState) {
  make_project(30, "d007");
  ASSERT_EQ(retort({"--continue-on-error", "upgrade", "heads"}).exit_code, 1);
  ASSERT_EQ(retort({"--engine", "d011", "downgrade", "-1"}).exit_code, 0);
  CliResult r = retort({"current"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "28 databases at aaaa00000002 (head)\n"
            "1 database with no revision applied: d007\n"
            "1 database at aaaa00000001: d011\n");
  EXPECT_TRUE(contains(r.err, "Current revision(s) of 30 of 30 databases, grouped:\n")) << r.err;

  // history -v counts the databases per state of each revision instead of a line per database.
  CliResult history = retort({"history", "-v", "-r", "aaaa00000002:aaaa00000002"});
  EXPECT_EQ(history.exit_code, 0) << history.err;
  EXPECT_TRUE(contains(history.out, "\n    28 databases with it applied\n    1 database without it: d007\n"
                                  "    1 database where it was downgraded: d011\n"))
      << history.out;

  // A few plain databases keep a listing each.
  CliResult few = retort({"--engine", "d000,d011", "current"});
  EXPECT_EQ(few.out, "aaaa00000002 (head)\naaaa00000001\n");
}

TEST_F(FleetRunTest, CheckDbGroupsTheDatabasesWithoutDrift) {
  make_project(25);
  ASSERT_EQ(retort({"-q", "upgrade", "heads"}).exit_code, 0);
  ASSERT_EQ(retort({"-q", "--engine", "d003", "downgrade", "-1"}).exit_code, 0);
  ASSERT_TRUE(testing::sqlite_execute(dir_ / "dbs/d009.db", "CREATE TABLE extra (id integer)"));
  CliResult r = retort({"check", "--db"});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  // The one that drifted is named with its difference; the others are counted by state.
  EXPECT_TRUE(contains(r.err, "database 'd009': the database is not what its revisions")) << r.err;
  EXPECT_FALSE(contains(r.err, "d008")) << r.err;

  ASSERT_TRUE(testing::sqlite_execute(dir_ / "dbs/d009.db", "DROP TABLE extra"));
  CliResult clean = retort({"check", "--db"});
  EXPECT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_EQ(clean.out,
            "No problems found: 2 revisions checked for 25 databases (sqlite)\n"
            "24 databases without drift at aaaa00000002\n"
            "1 database without drift at aaaa00000001, 1 revision behind heads (retort upgrade heads runs them): d003\n");
}

TEST_F(FleetRunTest, WithVerboseEachLineNamesItsDatabase) {
  make_project(25);
  CliResult r = retort({"-v", "-j", "3", "upgrade", "aaaa00000001"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "[d000] Running upgrade  -> aaaa00000001, account\n")) << r.err;
  EXPECT_TRUE(contains(r.err, "[d024] Running upgrade  -> aaaa00000001, account\n")) << r.err;
}

TEST_F(FleetRunTest, TheReportIsWrittenWhenTheRunCannotStartAndHoldsNoPassword) {
  make_project(2, "", "\n[databases.remote]\nurl = \"postgresql://app:s3cretpw@127.0.0.1:1/x\"\n");
  CliResult r = retort({"--continue-on-error", "--report", "report.json", "upgrade", "heads"});
  EXPECT_EQ(r.exit_code, 1);
  ASSERT_TRUE(fs::exists(dir_ / "report.json")) << r.err;
  const std::string report = testing::read_file(dir_ / "report.json");
  EXPECT_FALSE(contains(report, "s3cretpw")) << report;
  EXPECT_TRUE(contains(report, "\"name\": \"remote\", \"outcome\": \"failed\"")) << report;
  EXPECT_TRUE(contains(report, "\"name\": \"d001\", \"outcome\": \"done\"")) << report;

  // A revision file that does not load: every selected database is in the report, failed with that error.
  write_file(dir_ / "migrations/versions/aaaa00000003_r.toml",
             "revision = \"aaaa00000003\"\ndown_revision = \"aaaa00000002\"\nmessage = \"broken\"\n\n[[upgrade]]\nop = \"no_such_op\"\n");
  CliResult broken = retort({"--engine", "d000,d001", "--report", "report.json", "upgrade", "heads"});
  EXPECT_EQ(broken.exit_code, 1);
  if (!fs::exists(kPython)) GTEST_SKIP() << kPython << " is needed to read the report back";
  EXPECT_EQ(python("print([(e['name'], e['outcome'], 'no_such_op' in e['error']) for e in d])\n"),
            "[('d000', 'failed', True), ('d001', 'failed', True)]\n");
}

TEST_F(FleetRunTest, AReportThatCannotBeWrittenStopsTheRunBeforeAnyDatabase) {
  make_project(2);
  CliResult r = retort({"--report", "no/such/folder/report.json", "upgrade", "heads"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "no/such/folder/report.json: cannot write the report")) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "dbs/d000.db"));
}

TEST_F(FleetRunTest, OnATerminalAProgressLineIsDrawnAndCleared) {
  if (!fs::exists("/usr/bin/script")) GTEST_SKIP() << "script(1) gives the pseudo-terminal";
  make_project(30);
  // script(1) runs retort on a pseudo-terminal: stderr is a terminal there.
  CliResult r = testing::run_program("/usr/bin/script", dir_.path(),
                                     {"-qec", std::string("'") + RETORT_BINARY + "' -j 2 upgrade heads", "/dev/null"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "/30 done, 0 failed, ")) << r.out;
  EXPECT_TRUE(contains(r.out, "\r\x1b[K")) << "cleared before the summary";
  EXPECT_TRUE(contains(r.out, "Summary: 30 of 30 databases done")) << r.out;
}

}  // namespace
}  // namespace retort
