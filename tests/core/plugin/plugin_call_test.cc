// Tests plugin/plugin_call.cc: what the host makes of a plugin call that breaks the ABI's rules.
#include "plugin/plugin_call.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace retort {
namespace {

TEST(PluginCall, PassesTheThreeStatusesOfTheAbiThrough) {
  retort_error err;
  EXPECT_EQ(call_plugin("f", &err, [] { return RETORT_OK; }), RETORT_OK);
  EXPECT_EQ(call_plugin("f", &err, [] { return RETORT_UNSUPPORTED; }), RETORT_UNSUPPORTED);
  EXPECT_FALSE(err.set);
  EXPECT_EQ(call_plugin("f", &err, [&] {
              err.set = true;
              err.message = "table missing";
              return RETORT_ERROR;
            }),
            RETORT_ERROR);
  EXPECT_EQ(err.message, "table missing");
  EXPECT_FALSE(err.abi_violation);
}

TEST(PluginCall, AnErrorWithoutAReportIsAViolation) {
  retort_error err;
  EXPECT_EQ(call_plugin("the driver's execute", &err, [] { return RETORT_ERROR; }), RETORT_ERROR);
  EXPECT_TRUE(err.abi_violation);
  EXPECT_EQ(err.message, "the driver's execute failed without reporting why (report_error was not called)");
}

TEST(PluginCall, AnUndefinedStatusIsAViolationAndCountsAsAnError) {
  retort_error err;
  EXPECT_EQ(call_plugin("init", &err, [] { return retort_status{7}; }), RETORT_ERROR);
  EXPECT_TRUE(err.abi_violation);
  EXPECT_EQ(err.message, "init returned status 7, which the plugin ABI does not define");
}

TEST(PluginCall, AnEscapingExceptionIsCaughtAndNamed) {
  retort_error err;
  auto st = call_plugin("render", &err, []() -> retort_status { throw std::runtime_error("boom"); });
  EXPECT_EQ(st, RETORT_ERROR);
  EXPECT_TRUE(err.abi_violation);
  EXPECT_EQ(err.message, "render let a C++ exception escape across the plugin ABI: boom");

  retort_error other;
  call_plugin("render", &other, []() -> retort_status { throw 42; });
  EXPECT_EQ(other.message, "render let a C++ exception escape across the plugin ABI (not a std::exception)");
}

TEST(PluginCall, AViolationReplacesHalfReportedDetails) {
  retort_error err;
  call_plugin("query", &err, [&]() -> retort_status {
    err.set = true;
    err.statement = "SELECT 1";
    throw std::runtime_error("late");
  });
  EXPECT_TRUE(err.statement.empty());
  EXPECT_EQ(err.message, "query let a C++ exception escape across the plugin ABI: late");
}

TEST(PluginCall, ADriverMayNotAnswerUnsupported) {
  retort_error err;
  EXPECT_EQ(call_driver("the driver's begin", &err, [] { return RETORT_UNSUPPORTED; }), RETORT_ERROR);
  EXPECT_TRUE(err.abi_violation);
  EXPECT_EQ(err.message, "the driver's begin answered RETORT_UNSUPPORTED, which a driver function may not");
  retort_error fine;
  EXPECT_EQ(call_driver("the driver's begin", &fine, [] { return RETORT_OK; }), RETORT_OK);
  EXPECT_FALSE(fine.set);
}

TEST(PluginCall, AVoidCallSwallowsAnExceptionWhenNobodyAsks) {
  bool ran = false;
  call_plugin_void("disconnect", nullptr, [&] {
    ran = true;
    throw std::runtime_error("ignored");
  });
  EXPECT_TRUE(ran);
  retort_error err;
  call_plugin_void("disconnect", &err, [] { throw std::runtime_error("kept"); });
  EXPECT_TRUE(err.abi_violation);
}

}  // namespace
}  // namespace retort
