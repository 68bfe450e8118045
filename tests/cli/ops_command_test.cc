// `retort ops`: every operation of the catalogue, core and plugin-provided (the ops-views plugin of the
// build), with its fields and provider; `retort ops NAME` in full; an unknown name with the closest one.
// Needs no config.
#include "cli_runner.h"
#include "temp_dir.h"
#include "text_checks.h"

#include "ops/op_catalogue.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

using testing::CliResult;
using testing::contains;

class OpsCommandTest : public ::testing::Test {
 protected:
  CliResult retort(const std::vector<std::string>& args) {
    return testing::run_retort(dir_.path(), args, {"-u", "RETORT_PLUGIN_PATH"});
  }
  testing::TempDir dir_;
};

TEST_F(OpsCommandTest, ListsCoreAndPluginOperationsWithTheirFields) {
  CliResult r = retort({"ops"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const std::string& name : OpCatalogue::core().names()) EXPECT_TRUE(contains(r.out, "\n" + name + " ") ||
                                                                          r.out.rfind(name + " ", 0) == 0) << name;
  EXPECT_TRUE(contains(r.out, "create_view               plugin ops-views\n    required: name, sql\n    optional: replace\n"))
      << r.out;
  EXPECT_TRUE(contains(r.out, "truncate_table            plugin ops-views\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "drop_constraint           core              Drops a primary key")) << r.out;
}

TEST_F(OpsCommandTest, ShowsOneOperationInFull) {
  CliResult r = retort({"ops", "create_foreign_key"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("create_foreign_key (core)\n", 0), 0u) << r.out;
  EXPECT_TRUE(contains(r.out, "ref_columns  required  name or array of names")) << r.out;
  EXPECT_TRUE(contains(r.out, "ondelete     optional  one of: CASCADE, SET NULL, SET DEFAULT, RESTRICT, NO ACTION")) << r.out;
  EXPECT_TRUE(contains(r.out, "undone by drop_constraint")) << r.out;

  CliResult view = retort({"ops", "create_view"});
  ASSERT_EQ(view.exit_code, 0) << view.err;
  EXPECT_EQ(view.out.rfind("create_view (plugin ops-views)\n", 0), 0u) << view.out;
  EXPECT_TRUE(contains(view.out, "sql      required  SQL, or table of dialect = SQL")) << view.out;
}

TEST_F(OpsCommandTest, AnUnknownNameGetsTheClosestOne) {
  CliResult r = retort({"ops", "create_tabel"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "error: no operation named 'create_tabel'\n"
                   "  hint: did you mean 'create_table'? `retort ops` lists every operation\n");
}

TEST_F(OpsCommandTest, APluginThatFailsToLoadIsNamedAfterTheListing) {
  CliResult r = testing::run_retort(dir_.path(), {"ops"}, {"RETORT_PLUGIN_PATH=" RETORT_TEST_PLUGIN_ROOT "/bad_major"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.out, "create_table")) << r.out;
  EXPECT_TRUE(contains(r.err, "error: ")) << r.err;
  EXPECT_TRUE(contains(r.err, "retort_bad_major")) << r.err;
}

}  // namespace
}  // namespace retort
