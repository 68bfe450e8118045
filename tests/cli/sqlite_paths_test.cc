// End-to-end: where a sqlite:/// URL's file lies. A relative path is relative to the current folder, as in
// Alembic (so `-c other/retort.toml` uses ./app.db), said in a note when retort is about to create such a
// file; ${here} is the config's folder.
#include "cli_runner.h"
#include "temp_dir.h"
#include "text_checks.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::CliResult;
using testing::contains;
using testing::write_file;

class SqlitePathsTest : public ::testing::Test {
 protected:
  testing::TempDir work, project;
  void SetUp() override {
    write_file(project / "migrations/versions/aaaa00000001_t.toml",
               "revision = \"aaaa00000001\"\n\n[[upgrade]]\nop = \"create_table\"\ntable = \"t\"\n"
               "columns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n");
  }
  void config(const std::string& url) {
    write_file(project / "retort.toml", "[retort]\nscript_location = \"migrations\"\n\n[databases.main]\nurl = \"" + url + "\"\n");
  }
  // retort run in `work` with the config of `project`.
  CliResult retort(std::vector<std::string> args) {
    args.insert(args.begin(), {"-c", (project / "retort.toml").string()});
    return testing::run_retort(work.path(), args);
  }
  std::string note_for(const fs::path& folder) const {
    return "note: creating a new SQLite database at " + (fs::canonical(folder) / "app.db").string() +
           " (relative to the current folder; use ${here}/app.db for the config's folder)\n";
  }
};

TEST_F(SqlitePathsTest, ARelativeFileIsInTheCurrentFolderAndSaysSo) {
  config("sqlite:///app.db");
  CliResult r = retort({"upgrade", "heads"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.rfind(note_for(work.path()), 0), 0U) << r.err;
  EXPECT_TRUE(fs::exists(work / "app.db"));
  EXPECT_FALSE(fs::exists(project / "app.db"));
  // Once it exists, nothing more is said.
  CliResult again = retort({"current"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_FALSE(contains(again.err, "note:")) << again.err;
}

TEST_F(SqlitePathsTest, EveryCommandThatConnectsSaysItOnce) {
  config("sqlite:///app.db");
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"current"}, {"history", "-i", "-v"}, {"validate"}, {"ensure_version"}, {"stamp", "heads"}}) {
    fs::remove(work / "app.db");
    CliResult r = retort(args);
    ASSERT_EQ(r.exit_code, 0) << args.front() << ": " << r.err;
    EXPECT_TRUE(contains(r.err, note_for(work.path()))) << args.front() << ": " << r.err;
    EXPECT_EQ(r.err.find("note:"), r.err.rfind("note:")) << args.front() << ": " << r.err;
  }
}

TEST_F(SqlitePathsTest, NoNoteWhenQuietOfflineOrAbsolute) {
  config("sqlite:///app.db");
  CliResult sql = retort({"upgrade", "heads", "--sql"});
  ASSERT_EQ(sql.exit_code, 0) << sql.err;
  EXPECT_FALSE(contains(sql.err, "note:")) << sql.err;
  EXPECT_FALSE(fs::exists(work / "app.db")) << "--sql touches no database";
  CliResult quiet = retort({"-q", "upgrade", "heads"});
  ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(quiet.err, "");
  EXPECT_TRUE(fs::exists(work / "app.db"));

  config("sqlite:///${here}/app.db");
  CliResult here = retort({"upgrade", "heads"});
  ASSERT_EQ(here.exit_code, 0) << here.err;
  EXPECT_FALSE(contains(here.err, "note:")) << here.err;
  EXPECT_TRUE(fs::exists(project / "app.db")) << "${here} is the config's folder";
}

TEST_F(SqlitePathsTest, HereWorksInEveryValue) {
  write_file(project / "retort.toml", "[retort]\nscript_location = \"${here}/migrations\"\n\n[databases.main]\n"
                                      "url = \"sqlite:///${here}/data/app.db\"\n");
  fs::create_directories(project / "data");
  CliResult r = retort({"upgrade", "heads"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(project / "data/app.db"));
  CliResult current = retort({"current"});
  EXPECT_TRUE(contains(current.err, "(sqlite:///" + (project / "data/app.db").string() + ")")) << current.err;
}

}  // namespace
}  // namespace retort
