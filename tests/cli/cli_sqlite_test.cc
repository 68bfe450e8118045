// End-to-end tests of the retort program on real SQLite files: init, revision, upgrade, downgrade,
// stamp, --sql, listings, failures that must leave the database as it was, and bad input.
#include "cli_runner.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <thread>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::CliResult;
using testing::read_file;
using testing::run_retort;
using testing::sqlite_query;
using testing::TempDir;
using testing::write_file;

const char* kSchemaQuery = "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name";

class CliTest : public ::testing::Test {
 protected:
  TempDir dir;
  fs::path db() const { return dir / "app.db"; }

  void SetUp() override {
    write_file(dir / "retort.toml", "[retort]\nscript_location = \"migrations\"\n\n[databases.main]\nurl = \"sqlite:///app.db\"\n");
    fs::create_directories(dir / "migrations/versions");
  }
  CliResult retort(const std::vector<std::string>& args) { return run_retort(dir.path(), args); }
  void revision(const std::string& id, const std::string& down, const std::string& body, const std::string& extra = "") {
    write_file(dir / ("migrations/versions/" + id + "_r.toml"),
               "revision = \"" + id + "\"\ndown_revision = " + down + "\nmessage = \"rev " + id + "\"\n" + extra + "\n" + body);
  }
  // The sample tree of the repository: a branch (label "audit") and a merge.
  void copy_sample_tree() {
    for (const auto& f : fs::directory_iterator(fs::path(RETORT_SOURCE_DIR) / "migrations/versions"))
      fs::copy_file(f.path(), dir / "migrations/versions" / f.path().filename());
  }
  std::string versions() { return sqlite_query(db(), "SELECT version_num FROM retort_version ORDER BY version_num"); }
  std::string schema() { return sqlite_query(db(), kSchemaQuery); }
};

std::string table(const std::string& name) {
  return "[[upgrade]]\nop = \"create_table\"\ntable = \"" + name +
         "\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n";
}

