// End-to-end tests of plugins that break the ABI's rules or fail to load, through the retort program: each
// is one clear error naming the plugin's file, exit status 1 (never a crash), and no change to the
// database. The plugins are purpose-built (tests/plugins/misbehaving_plugin.cc, tests/plugins/test_plugin.c);
// the database is a real SQLite file, reached through the real SQLite driver.
#include "cli_runner.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::CliResult;
using testing::run_retort;
using testing::sqlite_query;
using testing::TempDir;
using testing::write_file;

const std::string kPluginRoot = RETORT_TEST_PLUGIN_ROOT;
const std::string kMisbehaving = kPluginRoot + "/misbehaving/retort_misbehaving.so";
const char* kBugHint = "hint: this is a bug in the plugin: report it to the plugin's authors";

class PluginFailureTest : public ::testing::Test {
 protected:
  TempDir dir;
  fs::path db() const { return dir / "app.db"; }

  void SetUp() override { fs::create_directories(dir / "migrations/versions"); }

  void config(const std::string& url) {
    write_file(dir / "retort.toml",
               "[retort]\nscript_location = \"migrations\"\n\n[databases.main]\nurl = \"" + url + "\"\n");
  }
  void revision(const std::string& id, const std::string& down, const std::string& body) {
    write_file(dir / ("migrations/versions/" + id + "_r.toml"),
               "revision = \"" + id + "\"\ndown_revision = \"" + down + "\"\nmessage = \"rev " + id + "\"\n\n" + body);
  }
  // A good first revision, then one whose execute asks the misbehaving dialect to break a rule.
  void two_revisions(const std::string& second_op) {
    revision("a1", "", "[[upgrade]]\nop = \"execute\"\nsql = \"CREATE TABLE first (id INTEGER)\"\n");
    revision("b2", "a1", second_op);
  }
  CliResult retort(const std::vector<std::string>& args, const std::string& plugin_path = kPluginRoot + "/misbehaving") {
    return run_retort(dir.path(), args, {"RETORT_PLUGIN_PATH=" + plugin_path});
  }
  std::string tables() {
    return fs::exists(db()) ? sqlite_query(db(), "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") : "";
  }
};

struct Misbehaviour {
  const char* name;
  const char* sql;       // the second revision's execute
  const char* expected;  // what the error says
  bool plugin_bug;       // the error names the plugin and says it has a bug
};

class DialectMisbehaviourTest : public PluginFailureTest, public ::testing::WithParamInterface<Misbehaviour> {};

