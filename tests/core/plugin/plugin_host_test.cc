// Tests plugin/plugin_host.cc against real shared libraries: the SQLite plugin and purpose-built bad ones.
#include "plugin/plugin_host.h"

#include "plugin/host_api.h"

#include "temp_dir.h"

#include <dlfcn.h>

#include <gtest/gtest.h>

#include <cstdlib>

namespace retort {
namespace {

namespace fs = std::filesystem;

fs::path test_plugin(const std::string& variant) {
  return fs::path(RETORT_TEST_PLUGIN_ROOT) / variant / ("retort_" + variant + ".so");
}

// Sets an environment variable for one test.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) { ::setenv(name, value.c_str(), 1); }
  ~ScopedEnv() { ::unsetenv(name_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
};

// Whether the library is mapped in this process (dlopen with RTLD_NOLOAD loads nothing).
bool still_loaded(const fs::path& file) {
  void* handle = ::dlopen(file.c_str(), RTLD_NOW | RTLD_NOLOAD);
  if (handle) ::dlclose(handle);  // drops only the reference this check took
  return handle != nullptr;
}

std::string load_error(const std::string& variant) {
  PluginHost host;
  Status st = host.load_file(test_plugin(variant));
  EXPECT_FALSE(st.ok()) << variant << " loaded";
  EXPECT_TRUE(host.plugins().empty());
  return st.ok() ? "" : st.error().to_string();
}

TEST(PluginHost, LoadsTheSqlitePlugin) {
  PluginHost host;
  host.load_folders({RETORT_BUILD_PLUGIN_DIR});
  ASSERT_TRUE(host.problems().empty()) << host.problems().front().to_string();
  ASSERT_EQ(host.plugins().size(), 5u);
  for (const auto& p : host.plugins()) EXPECT_EQ(p.abi_major, 1u);
  EXPECT_TRUE(host.dialect("sqlite").ok());
  EXPECT_TRUE(host.driver("sqlite", "").ok());
  auto missing = host.dialect("oracle");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().hint_text().find("loaded dialects: "), std::string::npos);
  EXPECT_TRUE(host.dialect("mariadb").ok()) << "an alias of the mysql dialect";
  EXPECT_TRUE(host.dialect("postgres").ok());
  // A URL without a driver gets its dialect's default driver; `+odbc` picks the ODBC transport.
  EXPECT_EQ(std::string(host.driver("postgresql", "").value()->name), "pqxx");
  EXPECT_EQ(std::string(host.driver("mariadb", "").value()->name), "mysqlcppconn");
  EXPECT_EQ(std::string(host.driver("sqlite", "odbc").value()->name), "odbc");
  EXPECT_FALSE(host.driver("postgresql", "psycopg2").ok());
}

TEST(PluginHost, LoadsAPluginWrittenInC) {
  PluginHost host;
  ASSERT_TRUE(host.load_file(test_plugin("good")).ok());
  EXPECT_EQ(host.plugins()[0].version, "1.2.3");
  EXPECT_EQ(host.plugins()[0].abi_minor, static_cast<uint32_t>(RETORT_ABI_MINOR));
  auto d = host.dialect("cdemo");
  ASSERT_TRUE(d.ok());
  EXPECT_STREQ(dialect_family(*d), "sqlite");
}

TEST(PluginHost, LoadsAPluginBuiltForAnOlderMinorAndReadsOnlyWhatItsTablesHold) {
  PluginHost host;
  ASSERT_TRUE(host.load_file(test_plugin("abi_1_0")).ok());
  EXPECT_EQ(host.plugins()[0].abi_minor, 0u);
  auto d = host.dialect("cdemo");
  ASSERT_TRUE(d.ok());
  // The table ends before 1.1's `family`: the dialect is a family of its own, and the slot is never read.
  EXPECT_STREQ(dialect_family(*d), "cdemo");
}

TEST(PluginHost, RefusesAnotherMajorVersion) {
  std::string e = load_error("bad_major");
  EXPECT_NE(e.find("retort_bad_major.so"), std::string::npos) << e;
  EXPECT_NE(e.find("built for plugin ABI 2.0"), std::string::npos) << e;
  EXPECT_NE(e.find("speaks ABI 1.3"), std::string::npos) << e;
}

TEST(PluginHost, RefusesAnOlderMajorVersion) {
  std::string e = load_error("old_major");
  EXPECT_NE(e.find("plugin " + test_plugin("old_major").string() + ": was built for plugin ABI 0.9, but this retort "
                   "speaks ABI 1.3"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("rebuild the plugin against this retort's SDK"), std::string::npos) << e;
}

TEST(PluginHost, RefusesADescriptorTooSmallToHoldItsVersion) {
  std::string e = load_error("tiny");
  EXPECT_NE(e.find("its descriptor is too small (4 bytes) to be a retort plugin"), std::string::npos) << e;
}

TEST(PluginHost, RefusesANewerMinorVersion) {
  std::string e = load_error("bad_minor");
  EXPECT_NE(e.find("ABI 1.99"), std::string::npos) << e;
  EXPECT_NE(e.find("upgrade retort"), std::string::npos) << e;
}

TEST(PluginHost, RefusesALibraryWithoutEntryPoint) {
  std::string e = load_error("no_entry");
  EXPECT_NE(e.find("has no entry point 'retort_plugin_entry'"), std::string::npos) << e;
}

TEST(PluginHost, ReportsAFailedInitialisation) {
  std::string e = load_error("init_fails");
  EXPECT_NE(e.find("failed to initialise: license file missing"), std::string::npos) << e;
}

TEST(PluginHost, ReportsAnInitialisationThatFailsWithoutAReason) {
  std::string e = load_error("init_silent");
  EXPECT_NE(e.find("failed to initialise: init failed without reporting why (report_error was not called)"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("this is a bug in the plugin"), std::string::npos) << e;
}

TEST(PluginHost, AnEntryPointThatThrowsIsReportedNotFatal) {
  std::string e = load_error("throws_in_entry");
  EXPECT_NE(e.find("retort_throws_in_entry.so: retort_plugin_entry let a C++ exception escape across the plugin "
                   "ABI: the entry point could not build its descriptor"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("report it to the plugin's authors"), std::string::npos) << e;
}

TEST(PluginHost, AnInitThatThrowsIsReportedNotFatal) {
  std::string e = load_error("throws_in_init");
  EXPECT_NE(e.find("failed to initialise: init let a C++ exception escape across the plugin ABI: init could not "
                   "read its settings"),
            std::string::npos)
      << e;
}

TEST(PluginHost, RefusesASecondPluginForTheSameDialect) {
  PluginHost host;
  host.load_folders({RETORT_BUILD_PLUGIN_DIR});
  Status st = host.load_file(test_plugin("duplicate"));
  ASSERT_FALSE(st.ok());
  const std::string e = st.error().to_string();
  // Both files are named: the one refused first, the one that keeps the dialect in the message.
  EXPECT_NE(e.find("plugin " + test_plugin("duplicate").string() + ": provides dialect 'sqlite', which plugin sqlite (" +
                   RETORT_BUILD_PLUGIN_DIR + "/retort_sqlite.so) already provides"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("remove one of the two plugins"), std::string::npos) << e;
  EXPECT_EQ(host.plugins().size(), 5u);
  EXPECT_FALSE(host.dialect("cdemo").ok()) << "nothing of a refused plugin is registered";
}

TEST(PluginHost, RefusesADialectNamedLikeAnotherDialectsAlias) {
  PluginHost host;
  host.load_folders({RETORT_BUILD_PLUGIN_DIR});
  Status st = host.load_file(test_plugin("alias_clash"));
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().to_string().find("provides dialect 'mariadb', which plugin mysql ("), std::string::npos)
      << st.error().to_string();
}

TEST(PluginHost, RefusesASecondDefaultDriverForADialect) {
  PluginHost host;
  host.load_folders({RETORT_BUILD_PLUGIN_DIR});
  Status st = host.load_file(test_plugin("driver_clash"));
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().to_string().find("provides the default driver for 'sqlite' URLs, which plugin sqlite ("),
            std::string::npos)
      << st.error().to_string();
  EXPECT_EQ(std::string(host.driver("sqlite", "").value()->name), "sqlite");
}

TEST(PluginHost, RefusesAPluginThatClaimsOneNameTwice) {
  std::string e = load_error("twice");
  EXPECT_NE(e.find("retort_twice.so: provides dialect 'cdemo' twice"), std::string::npos) << e;
}

TEST(PluginHost, TheSameFileTwiceIsLoadedOnce) {
  PluginHost host;
  ASSERT_TRUE(host.load_file(test_plugin("good")).ok());
  ASSERT_TRUE(host.load_file(test_plugin("good")).ok());
  EXPECT_EQ(host.plugins().size(), 1u);
}

TEST(PluginHost, NamesThePluginOfARole) {
  PluginHost host;
  ASSERT_TRUE(host.load_file(test_plugin("good")).ok());
  const retort_dialect* d = host.dialect("cdemo").value();
  EXPECT_EQ(host.origin_of(d), "plugin ctest (" + test_plugin("good").string() + ")");
}

TEST(PluginHost, LoadsOperationPlugins) {
  PluginHost host;
  host.load_folders({RETORT_BUILD_PLUGIN_DIR});
  std::vector<std::string> ops;
  for (const auto& p : host.plugins())
    for (const auto* o : p.operations) ops.emplace_back(o->name);
  EXPECT_EQ(ops, (std::vector<std::string>{"create_view", "drop_view", "truncate_table"}));
}

TEST(PluginHost, RefusesAPluginOperationNamedLikeACoreOne) {
  PluginHost host;
  host.reserve_operation_names({"create_table", "drop_table"});
  Status st = host.load_file(test_plugin("op_clash"));
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().to_string().find("provides operation 'create_table', which is a core operation"), std::string::npos)
      << st.error().to_string();
}

TEST(PluginHost, RefusesAFileThatIsNotALibrary) {
  PluginHost host;
  Status st = host.load_file(fs::path(RETORT_TEST_PLUGIN_ROOT) / "not_a_plugin.so");
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().to_string().find("cannot be loaded"), std::string::npos);
}

TEST(PluginHost, OneSdkClassMayServeSeveralRolesEachWithItsOwnTable) {
  PluginHost host;
  Status st = host.load_file(test_plugin("shared_classes"));
  ASSERT_TRUE(st.ok()) << st.error().to_string();
  const LoadedPlugin& p = host.plugins().at(0);
  ASSERT_EQ(p.operations.size(), 2u);
  EXPECT_STREQ(p.operations[0]->name, "echo_one");
  EXPECT_STREQ(p.operations[1]->name, "echo_two");
  ASSERT_EQ(p.operations[0]->field_count, 2u);
  EXPECT_STREQ(p.operations[0]->fields[0]->name, "a");
  EXPECT_STREQ(p.operations[0]->fields[1]->name, "quiet");
  ASSERT_EQ(p.operations[1]->field_count, 3u);
  EXPECT_STREQ(p.operations[1]->fields[0]->name, "b");
  EXPECT_STREQ(p.operations[1]->fields[1]->name, "loud");
  EXPECT_EQ(p.operations[1]->fields[2]->kind, RETORT_FIELD_NAMES);
  ASSERT_EQ(p.dialects.size(), 2u);
  EXPECT_STREQ(p.dialects[0]->name, "shared_one");
  EXPECT_EQ(p.dialects[0]->aliases, nullptr);
  EXPECT_STREQ(p.dialects[1]->name, "shared_two");
  EXPECT_STREQ(p.dialects[1]->aliases, "shared_alias");
  EXPECT_STREQ(dialect_family(p.dialects[1]), "sqlite");
  ASSERT_EQ(p.drivers.size(), 2u);
  EXPECT_STREQ(p.drivers[0]->name, "shared_one");
  EXPECT_STREQ(p.drivers[1]->default_for, "shared_one,shared_two");
}

// DESIGN.md §2: the host validates a plugin's tables before it calls the plugin's init.
TEST(PluginHost, NeverCallsTheInitOfAPluginItRefuses) {
  testing::TempDir dir;
  const fs::path marker = dir / "init-called";
  ScopedEnv env("RETORT_TEST_INIT_MARKER", marker.string());
  for (const char* variant : {"incomplete", "twice", "op_clash", "duplicate", "driver_clash", "alias_clash"}) {
    PluginHost host;
    host.reserve_operation_names({"create_table"});
    host.load_folders({RETORT_BUILD_PLUGIN_DIR});
    EXPECT_FALSE(host.load_file(test_plugin(variant)).ok()) << variant;
    EXPECT_FALSE(fs::exists(marker)) << variant << "'s init was called";
    fs::remove(marker);
  }
  PluginHost host;
  ASSERT_TRUE(host.load_file(test_plugin("good")).ok());
  EXPECT_TRUE(fs::exists(marker)) << "the marker works: a good plugin's init is called";
}

// DESIGN.md §2: plugins are never unloaded; a refused library ran code (static constructors, its entry point,
// perhaps init) that may have left threads or handlers behind pointing into it.
TEST(PluginHost, KeepsEveryLibraryItOpenedEvenWhenItRefusesIt) {
  for (const char* variant : {"no_entry", "tiny", "incomplete", "init_fails", "throws_in_init"}) {
    PluginHost host;
    EXPECT_FALSE(host.load_file(test_plugin(variant)).ok()) << variant;
    EXPECT_TRUE(still_loaded(test_plugin(variant))) << variant << " was unloaded";
  }
}

struct LoadFailure {
  const char* variant;
  const char* expected;
};

class PluginHostLoadFailureTest : public ::testing::TestWithParam<LoadFailure> {};

// Crashes and hangs while loading happen in a probe process: this process carries on, names the file and
// never loads the library.
TEST_P(PluginHostLoadFailureTest, IsNamedAndTheHostCarriesOn) {
  ScopedEnv timeout("RETORT_PLUGIN_LOAD_TIMEOUT", "0.5");
  testing::TempDir cache;
  ScopedEnv cache_dir("RETORT_CACHE_DIR", cache.path().string());
  PluginHost host;
  Status st = host.load_file(test_plugin(GetParam().variant));
  ASSERT_FALSE(st.ok());
  const std::string e = st.error().to_string();
  EXPECT_NE(e.find("plugin " + test_plugin(GetParam().variant).string() + ": " + GetParam().expected), std::string::npos)
      << e;
  EXPECT_FALSE(still_loaded(test_plugin(GetParam().variant))) << "a plugin that failed its probe is never opened here";
  EXPECT_TRUE(host.load_file(test_plugin("good")).ok());
}

INSTANTIATE_TEST_SUITE_P(
    Plugins, PluginHostLoadFailureTest,
    ::testing::Values(
        LoadFailure{"ctor_segv", "crashed while loading (segmentation fault in its static constructors)"},
        LoadFailure{"entry_abort", "crashed while loading (aborted in retort_plugin_entry)"},
        LoadFailure{"entry_hangs", "did not finish loading within 0.5 s (stopped in retort_plugin_entry)"},
        LoadFailure{"init_hangs", "did not finish loading within 0.5 s (stopped in init)"}),
    [](const ::testing::TestParamInfo<LoadFailure>& info) { return std::string(info.param.variant); });

TEST(PluginHost, ABadLoadTimeoutIsOneProblemAndNothingLoadsUnbounded) {
  ScopedEnv timeout("RETORT_PLUGIN_LOAD_TIMEOUT", "soon");
  PluginHost host;
  host.load_folders({RETORT_BUILD_PLUGIN_DIR, fs::path(RETORT_TEST_PLUGIN_ROOT) / "good"});
  EXPECT_TRUE(host.plugins().empty());
  ASSERT_EQ(host.problems().size(), 1u);
  EXPECT_NE(host.problems()[0].to_string().find("RETORT_PLUGIN_LOAD_TIMEOUT is 'soon'"), std::string::npos);
}

TEST(PluginHost, ABrokenPluginInAFolderDoesNotStopTheOthers) {
  PluginHost host;
  host.load_folders({fs::path(RETORT_TEST_PLUGIN_ROOT) / "bad_major", fs::path(RETORT_TEST_PLUGIN_ROOT) / "good"});
  EXPECT_EQ(host.plugins().size(), 1u);
  ASSERT_EQ(host.problems().size(), 1u);
  EXPECT_EQ(host.searched().size(), 2u);
}

}  // namespace
}  // namespace retort
