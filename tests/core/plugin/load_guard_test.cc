// Tests plugin/load_guard.cc: an exit or a fault while a plugin loads inside retort names the plugin and
// fails the run. Each case ends its process, so each runs as a death test.
#include "plugin/load_guard.h"

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <csignal>
#include <cstdlib>

namespace retort {
namespace {

bool failed(int status) { return !(WIFEXITED(status) && WEXITSTATUS(status) == 0); }

TEST(LoadGuardDeathTest, AnExitWhileLoadingIsNamedAndFailsTheRun) {
  EXPECT_EXIT(
      {
        LoadGuard guard("/plugins/retort_x.so");
        guard.entering(LoadStage::kInit);
        std::exit(0);
      },
      ::testing::ExitedWithCode(1),
      "error: plugin /plugins/retort_x.so: called exit\\(\\) while loading \\(in init\\)\n  hint: this is a bug in the "
      "plugin");
}

TEST(LoadGuardDeathTest, AFaultWhileLoadingIsNamedAndStillEndsTheProcess) {
  EXPECT_EXIT(
      {
        LoadGuard guard("/plugins/retort_x.so");
        guard.entering(LoadStage::kEntry);
        std::raise(SIGSEGV);
        std::exit(0);  // not reached: the signal takes its course
      },
      failed, "error: plugin /plugins/retort_x.so: crashed while loading \\(segmentation fault in retort_plugin_entry\\)");
}

TEST(LoadGuardDeathTest, OnceTheLoadIsOverAnExitIsRetortsOwn) {
  EXPECT_EXIT(
      {
        { LoadGuard guard("/plugins/retort_x.so"); }
        std::exit(3);
      },
      ::testing::ExitedWithCode(3), "");
}

}  // namespace
}  // namespace retort