TEST_P(DialectMisbehaviourTest, IsOneErrorAndChangesNothing) {
  config("misbehave+sqlite:///app.db");
  two_revisions(std::string("[[upgrade]]\nop = \"execute\"\nsql = \"") + GetParam().sql + "\"\n");
  CliResult r = retort({"upgrade", "heads"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find(GetParam().expected), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("plugin misbehaving (" + kMisbehaving + ")") != std::string::npos, GetParam().plugin_bug) << r.err;
  EXPECT_EQ(r.err.find(kBugHint) != std::string::npos, GetParam().plugin_bug) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_EQ(tables(), "") << "the first revision was rolled back with the failed run";
}

INSTANTIATE_TEST_SUITE_P(
    Plugins, DialectMisbehaviourTest,
    ::testing::Values(
        Misbehaviour{"Throws", "THROW",
                     "the dialect's render_operation let a C++ exception escape across the plugin ABI: render blew up", true},
        Misbehaviour{"ThrowsAnInt", "THROW 42",
                     "the dialect's render_operation let a C++ exception escape across the plugin ABI (not a "
                     "std::exception)",
                     true},
        Misbehaviour{"FailsSilently", "SILENT",
                     "the dialect's render_operation failed without reporting why (report_error was not called)", true},
        Misbehaviour{"ReturnsAnUndefinedStatus", "STATUS 7",
                     "the dialect's render_operation returned status 7, which the plugin ABI does not define", true},
        Misbehaviour{"ThrowsInsideTheSdkGuard", "SDK THROW", "a logic error inside the SDK guard", false},
        Misbehaviour{"RefusesInItsCheck", "REFUSE", "this dialect refuses REFUSE", false}),
    [](const ::testing::TestParamInfo<Misbehaviour>& info) { return info.param.name; });

TEST_F(PluginFailureTest, ALockThatBreaksTheAbiIsOneErrorAndChangesNothing) {
  two_revisions("[[upgrade]]\nop = \"execute\"\nsql = \"CREATE TABLE second (id INTEGER)\"\n");
  for (const auto& [table, expected] : std::vector<std::pair<std::string, std::string>>{
           {"outcome_42", "the dialect's lock answered outcome 42"},
           {"lock_throws", "the dialect's lock let a C++ exception escape across the plugin ABI: the lock blew up"}}) {
    write_file(dir / "retort.toml", "[retort]\nscript_location = \"migrations\"\n\n[databases.main]\n"
                                    "url = \"misbehave+sqlite:///app.db\"\nversion_table = \"" + table + "\"\n");
    CliResult r = retort({"upgrade", "heads"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find(expected), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(kBugHint), std::string::npos) << r.err;
    EXPECT_EQ(tables(), "") << table;
  }
}

TEST_F(PluginFailureTest, AnOperationThatThrowsIsNamed) {
  config("misbehave+sqlite:///app.db");
  two_revisions("[[upgrade]]\nop = \"explode\"\n");
  CliResult r = retort({"upgrade", "heads"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("plugin misbehaving (" + kMisbehaving +
                       "): the operation's render let a C++ exception escape across the plugin ABI: explode exploded"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(tables(), "");
}

TEST_F(PluginFailureTest, QuotingThatFailsInsideAnOperationFailsTheOperation) {
  config("misbehave+sqlite:///app.db");
  two_revisions("[[upgrade]]\nop = \"quote_hole\"\n");
  CliResult r = retort({"upgrade", "heads"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("the dialect's quote_identifier let a C++ exception escape across the plugin ABI: cannot quote that"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(tables(), "") << "no statement with an empty name ran";
}

TEST_F(PluginFailureTest, OfflineRenderingReportsTheSameViolations) {
  config("misbehave+sqlite:///app.db");
  two_revisions("[[upgrade]]\nop = \"execute\"\nsql = \"THROW\"\n");
  CliResult r = retort({"upgrade", "heads", "--sql"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("render blew up"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << "no half script: " << r.out;
}

// Cases given as (name, what the error says) are named by their first half.
using NamedCase = std::pair<const char*, const char*>;
std::string case_name(const ::testing::TestParamInfo<NamedCase>& info) { return info.param.first; }

class DriverMisbehaviourTest : public PluginFailureTest, public ::testing::WithParamInterface<NamedCase> {};

TEST_P(DriverMisbehaviourTest, ConnectingIsOneErrorNamingThePlugin) {
  config(std::string("misbehave+faulty://u:s3cret@db.example/app?connect=") + GetParam().first);
  revision("a1", "", "[[upgrade]]\nop = \"execute\"\nsql = \"CREATE TABLE first (id INTEGER)\"\n");
  CliResult r = retort({"upgrade", "heads"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find(GetParam().second), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("plugin misbehaving (" + kMisbehaving + ")"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(kBugHint), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("s3cret"), std::string::npos) << "the password stays masked: " << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    Plugins, DriverMisbehaviourTest,
    ::testing::Values(
        std::make_pair("throw", "the driver's connect let a C++ exception escape across the plugin ABI: connect blew up"),
        std::make_pair("throw_int", "the driver's connect let a C++ exception escape across the plugin ABI (not a"),
        std::make_pair("silent", "the driver's connect failed without reporting why"),
        std::make_pair("status", "the driver's connect returned status 99, which the plugin ABI does not define"),
        std::make_pair("null", "the driver's connect succeeded but returned no connection"),
        // Connected, then the run's BEGIN throws; the disconnect that follows throws too, and is swallowed.
        std::make_pair("ok", "the driver's begin let a C++ exception escape across the plugin ABI: transaction blew up")),
    case_name);

TEST_F(PluginFailureTest, PluginsListsEveryBrokenPluginWithItsReasonAndTheGoodOnes) {
  config("sqlite:///app.db");
  std::string path;
  for (const char* variant : {"bad_major", "old_major", "no_entry", "init_fails", "throws_in_entry", "good"})
    path += (path.empty() ? "" : ":") + kPluginRoot + "/" + variant;
  CliResult r = retort({"plugins"}, path);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("sqlite 0.1.0 (ABI 1.3)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ctest 1.2.3 (ABI 1.3): a plugin written in C"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("5 plugin(s) failed to load:"), std::string::npos) << r.err;
  for (const char* expected :
       {"retort_bad_major.so: was built for plugin ABI 2.0, but this retort speaks ABI 1.3",
        "retort_old_major.so: was built for plugin ABI 0.9, but this retort speaks ABI 1.3",
        "retort_no_entry.so: has no entry point 'retort_plugin_entry'",
        "retort_init_fails.so: failed to initialise: license file missing",
        "retort_throws_in_entry.so: retort_plugin_entry let a C++ exception escape"})
    EXPECT_NE(r.err.find(expected), std::string::npos) << expected << "\n" << r.err;
}

TEST_F(PluginFailureTest, ABrokenPluginStopsCommandsThatNeedADatabaseBeforeAnythingChanges) {
  config("sqlite:///app.db");
  revision("a1", "", "[[upgrade]]\nop = \"execute\"\nsql = \"CREATE TABLE first (id INTEGER)\"\n");
  CliResult r = retort({"upgrade", "heads"}, kPluginRoot + "/duplicate");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("retort_duplicate.so: provides dialect 'sqlite', which plugin sqlite ("), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("remove one of the two plugins"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(db()));
}

// ---- Plugins that bring their process down while loading -------------------------------------------------

// Runs retort under timeout(1), so that a retort that hangs fails the test instead of stopping the suite,
// with its own plugin probe cache.
CliResult bounded_retort(const TempDir& dir, const std::vector<std::string>& args, const std::string& plugin_path,
                         std::vector<std::string> env = {}) {
  std::vector<std::string> command = {"--kill-after=5", "60", RETORT_BINARY};
  command.insert(command.end(), args.begin(), args.end());
  env.push_back("RETORT_PLUGIN_PATH=" + plugin_path);
  env.push_back("RETORT_CACHE_DIR=" + (dir / "cache").string());
  env.push_back("RETORT_PLUGIN_LOAD_TIMEOUT=0.5");
  return testing::run_program("timeout", dir.path(), command, env);
}

std::string load_failure_plugin(const std::string& variant) {
  return kPluginRoot + "/" + variant + "/retort_" + variant + ".so";
}

class LoadFailureTest : public PluginFailureTest, public ::testing::WithParamInterface<NamedCase> {};

TEST_P(LoadFailureTest, FailsTheRunNamingTheFileAndChangesNothing) {
  config("sqlite:///app.db");
  revision("a1", "", "[[upgrade]]\nop = \"execute\"\nsql = \"CREATE TABLE first (id INTEGER)\"\n");
  const std::string variant = GetParam().first;
  CliResult r = bounded_retort(dir, {"upgrade", "heads"}, kPluginRoot + "/" + variant);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("plugin " + load_failure_plugin(variant) + ": " + GetParam().second), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_EQ(tables(), "");

  r = bounded_retort(dir, {"plugins"}, kPluginRoot + "/" + variant);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("sqlite 0.1.0"), std::string::npos) << "the other plugins still load: " << r.out;
  EXPECT_NE(r.err.find(GetParam().second), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    Plugins, LoadFailureTest,
    ::testing::Values(
        std::make_pair("ctor_segv", "crashed while loading (segmentation fault in its static constructors)"),
        std::make_pair("ctor_abort", "crashed while loading (aborted in its static constructors)"),
        std::make_pair("ctor_exit0", "called exit(0) while loading (in its static constructors)"),
        std::make_pair("ctor_exit3", "called exit(3) while loading (in its static constructors)"),
        std::make_pair("entry_segv", "crashed while loading (segmentation fault in retort_plugin_entry)"),
        std::make_pair("entry_abort", "crashed while loading (aborted in retort_plugin_entry)"),
        std::make_pair("entry_exit0", "called exit(0) while loading (in retort_plugin_entry)"),
        std::make_pair("entry_hangs", "did not finish loading within 0.5 s (stopped in retort_plugin_entry)"),
        std::make_pair("bad_tables", "crashed while loading (segmentation fault in the checks of its tables)"),
        std::make_pair("init_hangs", "did not finish loading within 0.5 s (stopped in init)"),
        std::make_pair("init_exits", "called exit(0) while loading (in init)")),
    case_name);

// A plugin can pass the probe and misbehave afterwards, when retort loads it for real (its init reads the
// environment, say); that load is guarded too: an exit() there is named and fails the run.
TEST_F(PluginFailureTest, APluginThatExitsAfterItsProbeStillFailsTheRun) {
  config("sqlite:///app.db");
  revision("a1", "", "[[upgrade]]\nop = \"execute\"\nsql = \"CREATE TABLE first (id INTEGER)\"\n");
  const std::string folder = kPluginRoot + "/init_when_told";
  CliResult r = bounded_retort(dir, {"plugins"}, folder);
  ASSERT_EQ(r.exit_code, 0) << "the probe passes and is cached: " << r.err;

  r = bounded_retort(dir, {"upgrade", "heads"}, folder, {"RETORT_TEST_INIT_DOES=exit"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("plugin " + load_failure_plugin("init_when_told") + ": called exit() while loading (in init)"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(tables(), "");

  r = bounded_retort(dir, {"upgrade", "heads"}, folder, {"RETORT_TEST_INIT_DOES=segv"});
  EXPECT_NE(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("plugin " + load_failure_plugin("init_when_told") +
                       ": crashed while loading (segmentation fault in init)"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(tables(), "");

  // Without the cache the probe runs init and sees the exit itself, with its status.
  r = bounded_retort(dir, {"upgrade", "heads"}, folder, {"RETORT_TEST_INIT_DOES=exit", "RETORT_NO_CACHE=1"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("called exit(0) while loading (in init)"), std::string::npos) << r.err;
  EXPECT_EQ(tables(), "");
}

// ---- The SDK's helpers ------------------------------------------------------------------------------------

TEST_F(PluginFailureTest, OneSdkClassServesTwoOperations) {
  config("sqlite:///app.db");
  revision("a1", "",
           "[[upgrade]]\nop = \"echo_one\"\na = \"x\"\n\n[[upgrade]]\nop = \"echo_two\"\nb = \"y\"\nloud = true\n");
  CliResult r = retort({"upgrade", "heads", "--sql"}, kPluginRoot + "/shared_classes");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("SELECT 'echo_one says x';"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("SELECT 'echo_two says y!';"), std::string::npos) << r.out;

  revision("b2", "a1", "[[upgrade]]\nop = \"echo_one\"\na = \"x\"\nloud = true\n");
  r = retort({"upgrade", "heads", "--sql"}, kPluginRoot + "/shared_classes");
  EXPECT_EQ(r.exit_code, 1) << "each operation has its own fields: " << r.err;
  EXPECT_NE(r.err.find("loud"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace retort
