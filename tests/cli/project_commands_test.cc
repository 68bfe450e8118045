// End-to-end: the Alembic commands list_templates, edit and ensure_version, the version_table hint for a
// database that Alembic manages, and the examples in their --help.
#include "cli_runner.h"
#include "temp_dir.h"
#include "text_checks.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::CliResult;
using testing::contains;
using testing::sqlite_execute;
using testing::sqlite_query;
using testing::write_file;

class ProjectCommandsTest : public ::testing::Test {
 protected:
  testing::TempDir dir;
  void SetUp() override {
    testing::write_project(dir.path(), "url = \"sqlite:///${here}/app.db\"\n");
    revision("aaaa00000001", "", "", "create t");
    revision("bbbb00000002", "aaaa00000001", "branch_labels = [\"core\"]\n", "add u");
  }
  void revision(const std::string& id, const std::string& down, const std::string& extra, const std::string& message) {
    write_file(dir / "migrations/versions" / (id + "_r.toml"),
               "revision = \"" + id + "\"\ndown_revision = \"" + down + "\"\n" + extra + "message = \"" + message +
                   "\"\n\n[[upgrade]]\nop = \"create_table\"\ntable = \"t_" + id +
                   "\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n");
  }
  CliResult retort(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
    return testing::run_retort(dir.path(), args, env);
  }
  // `edit` with an editor that prints the file it is given.
  CliResult edit(const std::string& rev) { return retort({"edit", rev}, {"-u", "VISUAL", "EDITOR=echo edited:"}); }
  fs::path db() const { return dir / "app.db"; }
  // An empty file is an empty SQLite database; `sql` sets it up.
  void database(const fs::path& file, const std::string& sql) {
    write_file(file, "");
    ASSERT_TRUE(sqlite_execute(file, sql)) << sql;
  }
};