TEST_F(CliTest, SampleTreeUpgradeDowngradeRoundTrip) {
  copy_sample_tree();
  CliResult up = retort({"upgrade", "heads"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(up.err.find("Running upgrade  -> 1975ea83b712, create account table"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("Running upgrade ae1027a6acf0, 27c6a30d7c24 -> 3adcc9a56557, merge email and audit"),
            std::string::npos)
      << up.err;
  EXPECT_EQ(versions(), "4b1ae634e5cd");
  EXPECT_EQ(sqlite_query(db(), "SELECT name FROM account"), "retort demo");
  EXPECT_NE(schema().find("\"order\""), std::string::npos);

  CliResult current = retort({"current"});
  EXPECT_EQ(current.out, "4b1ae634e5cd (head)\n");  // as Alembic's `current`: no labels

  CliResult down = retort({"downgrade", "base"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(versions(), "");
  EXPECT_EQ(sqlite_query(db(), "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"),
            "retort_history\nretort_version");

  ASSERT_EQ(retort({"upgrade", "heads"}).exit_code, 0);
  EXPECT_EQ(versions(), "4b1ae634e5cd");
}

TEST_F(CliTest, PartialDowngradeOfOneBranch) {
  copy_sample_tree();
  ASSERT_EQ(retort({"upgrade", "ae1027a6acf0"}).exit_code, 0);
  ASSERT_EQ(retort({"upgrade", "audit@head"}).exit_code, 0) << "audit@head is the merge's descendant";
  ASSERT_EQ(retort({"downgrade", "3adcc9a56557"}).exit_code, 0);
  EXPECT_EQ(versions(), "3adcc9a56557");
  // One step down from the merge undoes the merge alone (DESIGN §5; Alembic says "Ambiguous walk").
  CliResult r = retort({"downgrade", "-1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(versions(), "27c6a30d7c24\nae1027a6acf0");
  // LABEL@REV reverts that branch only, down to REV.
  r = retort({"downgrade", "audit@1975ea83b712"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(versions(), "ae1027a6acf0");
  EXPECT_EQ(sqlite_query(db(), "SELECT count(*) FROM sqlite_master WHERE name = 'audit_log'"), "0");
  EXPECT_EQ(sqlite_query(db(), "SELECT count(*) FROM sqlite_master WHERE name = 'account'"), "1");
}

// Alembic 1.8.1 with these files: `downgrade audit@base` from (27c6a30d7c24, ae1027a6acf0) runs
// "-27c6a30d7c24 -ae1027a6acf0 -1975ea83b712": a label's base is the base of its whole lineage, which here is
// the tree's root, shared with the other branch.
TEST_F(CliTest, LabelBaseRevertsTheLabelsWholeLineage) {
  copy_sample_tree();
  ASSERT_EQ(retort({"upgrade", "27c6a30d7c24"}).exit_code, 0);
  ASSERT_EQ(retort({"upgrade", "ae1027a6acf0"}).exit_code, 0);
  CliResult r = retort({"downgrade", "audit@base"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(versions(), "");
  EXPECT_NE(r.err.find("Running downgrade 27c6a30d7c24 -> 1975ea83b712"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Running downgrade 1975ea83b712 -> ,"), std::string::npos) << r.err;
}

// Issue 12's cases, each checked against Alembic 1.8.1 on the same files.
TEST_F(CliTest, OfflineScriptsFollowAlembic) {
  revision("a0001", "\"\"", "");
  revision("b0001", "\"\"", "", "branch_labels = [\"feature-x\"]");
  revision("c0001", "\"b0001\"", "", "depends_on = [\"a0001\"]");
  // The step comment lists the down_revisions only, never depends_on.
  CliResult up = retort({"upgrade", "base:heads", "--sql"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(up.out.find("-- Running upgrade b0001 -> c0001"), std::string::npos) << up.out;
  // An offline script cannot know where the database is.
  CliResult current = retort({"upgrade", "current:heads", "--sql"});
  EXPECT_EQ(current.exit_code, 1);
  EXPECT_NE(current.err.find("'current'"), std::string::npos) << current.err;
  EXPECT_EQ(current.out, "");
  // A downgrade to base drops the version table, as Alembic's scripts do.
  CliResult down = retort({"downgrade", "c0001:base", "--sql"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_NE(down.out.find("DROP TABLE \"retort_version\""), std::string::npos) << down.out;
  // stamp --purge cannot be scripted.
  EXPECT_EQ(retort({"stamp", "a0001", "--sql", "--purge"}).exit_code, 1);
  EXPECT_FALSE(fs::exists(db()));
}

TEST_F(CliTest, LabelsWithDashesPrefixesAndSeveralStampTargets) {
  revision("a0001", "\"\"", "", "branch_labels = [\"feature-x\"]");
  revision("a0002", "\"a0001\"", "");
  revision("b0001", "\"\"", "", "branch_labels = [\"expand\"]");
  ASSERT_EQ(retort({"upgrade", "feature-x@head"}).exit_code, 0);
  EXPECT_EQ(versions(), "a0002");
  ASSERT_EQ(retort({"upgrade", "expa"}).exit_code, 0) << "a unique prefix of a label";
  EXPECT_EQ(versions(), "a0002\nb0001");
  // As Alembic: every row on the destinations' lines moves to the first destination on them, so from
  // (a0002, b0001) this leaves a0001 alone; from nothing, it stamps both.
  ASSERT_EQ(retort({"stamp", "a0001", "b0001"}).exit_code, 0);
  EXPECT_EQ(versions(), "a0001");
  ASSERT_EQ(retort({"stamp", "base"}).exit_code, 0);
  ASSERT_EQ(retort({"stamp", "a0001", "b0001"}).exit_code, 0);
  EXPECT_EQ(versions(), "a0001\nb0001");
  ASSERT_EQ(retort({"downgrade", "feature-x@-1"}).exit_code, 0);
  EXPECT_EQ(versions(), "b0001");
  CliResult current = retort({"current"});
  EXPECT_EQ(current.out, "b0001 (head)\n");
}

TEST_F(CliTest, OverlappingVersionRowsAreRefusedNamingThem) {
  revision("a0001", "\"\"", "");
  revision("a0002", "\"a0001\"", "");
  revision("a0003", "\"a0002\"", "");
  ASSERT_EQ(retort({"upgrade", "a0002"}).exit_code, 0);
  ASSERT_TRUE(testing::sqlite_execute(db(), "INSERT INTO retort_version VALUES ('a0001')"));
  CliResult r = retort({"upgrade", "heads"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("a0001"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("a0002"), std::string::npos) << r.err;
  EXPECT_EQ(versions(), "a0001\na0002") << "never silently rewritten";
}

TEST_F(CliTest, AmbiguousRelativeStepIsRefusedWithAlternatives) {
  copy_sample_tree();
  ASSERT_EQ(retort({"upgrade", "1975ea83b712"}).exit_code, 0);
  CliResult r = retort({"upgrade", "+1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("ambiguous"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("audit@+1"), std::string::npos) << r.err;
  EXPECT_EQ(versions(), "1975ea83b712");
}

TEST_F(CliTest, FailingMigrationLeavesDatabaseAsItWas) {
  revision("aaaa0001", "\"\"", table("first"));
  ASSERT_EQ(retort({"upgrade", "heads"}).exit_code, 0);
  std::string before = schema();
  revision("bbbb0002", "\"aaaa0001\"", table("second"));
  revision("cccc0003", "\"bbbb0002\"", table("third") + "[[upgrade]]\nop = \"execute\"\nsql = \"INSERT INTO missing_table VALUES (1)\"\n");
  CliResult r = retort({"upgrade", "heads"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cccc0003_r.toml:9: upgrade cccc0003, operation 'execute'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no such table: missing_table"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("statement: INSERT INTO missing_table"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("rolled back"), std::string::npos) << r.err;
  EXPECT_EQ(schema(), before);
  EXPECT_EQ(versions(), "aaaa0001");
}

TEST_F(CliTest, TransactionPerMigrationKeepsCompletedSteps) {
  write_file(dir / "retort.toml",
             "[retort]\nscript_location = \"migrations\"\ntransaction_per_migration = true\n\n[databases.main]\nurl = \"sqlite:///app.db\"\n");
  revision("aaaa0001", "\"\"", table("first"));
  revision("bbbb0002", "\"aaaa0001\"", table("second"));
  revision("cccc0003", "\"bbbb0002\"", table("third") + "[[upgrade]]\nop = \"execute\"\nsql = \"SELECT * FROM nope\"\n");
  CliResult r = retort({"upgrade", "heads"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(versions(), "bbbb0002");
  EXPECT_EQ(sqlite_query(db(), "SELECT count(*) FROM sqlite_master WHERE name IN ('first','second','third')"), "2");
}

TEST_F(CliTest, PerMigrationModeStopsWhenTheVersionTableChangesUnderIt) {
  write_file(dir / "retort.toml",
             "[retort]\nscript_location = \"migrations\"\ntransaction_per_migration = true\n\n[databases.main]\nurl = \"sqlite:///app.db\"\n");
  // The first migration plays "another retort": it writes a row of its own into the version table.
  revision("aaaa0001", "\"\"", table("first") + "[[upgrade]]\nop = \"execute\"\nsql = \"INSERT INTO retort_version VALUES ('bbbb0002')\"\n[[downgrade]]\nop = \"drop_table\"\ntable = \"first\"\n");
  revision("bbbb0002", "\"aaaa0001\"", table("second"));
  CliResult r = retort({"upgrade", "heads"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("retort_version changed while this run was going on"), std::string::npos) << r.err;
  EXPECT_EQ(sqlite_query(db(), "SELECT count(*) FROM sqlite_master WHERE name = 'second'"), "0");
}

// The deterministic form of two runs taking turns: the first migration plays "another retort" that applied
// the second one meanwhile (its table and its version row, through a trigger on the version row). The run
// finds the version table where its own plan would have put it after the second migration, and goes on
// with the third instead of failing or applying the second twice.
TEST_F(CliTest, PerMigrationModeGoesOnAfterWhatAnotherRunApplied) {
  write_file(dir / "retort.toml",
             "[retort]\nscript_location = \"migrations\"\ntransaction_per_migration = true\n\n[databases.main]\nurl = \"sqlite:///app.db\"\n");
  revision("aaaa0001", "\"\"",
           table("first") + "[[upgrade]]\nop = \"execute\"\nsql = \"CREATE TABLE second (id INTEGER PRIMARY KEY)\"\n"
                            "[[upgrade]]\nop = \"execute\"\nsql = \"CREATE TRIGGER other_run AFTER INSERT ON retort_version "
                            "WHEN NEW.version_num = 'aaaa0001' BEGIN UPDATE retort_version SET version_num = 'bbbb0002'; END\"\n"
                            "[[downgrade]]\nop = \"drop_table\"\ntable = \"first\"\n");
  revision("bbbb0002", "\"aaaa0001\"", table("second"));
  revision("cccc0003", "\"bbbb0002\"", table("third"));
  CliResult r = retort({"upgrade", "heads"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("Running upgrade aaaa0001 -> bbbb0002"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Running upgrade bbbb0002 -> cccc0003"), std::string::npos) << r.err;
  EXPECT_EQ(versions(), "cccc0003");
}

// `check` is the CI gate: what only the live database makes possible (SQLite's table rebuilds for
// alter_column and constraints) is not a problem, and every real problem is reported at once.
TEST_F(CliTest, CheckAcceptsWhatSqliteDoesOnlineAndReportsEveryRealProblem) {
  revision("a0001", "\"\"", table("account") +
                                 "[[upgrade]]\nop = \"add_column\"\ntable = \"account\"\ncolumn = { name = \"email\", type = \"string(80)\" }\n");
  revision("a0002", "\"a0001\"",
           "[[upgrade]]\nop = \"create_unique_constraint\"\nname = \"uq_account_email\"\ntable = \"account\"\ncolumns = [\"email\"]\n"
           "[[upgrade]]\nop = \"alter_column\"\ntable = \"account\"\ncolumn = \"email\"\nnullable = false\n");
  CliResult ok = retort({"check"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("No problems found"), std::string::npos) << ok.out;
  // It really works online.
  ASSERT_EQ(retort({"upgrade", "heads"}).exit_code, 0);

  // Two misspelt types in two files and an unknown operation: all three at once.
  revision("a0003", "\"a0002\"",
           "[[upgrade]]\nop = \"add_column\"\ntable = \"account\"\ncolumn = { name = \"age\", type = \"intger\" }\n"
           "[[upgrade]]\nop = \"craete_table\"\ntable = \"x\"\n");
  revision("a0004", "\"a0003\"",
           "[[upgrade]]\nop = \"alter_column\"\ntable = \"account\"\ncolumn = \"email\"\ntype = \"strng(40)\"\n");
  CliResult bad = retort({"check"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("unknown type 'intger'"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("did you mean 'integer'"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("unknown type 'strng(40)'"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("unknown operation 'craete_table'"), std::string::npos) << bad.err;
  // Native types close to generic names are still fine.
  revision("a0003", "\"a0002\"",
           "[[upgrade]]\nop = \"add_column\"\ntable = \"account\"\ncolumn = { name = \"doc\", type = { postgresql = \"jsonb\", default = \"text\" } }\n");
  revision("a0004", "\"a0003\"", "[[upgrade]]\nop = \"add_column\"\ntable = \"account\"\ncolumn = { name = \"ratio\", type = \"float8\" }\n");
  CliResult fine = retort({"check"});
  EXPECT_EQ(fine.exit_code, 0) << fine.err;
}

TEST_F(CliTest, OfflineSqlWritesAScriptAndTouchesNothing) {
  copy_sample_tree();
  CliResult r = retort({"upgrade", "ae1027a6acf0", "--sql"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(db()));
  EXPECT_NE(r.out.find("CREATE TABLE \"retort_version\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("-- Running upgrade  -> 1975ea83b712"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("-- Running upgrade 1975ea83b712 -> ae1027a6acf0"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("UPDATE \"retort_version\" SET version_num='ae1027a6acf0' WHERE version_num = '1975ea83b712';"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("COMMIT;"), std::string::npos);

  CliResult ranged = retort({"upgrade", "ae1027a6acf0:heads", "--sql"});
  ASSERT_EQ(ranged.exit_code, 0) << ranged.err;
  EXPECT_EQ(ranged.out.find("-- Running upgrade  -> 1975ea83b712"), std::string::npos);
  EXPECT_NE(ranged.out.find("-- Running upgrade ae1027a6acf0, 27c6a30d7c24 -> 3adcc9a56557"), std::string::npos);

  CliResult down = retort({"downgrade", "4b1ae634e5cd:3adcc9a56557", "--sql"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_NE(down.out.find("-- Running downgrade 4b1ae634e5cd -> 3adcc9a56557"), std::string::npos) << down.out;
  EXPECT_NE(down.out.find("DROP TABLE \"order\""), std::string::npos);

  CliResult tagged = retort({"upgrade", "heads", "--sql", "--tag", "release-7"});
  EXPECT_NE(tagged.out.find("-- tag: release-7"), std::string::npos);

  EXPECT_EQ(retort({"downgrade", "base", "--sql"}).exit_code, 1);
  EXPECT_EQ(retort({"upgrade", "a:b"}).exit_code, 1);
  EXPECT_FALSE(fs::exists(db()));
}

TEST_F(CliTest, OfflineScriptRunsInTheSqliteShell) {
  copy_sample_tree();
  CliResult r = retort({"upgrade", "heads", "--sql"});
  ASSERT_EQ(r.exit_code, 0);
  write_file(dir / "script.sql", r.out);
  ASSERT_EQ(std::system(("sqlite3 " + (dir / "shell.db").string() + " < " + (dir / "script.sql").string()).c_str()), 0);
  EXPECT_EQ(sqlite_query(dir / "shell.db", "SELECT version_num FROM retort_version"), "4b1ae634e5cd");
}

TEST_F(CliTest, StampAndPurge) {
  copy_sample_tree();
  ASSERT_EQ(retort({"stamp", "heads"}).exit_code, 0);
  EXPECT_EQ(versions(), "4b1ae634e5cd");
  EXPECT_EQ(sqlite_query(db(), "SELECT count(*) FROM sqlite_master WHERE name = 'account'"), "0");
  ASSERT_EQ(retort({"stamp", "ae1027a6acf0"}).exit_code, 0);
  EXPECT_EQ(versions(), "ae1027a6acf0");
  ASSERT_EQ(retort({"stamp", "27c6a30d7c24"}).exit_code, 0);
  EXPECT_EQ(versions(), "27c6a30d7c24\nae1027a6acf0");
  // A row the revision files do not know: only --purge gets past it.
  ASSERT_EQ(std::system(("sqlite3 " + db().string() + " \"INSERT INTO retort_version VALUES ('deadbeef0000')\"").c_str()), 0);
  CliResult refused = retort({"stamp", "heads"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("'deadbeef0000', which is not in the revision files"), std::string::npos) << refused.err;
  ASSERT_EQ(retort({"stamp", "1975ea83b712", "--purge"}).exit_code, 0);
  EXPECT_EQ(versions(), "1975ea83b712");
  ASSERT_EQ(retort({"stamp", "base"}).exit_code, 0);
  EXPECT_EQ(versions(), "");
}

TEST_F(CliTest, ListingsLookLikeAlembic) {
  copy_sample_tree();
  CliResult heads = retort({"heads"});
  EXPECT_EQ(heads.out, "4b1ae634e5cd (audit) (head)\n");
  CliResult history = retort({"history"});
  EXPECT_EQ(history.exit_code, 0);
  EXPECT_NE(history.out.find("<base> -> 1975ea83b712 (branchpoint), create account table\n"), std::string::npos)
      << history.out;
  EXPECT_NE(history.out.find("ae1027a6acf0, 27c6a30d7c24 -> 3adcc9a56557 (audit) (mergepoint), merge email and audit"),
            std::string::npos)
      << history.out;
  EXPECT_EQ(history.out.find("3adcc9a56557 -> 4b1ae634e5cd"), 0u) << "newest first: " << history.out;

  CliResult range = retort({"history", "-r", "ae1027a6acf0:3adcc9a56557"});
  EXPECT_EQ(range.out, "ae1027a6acf0, 27c6a30d7c24 -> 3adcc9a56557 (audit) (mergepoint), merge email and audit\n"
                       "1975ea83b712 -> ae1027a6acf0, add account email\n");
  EXPECT_EQ(retort({"history", "-r", "3adcc9a56557:ae1027a6acf0"}).exit_code, 1);

  ASSERT_EQ(retort({"upgrade", "ae10"}).exit_code, 0);
  CliResult indicated = retort({"history", "-i", "-r", "1975:ae10"});
  EXPECT_NE(indicated.out.find("1975ea83b712 -> ae1027a6acf0 (current), add account email"), std::string::npos)
      << indicated.out;

  CliResult branches = retort({"branches"});
  EXPECT_EQ(branches.out, "1975ea83b712 (branchpoint)\n"
                          "             -> 27c6a30d7c24 (audit)\n"
                          "             -> ae1027a6acf0\n\n");
  CliResult show = retort({"show", "3adc"});
  EXPECT_NE(show.out.find("Rev: 3adcc9a56557 (mergepoint)\nMerges: ae1027a6acf0, 27c6a30d7c24\n"), std::string::npos)
      << show.out;
  EXPECT_NE(show.out.find("Path: migrations/versions/3adcc9a56557_merge_email_and_audit.toml"), std::string::npos);
  CliResult verbose_current = retort({"current", "-v"});
  EXPECT_NE(verbose_current.out.find("Rev: ae1027a6acf0"), std::string::npos);
}

TEST_F(CliTest, InitRevisionMergeWorkflow) {
  TempDir fresh;
  ASSERT_EQ(run_retort(fresh.path(), {"init"}).exit_code, 0);
  EXPECT_TRUE(fs::exists(fresh / "retort.toml"));
  EXPECT_TRUE(fs::is_directory(fresh / "migrations/versions"));
  EXPECT_EQ(run_retort(fresh.path(), {"init"}).exit_code, 1) << "must not overwrite";

  CliResult first = run_retort(fresh.path(), {"revision", "-m", "first one", "--rev-id", "aaaa00000001"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.err.find("Generating"), std::string::npos);
  EXPECT_TRUE(fs::exists(fresh / "migrations/versions/aaaa00000001_first_one.toml"));
  ASSERT_EQ(run_retort(fresh.path(), {"revision", "-m", "left", "--rev-id", "bbbb00000002"}).exit_code, 0);
  CliResult splice = run_retort(fresh.path(), {"revision", "-m", "right", "--head", "aaaa00000001", "--rev-id", "cccc00000003"});
  EXPECT_EQ(splice.exit_code, 1);
  EXPECT_NE(splice.err.find("--splice"), std::string::npos);
  ASSERT_EQ(run_retort(fresh.path(), {"revision", "-m", "right", "--head", "aaaa00000001", "--splice", "--rev-id",
                                      "cccc00000003", "--branch-label", "right"})
                .exit_code,
            0);
  CliResult two_heads = run_retort(fresh.path(), {"revision", "-m", "more"});
  EXPECT_EQ(two_heads.exit_code, 1);
  EXPECT_NE(two_heads.err.find("several heads"), std::string::npos) << two_heads.err;
  CliResult merge = run_retort(fresh.path(), {"merge", "heads", "-m", "join", "--rev-id", "dddd00000004"});
  ASSERT_EQ(merge.exit_code, 0) << merge.err;
  EXPECT_EQ(run_retort(fresh.path(), {"heads"}).out, "dddd00000004 (right) (head)\n");
  CliResult up = run_retort(fresh.path(), {"upgrade", "heads"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(sqlite_query(fresh / "app.db", "SELECT version_num FROM retort_version"), "dddd00000004");

  TempDir multi;
  ASSERT_EQ(run_retort(multi.path(), {"init", "db", "--template", "multidb"}).exit_code, 0);
  ASSERT_EQ(run_retort(multi.path(), {"revision", "-m", "x", "--rev-id", "eeee00000001"}).exit_code, 0);
  // An analytics-only table, in the section the template's comments describe.
  write_file(multi / "db/versions/eeee00000001_x.toml",
             read_file(multi / "db/versions/eeee00000001_x.toml") +
                 "\n[[upgrade_analytics]]\nop = \"create_table\"\ntable = \"daily\"\n"
                 "columns = [{ name = \"day\", type = \"date\", primary_key = true }]\n");
  CliResult checked = run_retort(multi.path(), {"check"});
  EXPECT_EQ(checked.exit_code, 0) << checked.err;
  EXPECT_EQ(checked.out, "No problems found: 1 revisions checked for main (sqlite), analytics (sqlite)\n");
  CliResult both = run_retort(multi.path(), {"upgrade", "heads"});
  ASSERT_EQ(both.exit_code, 0) << both.err;
  EXPECT_EQ(sqlite_query(multi / "main.db", "SELECT version_num FROM retort_version"), "eeee00000001");
  EXPECT_EQ(sqlite_query(multi / "analytics.db", "SELECT version_num FROM retort_version"), "eeee00000001");
  EXPECT_EQ(sqlite_query(multi / "analytics.db", "SELECT count(*) FROM sqlite_master WHERE name = 'daily'"), "1");
  EXPECT_EQ(sqlite_query(multi / "main.db", "SELECT count(*) FROM sqlite_master WHERE name = 'daily'"), "0");
  CliResult one = run_retort(multi.path(), {"--engine", "main", "downgrade", "base"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(sqlite_query(multi / "main.db", "SELECT count(*) FROM retort_version"), "0");
  EXPECT_EQ(sqlite_query(multi / "analytics.db", "SELECT version_num FROM retort_version"), "eeee00000001");
}

TEST_F(CliTest, BadInputChangesNothing) {
  revision("aaaa0001", "\"\"", table("first"));
  ASSERT_EQ(retort({"upgrade", "heads"}).exit_code, 0);
  std::string before = schema();

  revision("bbbb0002", "\"aaaa0001\"", table("second"));
  write_file(dir / "migrations/versions/cccc0003_r.toml", "revision = \"cccc0003\"\ndown_revision = \"bbbb0002\"\nmessage = \"x\n");
  CliResult malformed = retort({"upgrade", "heads"});
  EXPECT_EQ(malformed.exit_code, 1);
  EXPECT_NE(malformed.err.find("cccc0003_r.toml:3"), std::string::npos) << malformed.err;

  revision("cccc0003", "\"bbbb0002\"", "[[upgrade]]\nop = \"create_tabel\"\ntable = \"x\"\n");
  CliResult unknown_op = retort({"upgrade", "heads"});
  EXPECT_EQ(unknown_op.exit_code, 1);
  EXPECT_NE(unknown_op.err.find("cccc0003_r.toml:6: unknown operation 'create_tabel'"), std::string::npos)
      << unknown_op.err;
  EXPECT_NE(unknown_op.err.find("did you mean 'create_table'"), std::string::npos);

  revision("cccc0003", "\"bbbb0002\"", "[[upgrade]]\nop = \"execute\"\nsql = { postgresql = \"SELECT 1\" }\n");
  CliResult variant = retort({"upgrade", "heads"});
  EXPECT_EQ(variant.exit_code, 1);
  EXPECT_NE(variant.err.find("no variant for dialect 'sqlite'"), std::string::npos) << variant.err;

  revision("cccc0003", "\"bbbb0002\"", "[[upgrade_mian]]\nop = \"execute\"\nsql = \"SELECT 1\"\n");
  CliResult section = retort({"upgrade", "heads"});
  EXPECT_EQ(section.exit_code, 1);
  EXPECT_NE(section.err.find("cccc0003_r.toml:5: [[upgrade_mian]] names no configured database 'mian'"), std::string::npos)
      << section.err;
  EXPECT_NE(section.err.find("did you mean [[upgrade_main]]"), std::string::npos) << section.err;

  revision("cccc0003", "\"bbbb0002\"", "", "depends_on = [\"nothere\"]\n");
  CliResult dangling = retort({"upgrade", "heads"});
  EXPECT_EQ(dangling.exit_code, 1);
  EXPECT_NE(dangling.err.find("depends_on 'nothere'"), std::string::npos) << dangling.err;

  revision("cccc0003", "\"cccc0003\"", "");
  EXPECT_EQ(retort({"upgrade", "heads"}).exit_code, 1);

  EXPECT_EQ(schema(), before);
  EXPECT_EQ(versions(), "aaaa0001");
}

TEST_F(CliTest, DowngradeOfIrreversibleRevisionIsRefusedBeforeAnythingRuns) {
  revision("aaaa0001", "\"\"", table("first"));
  revision("bbbb0002", "\"aaaa0001\"", "[[upgrade]]\nop = \"execute\"\nsql = \"INSERT INTO first VALUES (1)\"\n");
  ASSERT_EQ(retort({"upgrade", "heads"}).exit_code, 0);
  CliResult r = retort({"downgrade", "base"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bbbb0002_r.toml:5"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("cannot be undone automatically"), std::string::npos) << r.err;
  EXPECT_EQ(versions(), "bbbb0002");
}

TEST_F(CliTest, CommandLineErrorsExitWithTwo) {
  EXPECT_EQ(retort({"bogus"}).exit_code, 2);
  EXPECT_EQ(retort({"upgrade"}).exit_code, 2);
  EXPECT_EQ(retort({"upgrade", "heads", "--nope"}).exit_code, 2);
  EXPECT_EQ(retort({"--help"}).exit_code, 0);
  CliResult help = retort({"upgrade", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--sql"), std::string::npos);
}

TEST_F(CliTest, ConfigProblemsAreClear) {
  CliResult engine = retort({"--engine", "nope", "current"});
  EXPECT_EQ(engine.exit_code, 1);
  EXPECT_NE(engine.err.find("configured databases: main"), std::string::npos) << engine.err;

  write_file(dir / "retort.toml", "[databases.main]\nurl = \"postgresql://app:hunter2@127.0.0.1:1/x\"\n[databases.other]\nurl = \"mysql://u:${NOPE_PW}@h/d\"\n");
  CliResult missing_var = retort({"current"});
  EXPECT_EQ(missing_var.exit_code, 1);
  EXPECT_NE(missing_var.err.find("'NOPE_PW' is not set"), std::string::npos) << missing_var.err;

  CliResult no_dialect = run_retort(dir.path(), {"--engine", "main", "current"}, {"NOPE_PW=x"});
  EXPECT_EQ(no_dialect.exit_code, 1);
  EXPECT_NE(no_dialect.err.find("postgresql://app:***@127.0.0.1:1/x"), std::string::npos) << no_dialect.err;
  EXPECT_EQ(no_dialect.err.find("hunter2"), std::string::npos) << no_dialect.err;

  EXPECT_EQ(run_retort(dir.path(), {"-c", "missing.toml", "heads"}).exit_code, 1);
}

TEST_F(CliTest, ConfigThatIsAFolderIsNamed) {
  fs::create_directories(dir / "conf.toml");
  CliResult r = retort({"-c", "conf.toml", "current"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("conf.toml: is a folder, not a file"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("no database is configured"), std::string::npos) << r.err;
}

TEST_F(CliTest, XWithoutAValueIsACommandLineError) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"-x", "DBFILE", "upgrade", "heads"},
                                                std::vector<std::string>{"-x", "=x.db", "upgrade", "heads"}}) {
    CliResult r = retort(args);
    EXPECT_EQ(r.exit_code, 2) << args[1] << "\n" << r.err;
    EXPECT_NE(r.err.find("-x: takes KEY=VALUE"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(db())) << "nothing runs";
  }
}

TEST_F(CliTest, EmptyVariableTakesItsDefault) {
  // CI sets a secret it does not have to "", not unset.
  write_file(dir / "retort.toml", "[retort]\nscript_location = \"migrations\"\n\n[databases.main]\n"
                                  "url = \"${DATABASE_URL:-sqlite:///fallback.db}\"\n");
  revision("aaaa0001", "\"\"", table("first"));
  CliResult r = run_retort(dir.path(), {"upgrade", "heads"}, {"DATABASE_URL="});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(sqlite_query(dir / "fallback.db", "SELECT version_num FROM retort_version"), "aaaa0001");
}

TEST_F(CliTest, AlembicVersionTableAndXVariables) {
  write_file(dir / "retort.toml",
             "[retort]\nscript_location = \"migrations\"\n\n[databases.main]\nurl = \"sqlite:///${DBFILE}\"\n"
             "version_table = \"alembic_version\"\n");
  revision("aaaa0001", "\"\"", table("first"));
  CliResult r = retort({"-x", "DBFILE=adopted.db", "upgrade", "heads"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(sqlite_query(dir / "adopted.db", "SELECT version_num FROM alembic_version"), "aaaa0001");
  EXPECT_NE(sqlite_query(dir / "adopted.db", "SELECT sql FROM sqlite_master WHERE name = 'alembic_version'")
                .find("version_num VARCHAR(32) NOT NULL, CONSTRAINT \"alembic_version_pkc\" PRIMARY KEY (version_num)"),
            std::string::npos);
  CliResult missing = retort({"upgrade", "heads"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("'DBFILE' is not set"), std::string::npos) << missing.err;
}

TEST_F(CliTest, ConcurrentRunsApplyEachRevisionOnce) {
  copy_sample_tree();
  std::vector<CliResult> results(4);
  std::vector<std::thread> runs;
  for (auto& r : results) runs.emplace_back([&] { r = retort({"upgrade", "heads"}); });
  for (auto& t : runs) t.join();
  int ran_migrations = 0;
  for (const auto& r : results) {
    EXPECT_EQ(r.exit_code, 0) << r.err;
    if (r.err.find("Running upgrade") != std::string::npos) ++ran_migrations;
  }
  EXPECT_EQ(ran_migrations, 1) << "exactly one run applies the revisions, the others find nothing to do";
  EXPECT_EQ(versions(), "4b1ae634e5cd");
}

// With a transaction per migration, SQLite's write lock is let go between two migrations, so concurrent
// runs take turns: each waits, finds what the others applied meanwhile, and goes on from there; every
// revision still runs exactly once.
TEST_F(CliTest, ConcurrentRunsTakeTurnsWithATransactionPerMigration) {
  write_file(dir / "retort.toml",
             "[retort]\nscript_location = \"migrations\"\ntransaction_per_migration = true\n\n[databases.main]\nurl = \"sqlite:///app.db\"\n");
  // Twelve revisions that each take a while (a counting query), so that the runs interleave.
  const std::string slow = "[[upgrade]]\nop = \"execute\"\nsql = \"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 "
                           "FROM c WHERE x < 20000) SELECT count(*) FROM c\"\n";
  std::string down = "\"\"";
  for (int i = 1; i <= 12; ++i) {
    std::string id = "cc" + std::string(i < 10 ? "0" : "") + std::to_string(i) + "0000";
    revision(id, down, table("t" + std::to_string(i)) + slow);
    down = "\"" + id + "\"";
  }
  std::vector<CliResult> results(10);
  std::vector<std::thread> runs;
  for (auto& r : results) runs.emplace_back([&] { r = retort({"upgrade", "heads"}); });
  for (auto& t : runs) t.join();
  std::map<std::string, int> applied;
  for (const auto& r : results) {
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::istringstream lines(r.err);
    for (std::string line; std::getline(lines, line);)
      if (line.rfind("Running upgrade", 0) == 0) ++applied[line];
  }
  EXPECT_EQ(applied.size(), 12u);
  for (const auto& [line, times] : applied) EXPECT_EQ(times, 1) << line;
  EXPECT_EQ(versions(), "cc120000");
}

TEST_F(CliTest, PluginsListsTheSqlitePlugin) {
  CliResult r = retort({"plugins"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("sqlite 0.1.0 (ABI 1.3)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("retort_sqlite.so"), std::string::npos);

  // A plugin built for ABI 1.0 loads in this 1.3 host, and what 1.1 added is not read from it.
  CliResult old = run_retort(dir.path(), {"plugins"}, {"RETORT_PLUGIN_PATH=" RETORT_TEST_PLUGIN_ROOT "/abi_1_0"});
  ASSERT_EQ(old.exit_code, 0) << old.err;
  EXPECT_NE(old.out.find("ctest 1.2.3 (ABI 1.0): a plugin written in C\n"), std::string::npos) << old.out;
  EXPECT_NE(old.out.find("    dialect: cdemo\n"), std::string::npos) << old.out;
  CliResult current = run_retort(dir.path(), {"plugins"}, {"RETORT_PLUGIN_PATH=" RETORT_TEST_PLUGIN_ROOT "/good"});
  EXPECT_NE(current.out.find("    dialect: cdemo (speaks sqlite)\n"), std::string::npos) << current.out;

  CliResult bad = run_retort(dir.path(), {"plugins"}, {"RETORT_PLUGIN_PATH=" RETORT_TEST_PLUGIN_ROOT "/bad_major"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("built for plugin ABI 2.0"), std::string::npos) << bad.err;
  CliResult blocked = run_retort(dir.path(), {"upgrade", "heads"}, {"RETORT_PLUGIN_PATH=" RETORT_TEST_PLUGIN_ROOT "/bad_major"});
  EXPECT_EQ(blocked.exit_code, 1);
  EXPECT_FALSE(fs::exists(db()));
}

}  // namespace
}  // namespace retort
