// `retort schema inspect`: a live database printed as a schema file, retort's own tables left out; --out;
// several databases; a dialect that cannot inspect named with its plugin.
#include "cli_runner.h"
#include "schema/schema_file.h"
#include "temp_dir.h"
#include "text_checks.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::CliResult;
using testing::run_retort;
using testing::TempDir;
using testing::write_file;

using testing::contains;

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class SchemaCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_.path() / "retort.toml",
               "[retort]\nscript_location = \"migrations\"\n\n"
               "[databases.app]\nurl = \"sqlite:///app.db\"\n\n"
               "[databases.audit]\nurl = \"sqlite:///audit.db\"\nversion_table = \"audit_version\"\n");
    write_file(dir_.path() / "migrations/versions/a1_account.toml",
               "revision = \"a1\"\nmessage = \"account\"\n\n"
               "[[upgrade]]\nop = \"create_table\"\ntable = \"account\"\n"
               "columns = [\n"
               "  { name = \"id\", type = \"integer\", primary_key = true, autoincrement = true },\n"
               "  { name = \"email\", type = \"string(255)\", nullable = false },\n"
               "]\n\n"
               "[[upgrade]]\nop = \"create_index\"\nname = \"ix_account_email\"\ntable = \"account\"\n"
               "columns = [\"email\"]\nunique = true\n");
  }
  CliResult retort(const std::vector<std::string>& args) { return run_retort(dir_.path(), args); }

  TempDir dir_;
};

const char* const kAccount =
    "format = 1\n\n[[table]]\nname = \"account\"\ncolumns = [\n"
    "  { name = \"id\", type = \"integer\", nullable = false, autoincrement = true },\n"
    "  { name = \"email\", type = \"string(255)\", nullable = false },\n"
    "]\nprimary_key = [\"id\"]\n"
    "indexes = [\n  { name = \"ix_account_email\", columns = [\"email\"], unique = true },\n]\n";

TEST_F(SchemaCommandTest, PrintsTheLiveSchemaWithoutTheVersionTable) {
  ASSERT_EQ(retort({"--engine", "app", "upgrade", "heads"}).exit_code, 0);
  CliResult r = retort({"--engine", "app", "schema", "inspect"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kAccount);
  EXPECT_TRUE(parse_schema_text(r.out, "printed").ok());
}

TEST_F(SchemaCommandTest, OutWritesTheFileAndSaysSo) {
  ASSERT_EQ(retort({"upgrade", "heads"}).exit_code, 0);
  CliResult r = retort({"--engine", "audit", "schema", "inspect", "--out", "schema.toml"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(contains(r.err, "Wrote the schema of database 'audit' (1 tables) to schema.toml")) << r.err;
  EXPECT_EQ(read(dir_.path() / "schema.toml"), kAccount) << "the audit_version table is left out too";
}

TEST_F(SchemaCommandTest, SeveralDatabasesPrintOneDocumentEachUnderAHeading) {
  ASSERT_EQ(retort({"--engine", "app", "upgrade", "heads"}).exit_code, 0);
  CliResult r = retort({"schema", "inspect"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, std::string(kAccount) + "format = 1\n");
  // audit.db did not exist yet: inspecting it creates it, and says so.
  EXPECT_EQ(r.err, "note: creating a new SQLite database at " + (fs::canonical(dir_.path()) / "audit.db").string() +
                       " (relative to the current folder; use ${here}/audit.db for the config's folder)\n"
                       "== database app\n== database audit\n");
}

TEST_F(SchemaCommandTest, OutWithSeveralDatabasesIsRefusedBeforeAnythingIsWritten) {
  CliResult r = retort({"schema", "inspect", "--out", "schema.toml"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "--out writes the schema of one database, and 2 are selected")) << r.err;
  EXPECT_TRUE(contains(r.err, "--engine")) << r.err;
  EXPECT_FALSE(fs::exists(dir_.path() / "schema.toml"));
}

TEST_F(SchemaCommandTest, ADialectWithoutAnInspectorIsNamedWithItsPlugin) {
  CliResult r = run_retort(dir_.path(), {"--url", "cdemo+sqlite:///app.db", "--engine", "app", "schema", "inspect"},
                           {"RETORT_PLUGIN_PATH=" RETORT_TEST_PLUGIN_ROOT "/good"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "the cdemo dialect cannot read a schema back")) << r.err;
  EXPECT_TRUE(contains(r.err, "retort_good.so")) << r.err;
  EXPECT_TRUE(contains(r.err, "has no inspector")) << r.err;
}

TEST_F(SchemaCommandTest, InspectNeedsASubcommand) {
  CliResult r = retort({"schema"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "error: schema needs a command\n  hint: for example retort --engine main schema inspect"))
      << r.err;
  EXPECT_TRUE(contains(r.err, "commands: inspect\n")) << r.err;
}

}  // namespace
}  // namespace retort