TEST_F(ProjectCommandsTest, ListTemplatesAsAlembic) {
  CliResult r = retort({"list_templates"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("Available templates:\n\ngeneric - ", 0), 0U) << r.out;
  EXPECT_TRUE(contains(r.out, "\nmultidb - ")) << r.out;
  EXPECT_TRUE(contains(r.out, "\n\nTemplates are used via the 'init' command, e.g.:\n\n  retort init --template generic migrations\n"))
      << r.out;
  // Every template listed is one init takes.
  testing::TempDir fresh;
  EXPECT_EQ(testing::run_retort(fresh.path(), {"init", "--template", "multidb"}).exit_code, 0);
}

TEST_F(ProjectCommandsTest, InitTemplatesPutTheDatabaseBesideTheConfig) {
  testing::TempDir fresh, elsewhere;
  ASSERT_EQ(testing::run_retort(fresh.path(), {"init"}).exit_code, 0);
  EXPECT_TRUE(contains(testing::read_file(fresh / "retort.toml"), "url = \"sqlite:///${here}/app.db\""));
  ASSERT_EQ(testing::run_retort(fresh.path(), {"revision", "-m", "one"}).exit_code, 0);
  // Run from another folder: the database is still the one beside the config, and nothing says otherwise.
  CliResult r = testing::run_retort(elsewhere.path(), {"-c", (fresh / "retort.toml").string(), "upgrade", "heads"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(fresh / "app.db"));
  EXPECT_FALSE(fs::exists(elsewhere / "app.db"));
  EXPECT_FALSE(contains(r.err, "note:")) << r.err;
}

TEST_F(ProjectCommandsTest, EditOpensWhatAlembicsEditNames) {
  const std::string a = "migrations/versions/aaaa00000001_r.toml";
  const std::string b = "migrations/versions/bbbb00000002_r.toml";
  for (const auto& [rev, file] : std::vector<std::pair<std::string, std::string>>{
           {"aaaa00000001", a}, {"aaaa", a}, {"head", b}, {"heads", b}, {"core", b}, {"core@head", b}, {"-1", a}}) {
    CliResult r = edit(rev);
    ASSERT_EQ(r.exit_code, 0) << rev << ": " << r.err;
    EXPECT_EQ(r.out, "edited: " + file + "\n") << rev;
  }
  CliResult base = edit("base");
  EXPECT_EQ(base.exit_code, 1);
  EXPECT_TRUE(contains(base.err, "no revision files indicated by symbol 'base'")) << base.err;
  CliResult unknown = edit("zzzz");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_TRUE(contains(unknown.err, "'zzzz'")) << unknown.err;
}

TEST_F(ProjectCommandsTest, EditCurrentReadsTheDatabases) {
  CliResult none = edit("current");
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_TRUE(contains(none.err, "no current revisions")) << none.err;
  ASSERT_EQ(retort({"upgrade", "aaaa"}).exit_code, 0);
  CliResult r = edit("current");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "edited: migrations/versions/aaaa00000001_r.toml\n");
}

TEST_F(ProjectCommandsTest, EditNeedsAnEditorAndReportsOneThatFails) {
  CliResult none = retort({"edit", "head"}, {"-u", "EDITOR", "-u", "VISUAL"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_TRUE(contains(none.err, "error: no editor is set: neither $EDITOR nor $VISUAL")) << none.err;
  EXPECT_TRUE(contains(none.err, "hint: set one, e.g. `export EDITOR=vim`")) << none.err;
  // $VISUAL when there is no $EDITOR.
  CliResult visual = retort({"edit", "head"}, {"-u", "EDITOR", "VISUAL=echo visual:"});
  ASSERT_EQ(visual.exit_code, 0) << visual.err;
  EXPECT_EQ(visual.out, "visual: migrations/versions/bbbb00000002_r.toml\n");
  CliResult failing = retort({"edit", "head"}, {"EDITOR=false"});
  EXPECT_EQ(failing.exit_code, 1);
  EXPECT_TRUE(contains(failing.err, "the editor (false) failed with exit status 1")) << failing.err;
}

TEST_F(ProjectCommandsTest, EnsureVersionCreatesOnlyTheTablesAndIsIdempotent) {
  CliResult first = retort({"ensure_version"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_TRUE(contains(first.err, "Created retort_version and retort_history in database 'main'")) << first.err;
  EXPECT_EQ(sqlite_query(db(), "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"),
            "retort_history\nretort_version");
  EXPECT_EQ(sqlite_query(db(), "SELECT count(*) FROM retort_version"), "0");
  CliResult again = retort({"ensure_version"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(contains(again.err, "retort_version and retort_history exist already in database 'main'")) << again.err;
  // Beside an applied revision nothing changes either.
  ASSERT_EQ(retort({"upgrade", "aaaa"}).exit_code, 0);
  ASSERT_EQ(retort({"-q", "ensure_version"}).exit_code, 0);
  EXPECT_EQ(sqlite_query(db(), "SELECT version_num FROM retort_version"), "aaaa00000001");
  EXPECT_EQ(sqlite_query(db(), "SELECT count(*) FROM retort_history"), "1");
}

TEST_F(ProjectCommandsTest, EnsureVersionCreatesTheHistoryTableBesideAnOldVersionTable) {
  database(db(), "CREATE TABLE retort_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);"
                 "INSERT INTO retort_version VALUES ('aaaa00000001');");
  CliResult r = retort({"ensure_version"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "Created retort_history in database 'main'")) << r.err;
  EXPECT_TRUE(contains(r.err, "retort_version exists already")) << r.err;
  EXPECT_EQ(sqlite_query(db(), "SELECT version_num FROM retort_version"), "aaaa00000001");
}

TEST_F(ProjectCommandsTest, AnAlembicDatabaseGetsTheVersionTableHint) {
  database(db(), "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);"
                 "INSERT INTO alembic_version VALUES ('aaaa00000001');");
  const std::string warning = "warning: database 'main' has an alembic_version table and no retort_version table\n"
                              "  hint: if Alembic manages this database, add version_table = \"alembic_version\" to "
                              "[databases.main] (retort.toml:4)";
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"current"}, {"-q", "current"}, {"history", "-i"}, {"ensure_version"}}) {
    CliResult r = retort(args);
    ASSERT_EQ(r.exit_code, 0) << args.back() << ": " << r.err;
    EXPECT_TRUE(contains(r.err, warning)) << args.back() << ": " << r.err;
    EXPECT_EQ(r.err.find("warning:"), r.err.rfind("warning:")) << "once: " << r.err;
  }
  // Behaviour is unchanged otherwise: the upgrade runs from retort's own (empty) version table.
  fs::remove(db());
  database(db(), "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);");
  CliResult up = retort({"upgrade", "aaaa"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_TRUE(contains(up.err, warning)) << up.err;
  EXPECT_EQ(sqlite_query(db(), "SELECT version_num FROM retort_version"), "aaaa00000001");
  // Once retort's table exists, or the config names a version table, nothing is said.
  CliResult later = retort({"current"});
  EXPECT_FALSE(contains(later.err, "warning")) << later.err;
  testing::write_project(dir.path(), "url = \"sqlite:///${here}/other.db\"\nversion_table = \"app_version\"\n");
  database(dir / "other.db", "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);");
  CliResult named = retort({"current"});
  EXPECT_FALSE(contains(named.err, "warning")) << named.err;
  // Adopted: no warning, Alembic's row is the current revision.
  testing::write_project(dir.path(), "url = \"sqlite:///${here}/app.db\"\nversion_table = \"alembic_version\"\n");
  CliResult adopted = retort({"current"});
  EXPECT_FALSE(contains(adopted.err, "warning")) << adopted.err;
}

TEST_F(ProjectCommandsTest, NewCommandsHaveAnExampleInTheirHelp) {
  for (const auto& [command, example] : std::vector<std::pair<std::string, std::string>>{
           {"edit", "Examples:\n  retort edit heads"},
           {"ensure_version", "Examples:\n  retort ensure_version"},
           {"list_templates", "Examples:\n  retort list_templates"},
           {"merge", "Examples:\n  retort merge heads"}}) {
    CliResult r = retort({command, "--help"});
    EXPECT_EQ(r.exit_code, 0) << command;
    EXPECT_TRUE(contains(r.out, example)) << command << ": " << r.out;
  }
}

}  // namespace
}  // namespace retort
