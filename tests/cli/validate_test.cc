// `validate`, `repair` and the validation before upgrade and downgrade (DESIGN.md §6) on each native backend:
// comment and line-ending edits of an applied revision pass, an operation edit or a deleted applied file is
// named, upgrade refuses (changing nothing) unless validate_on_migrate = false, repair records the new
// checksum as a history row, an adopted database has no checksums and says so, and `history -v` shows when
// and by which tag each revision was applied.
#include "cli_runner.h"
#include "live_database.h"
#include "temp_dir.h"
#include "text_checks.h"

#include <gtest/gtest.h>

#include <regex>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::Backend;
using testing::CliResult;
using testing::contains;
using testing::LiveDatabase;

const std::string kA1Body =
    "[[upgrade]]\nop = \"create_table\"\ntable = \"t\"\n"
    "columns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n\n"
    "[[upgrade]]\nop = \"add_column\"\ntable = \"t\"\ncolumn = { name = \"v\", type = \"integer\" }\n";

class ValidateTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    RETORT_REQUIRE_BACKEND(GetParam());
    db_ = std::make_unique<LiveDatabase>(GetParam(), "validate");
    configure("");
    revision("a1", "", kA1Body);
    revision("b2", "a1", "[[upgrade]]\nop = \"create_table\"\ntable = \"u\"\n"
                         "columns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n");
  }
  void configure(const std::string& retort_lines, const std::string& database_lines = "") {
    testing::write_project(project_.path(), "url = \"" + db_->url() + "\"\n" + database_lines, retort_lines);
  }
  fs::path file(const std::string& id) { return project_.path() / "migrations" / "versions" / (id + "_r.toml"); }
  void revision(const std::string& id, const std::string& down, const std::string& body) {
    testing::write_file(file(id), "revision = \"" + id + "\"\ndown_revision = \"" + down + "\"\nmessage = \"" + id +
                                      "\"\n\n" + body);
  }
  CliResult retort(const std::vector<std::string>& args) { return testing::run_retort(project_.path(), args); }
  void ok(const std::vector<std::string>& args) {
    CliResult r = retort(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::string version_rows() { return db_->query("SELECT version_num FROM retort_version ORDER BY version_num"); }
  // revision|direction|success per row, oldest first.
  std::string history() {
    return db_->query("SELECT revision, direction, success FROM retort_history ORDER BY id");
  }
  // a1 changes what it does: its second operation adds another column.
  void edit_a1_operation() {
    std::string text = testing::read_file(file("a1"));
    text.replace(text.find("name = \"v\""), 10, "name = \"w\"");
    testing::write_file(file("a1"), text);
  }

  std::unique_ptr<LiveDatabase> db_;
  testing::TempDir project_;
};

TEST_P(ValidateTest, CommentAndLineEndingEditsPass) {
  ok({"upgrade", "heads"});
  // Comments, blank lines, key order and CRLF line endings: the operations are the same.
  const std::string body = std::regex_replace(kA1Body, std::regex("\n\n"), "\n# the column comes second\n\n");
  testing::write_file(file("a1"), "# reviewed again\r\nmessage = \"a1\"  # the same\r\ndown_revision = \"\"\r\n"
                                  "revision = \"a1\"\r\n\r\n" + std::regex_replace(body, std::regex("\n"), "\r\n"));
  CliResult r = retort({"validate"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "Database main: 2 applied revisions, 2 match their files")) << r.out;
}

TEST_P(ValidateTest, AnOperationEditFailsNamingTheFile) {
  ok({"upgrade", "heads"});
  edit_a1_operation();
  CliResult r = retort({"validate"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(contains(r.err, "database 'main': migrations/versions/a1_r.toml: revision a1 changed after it was applied "
                              "(checksum recorded v1:"))
      << r.err;
  EXPECT_TRUE(contains(r.err, ", now v1:")) << r.err;
  EXPECT_TRUE(contains(r.err, "hint: put the changed file back as it was when applied, or run `retort repair`")) << r.err;
  EXPECT_FALSE(contains(r.err, "b2_r.toml")) << r.err;
  EXPECT_TRUE(contains(r.out, "2 applied revisions, 1 matches its file, 1 changed")) << r.out;
}

TEST_P(ValidateTest, ADeletedAppliedFileFails) {
  ok({"upgrade", "heads"});
  fs::remove(file("b2"));
  CliResult r = retort({"validate"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(contains(r.err, "revision b2 is applied (a row of retort_version) but no revision file defines it")) << r.err;
  EXPECT_TRUE(contains(r.err, "restore the missing file, or `retort stamp` the database to a revision that exists")) << r.err;

  CliResult repair = retort({"repair"});
  EXPECT_EQ(repair.exit_code, 1) << repair.err;
  EXPECT_TRUE(contains(repair.err, "missing files cannot be repaired")) << repair.err;
  EXPECT_TRUE(contains(repair.err, "revision b2 is applied")) << repair.err;
  EXPECT_EQ(history(), "a1|upgrade|1\nb2|upgrade|1") << "nothing was recorded";
}

TEST_P(ValidateTest, UpgradeAndDowngradeRefuseOnAMismatchAndChangeNothing) {
  ok({"upgrade", "a1"});
  edit_a1_operation();
  revision("c3", "b2", "[[upgrade]]\nop = \"create_table\"\ntable = \"w3\"\n"
                       "columns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n");
  for (const auto& args : std::vector<std::vector<std::string>>{{"upgrade", "heads"}, {"downgrade", "base"}}) {
    CliResult r = retort(args);
    EXPECT_EQ(r.exit_code, 1) << args[0] << "\n" << r.err;
    EXPECT_TRUE(contains(r.err, "database 'main': nothing was run: an applied revision does not match its file:")) << r.err;
    EXPECT_TRUE(contains(r.err, "migrations/versions/a1_r.toml: revision a1 changed after it was applied")) << r.err;
    EXPECT_TRUE(contains(r.err, "validate_on_migrate = false")) << r.err;
    EXPECT_FALSE(contains(r.err, "Running")) << r.err;
    EXPECT_EQ(version_rows(), "a1");
    EXPECT_EQ(history(), "a1|upgrade|1");
  }
  EXPECT_TRUE(contains(db_->query("SELECT count(*) FROM w3"), "<error")) << "c3 never ran";
}

TEST_P(ValidateTest, ValidateOnMigrateFalseLetsItRun) {
  ok({"upgrade", "a1"});
  edit_a1_operation();
  // Off for every database, but on again for this one: it refuses.
  configure("validate_on_migrate = false\n", "validate_on_migrate = true\n");
  EXPECT_EQ(retort({"upgrade", "heads"}).exit_code, 1);
  // Off for this one.
  configure("", "validate_on_migrate = false\n");
  ok({"upgrade", "heads"});
  EXPECT_EQ(version_rows(), "b2");
  configure("validate_on_migrate = false\n");
  ok({"downgrade", "a1"});
  EXPECT_EQ(version_rows(), "a1");
  // validate itself is not turned off.
  EXPECT_EQ(retort({"validate"}).exit_code, 1);
}

TEST_P(ValidateTest, RepairRecordsTheNewChecksum) {
  ok({"upgrade", "heads"});
  edit_a1_operation();
  CliResult repair = retort({"repair"});
  ASSERT_EQ(repair.exit_code, 0) << repair.err;
  EXPECT_TRUE(contains(repair.out, "Database main: recorded v1:")) << repair.out;
  EXPECT_TRUE(contains(repair.out, " for a1 (migrations/versions/a1_r.toml), was v1:")) << repair.out;
  EXPECT_EQ(history(), "a1|upgrade|1\nb2|upgrade|1\na1|repair|1");
  EXPECT_EQ(db_->query("SELECT count(DISTINCT checksum) FROM retort_history WHERE revision = 'a1'"), "2");
  EXPECT_EQ(db_->query("SELECT count(*) FROM retort_history WHERE direction = 'repair' AND finished_at LIKE '20%Z'"), "1");

  CliResult validate = retort({"validate"});
  EXPECT_EQ(validate.exit_code, 0) << validate.err;
  CliResult again = retort({"repair"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(contains(again.out, "Database main: nothing to repair")) << again.out;
  EXPECT_EQ(history(), "a1|upgrade|1\nb2|upgrade|1\na1|repair|1");
  // And the run that validation refused before goes on now.
  revision("c3", "b2", "[[upgrade]]\nop = \"create_table\"\ntable = \"w3\"\n"
                       "columns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n");
  ok({"upgrade", "heads"});
  EXPECT_EQ(version_rows(), "c3");
}

TEST_P(ValidateTest, AnAdoptedDatabaseHasNoChecksumsNotAMismatch) {
  // An Alembic database: alembic_version at b2, no history.
  configure("", "version_table = \"alembic_version\"\n");
  db_->execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)");
  db_->execute("INSERT INTO alembic_version (version_num) VALUES ('b2')");
  CliResult r = retort({"validate"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "Database main: 2 applied revisions, 0 match their files, 2 with no checksum recorded")) << r.out;
  EXPECT_TRUE(contains(r.out, "note: no checksum recorded for a1 (migrations/versions/a1_r.toml)")) << r.out;
  EXPECT_TRUE(contains(r.out, "note: no checksum recorded for b2")) << r.out;

  CliResult verbose = retort({"history", "-v"});
  ASSERT_EQ(verbose.exit_code, 0) << verbose.err;
  EXPECT_TRUE(contains(verbose.out, "    Applied: before history\n")) << verbose.out;

  // An edit is no mismatch either: there is nothing to compare with, so upgrades go on.
  edit_a1_operation();
  revision("c3", "b2", "[[upgrade]]\nop = \"create_table\"\ntable = \"w3\"\n"
                       "columns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n");
  ok({"upgrade", "heads"});
  EXPECT_EQ(db_->query("SELECT version_num FROM alembic_version"), "c3");
  // repair records what the files say now.
  CliResult repair = retort({"repair"});
  ASSERT_EQ(repair.exit_code, 0) << repair.err;
  EXPECT_TRUE(contains(repair.out, "for a1 (migrations/versions/a1_r.toml), none was recorded before")) << repair.out;
  EXPECT_EQ(db_->query("SELECT revision, direction FROM retort_history ORDER BY id"), "c3|upgrade\na1|repair\nb2|repair");
  CliResult clean = retort({"validate"});
  EXPECT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_TRUE(contains(clean.out, "3 applied revisions, 3 match their files")) << clean.out;
}

TEST_P(ValidateTest, HistoryVerboseShowsWhenAndByWhichTagEachRevisionWasApplied) {
  revision("c3", "b2", "");
  ok({"upgrade", "b2", "--tag", "release-7"});
  CliResult r = retort({"history", "-v"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Alembic's entry, then the Applied line.
  EXPECT_TRUE(std::regex_search(r.out, std::regex("Rev: b2\nParent: a1\nPath: migrations/versions/b2_r.toml\n\n    b2\n\n"
                                                  "    Applied: 20[0-9-]+T[0-9:]+Z \\(tag: release-7\\)\n")))
      << r.out;
  EXPECT_TRUE(contains(r.out, "Rev: c3 (head)\nParent: b2\nPath: migrations/versions/c3_r.toml\n\n    c3\n\n"
                              "    Applied: never\n"))
      << r.out;
  ok({"downgrade", "a1"});
  CliResult after = retort({"history", "-v", "-r", "b2:b2"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_TRUE(std::regex_search(after.out, std::regex("    Applied: no \\(downgraded 20[0-9-]+T[0-9:]+Z\\)\n"))) << after.out;
  ok({"stamp", "c3"});
  CliResult stamped = retort({"history", "-v", "-r", "c3:c3"});
  EXPECT_TRUE(std::regex_search(stamped.out, std::regex("    Applied: 20[0-9-]+T[0-9:]+Z by stamp\n"))) << stamped.out;
}

INSTANTIATE_TEST_SUITE_P(Native, ValidateTest, ::testing::ValuesIn(testing::native_backends()),
                         [](const auto& info) { return testing::test_name(info.param); });

}  // namespace
}  // namespace retort
