// Tests plugin/plugin_probe.cc: the probe process and how its end is reported, with stand-ins for the load
// of a plugin (the real plugins that crash, exit and hang are in plugin_host_test and the CLI tests).
#include "plugin/plugin_probe.h"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>

namespace retort {
namespace {

using std::chrono::milliseconds;
constexpr milliseconds kPlenty{20000};

std::string probe_error(const std::function<bool(LoadObserver&)>& load, milliseconds timeout = kPlenty) {
  Result<bool> r = probe_in_child(load, timeout);
  EXPECT_FALSE(r.ok()) << "the probe finished";
  return r.ok() ? "" : r.error().to_string();
}

TEST(PluginProbe, SaysWhetherTheLoadWasClean) {
  Result<bool> clean = probe_in_child(
      [](LoadObserver& stages) {
        stages.entering(LoadStage::kOpen);
        stages.entering(LoadStage::kEntry);
        return true;
      },
      kPlenty);
  ASSERT_TRUE(clean.ok()) << clean.error().to_string();
  EXPECT_TRUE(*clean);
  Result<bool> refused = probe_in_child([](LoadObserver&) { return false; }, kPlenty);
  ASSERT_TRUE(refused.ok()) << refused.error().to_string();
  EXPECT_FALSE(*refused);
}

TEST(PluginProbe, LoadsInAnotherProcess) {
  const pid_t self = ::getpid();
  int touched = 0;
  Result<bool> r = probe_in_child(
      [&](LoadObserver&) {
        touched = 1;
        return ::getpid() != self;
      },
      kPlenty);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(*r);
  EXPECT_EQ(touched, 0) << "the load ran in this process";
}

TEST(PluginProbe, NamesTheSignalAndTheStage) {
  std::string e = probe_error([](LoadObserver& stages) {
    stages.entering(LoadStage::kInit);
    std::raise(SIGSEGV);
    return true;
  });
  EXPECT_NE(e.find("crashed while loading (segmentation fault in init)"), std::string::npos) << e;
  EXPECT_NE(e.find("hint: this is a bug in the plugin"), std::string::npos) << e;
  e = probe_error([](LoadObserver& stages) {
    stages.entering(LoadStage::kEntry);
    std::abort();
    return true;
  });
  EXPECT_NE(e.find("crashed while loading (aborted in retort_plugin_entry)"), std::string::npos) << e;
  e = probe_error([](LoadObserver& stages) {
    stages.entering(LoadStage::kTables);
    std::raise(SIGBUS);
    return true;
  });
  EXPECT_NE(e.find("crashed while loading (bus error in the checks of its tables)"), std::string::npos) << e;
}

TEST(PluginProbe, NamesAnExitWithItsStatus) {
  std::string e = probe_error([](LoadObserver& stages) {
    stages.entering(LoadStage::kOpen);
    std::exit(0);
    return true;
  });
  EXPECT_NE(e.find("called exit(0) while loading (in its static constructors)"), std::string::npos) << e;
  e = probe_error([](LoadObserver&) {
    ::_exit(7);
    return true;
  });
  EXPECT_EQ(e, "called exit(7) while loading\n  hint: this is a bug in the plugin: report it to the plugin's authors, "
               "and remove the plugin from the plugin folders until it is fixed");
}

TEST(PluginProbe, StopsALoadThatDoesNotFinishInTime) {
  const auto start = std::chrono::steady_clock::now();
  std::string e = probe_error(
      [](LoadObserver& stages) {
        stages.entering(LoadStage::kInit);
        for (;;) ::pause();
        return true;
      },
      milliseconds(300));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_NE(e.find("did not finish loading within 0.3 s (stopped in init)"), std::string::npos) << e;
  EXPECT_NE(e.find("RETORT_PLUGIN_LOAD_TIMEOUT"), std::string::npos) << e;
  int status = 0;
  EXPECT_EQ(::waitpid(-1, &status, WNOHANG), -1) << "the stopped child was reaped";
  EXPECT_EQ(errno, ECHILD);
}

TEST(PluginProbe, KeepsWhatThePluginPrintsOffStandardOutput) {
  ::testing::internal::CaptureStdout();
  Result<bool> r = probe_in_child(
      [](LoadObserver&) {
        std::printf("a plugin's banner\n");
        std::fflush(stdout);
        return true;
      },
      kPlenty);
  EXPECT_EQ(::testing::internal::GetCapturedStdout(), "");
  EXPECT_TRUE(r.ok());
}

#if defined(__SANITIZE_ADDRESS__)
TEST(PluginProbe, NamesASanitizerThatStoppedTheLoad) {
  std::string e = probe_error([](LoadObserver& stages) {
    stages.entering(LoadStage::kInit);
    int* volatile freed = new int(1);
    delete freed;
    return *freed == 1;
  });
  EXPECT_NE(e.find("was stopped by a sanitizer while loading (in init); its report is above"), std::string::npos) << e;
}
#endif

class TimeoutSetting : public ::testing::Test {
 protected:
  void TearDown() override { ::unsetenv("RETORT_PLUGIN_LOAD_TIMEOUT"); }
};

TEST_F(TimeoutSetting, IsTenSecondsByDefault) {
  ::unsetenv("RETORT_PLUGIN_LOAD_TIMEOUT");
  ASSERT_TRUE(plugin_load_timeout().ok());
  EXPECT_EQ(*plugin_load_timeout(), milliseconds(10000));
  EXPECT_EQ(seconds_text(*plugin_load_timeout()), "10 s");
}

TEST_F(TimeoutSetting, TakesSecondsWithFractions) {
  ::setenv("RETORT_PLUGIN_LOAD_TIMEOUT", "2.25", 1);
  ASSERT_TRUE(plugin_load_timeout().ok());
  EXPECT_EQ(*plugin_load_timeout(), milliseconds(2250));
  EXPECT_EQ(seconds_text(milliseconds(2250)), "2.25 s");
  EXPECT_EQ(seconds_text(milliseconds(500)), "0.5 s");
}

TEST_F(TimeoutSetting, RefusesWhatIsNotAPositiveNumberOfSeconds) {
  for (const char* bad : {"ten", "0", "-1", "5s", "1e9", "nan"}) {
    ::setenv("RETORT_PLUGIN_LOAD_TIMEOUT", bad, 1);
    auto t = plugin_load_timeout();
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_NE(t.error().to_string().find(std::string("RETORT_PLUGIN_LOAD_TIMEOUT is '") + bad + "'"), std::string::npos)
        << t.error().to_string();
    EXPECT_NE(t.error().hint_text().find("RETORT_PLUGIN_LOAD_TIMEOUT=30"), std::string::npos);
  }
}

}  // namespace
}  // namespace retort
