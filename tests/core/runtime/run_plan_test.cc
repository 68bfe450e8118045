// Plans (runtime/run_plan.h): revision files are checked once before any plan is made from them, and a
// plan resolves every operation for the database's dialect and collects every problem before anything runs.
#include "runtime/run_plan.h"

#include "plan_fixture.h"

namespace retort {
namespace {

namespace fs = std::filesystem;

class RunPlanTest : public testing::PlanFixture {
 protected:
  // What preparing the upgrade to heads on an offline `dialect` database reports; "" when it succeeds.
  std::string problems_on(const std::string& dialect) {
    auto checked = CheckedScripts::check(scripts(), OpCatalogue::core(), {"main"}, "test");
    if (!checked.ok()) return "check failed: " + checked.error().to_string();
    Database db = offline(dialect);
    auto plan = Plan::prepare(*checked, db, OpCatalogue::core(), upgrade_all(checked->map()));
    return plan.ok() ? std::string() : plan.error().to_string();
  }
};

TEST_F(RunPlanTest, RevisionFilesThatFailTheCheckGiveNoCheckedScripts) {
  write("a1", "", "[[upgrade]]\nop = \"create_tabel\"\ntable = \"t\"\n");
  write("a2", "a1", "[[upgrade_nowhere]]\nop = \"drop_table\"\ntable = \"t\"\n");
  auto checked = CheckedScripts::check(scripts(), OpCatalogue::core(), {"main"}, "test");
  ASSERT_FALSE(checked.ok());
  const std::string text = checked.error().to_string();
  EXPECT_NE(text.find("a1_r.toml"), std::string::npos) << text;
  EXPECT_NE(text.find("create_table"), std::string::npos) << "the closest known operation: " << text;
  EXPECT_NE(text.find("upgrade_nowhere"), std::string::npos) << "every problem at once: " << text;
}

TEST_F(RunPlanTest, APlanResolvesEveryOperationForTheDialect) {
  write("a1", "", "[[upgrade]]\nop = \"create_table\"\ntable = \"t\"\n"
                  "columns = [{ name = \"doc\", type = { mysql = \"json\", default = \"text\" } }]\n");
  auto checked = CheckedScripts::check(scripts(), OpCatalogue::core(), {"main"}, "test");
  ASSERT_TRUE(checked.ok()) << checked.error().to_string();
  Database mysql = offline("mysql");
  auto plan = Plan::prepare(*checked, mysql, OpCatalogue::core(), upgrade_all(checked->map()));
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  ASSERT_EQ(plan->steps.size(), 1u);
  ASSERT_EQ(plan->steps[0].resolved.size(), 1u);
  const auto* columns = plan->steps[0].resolved[0]["columns"].as_array();
  ASSERT_NE(columns, nullptr);
  EXPECT_EQ((*columns->get(0)->as_table())["type"].value_or(std::string()), "json");
}

TEST_F(RunPlanTest, EveryProblemTheDialectFindsIsReportedAndThereIsNoPlan) {
  // MariaDB has no partial indexes: both steps are refused, each named.
  auto partial_index = [](const std::string& table) {
    return "[[upgrade]]\nop = \"create_table\"\ntable = \"" + table + "\"\ncolumns = [{ name = \"x\", type = \"integer\" }]\n\n"
           "[[upgrade]]\nop = \"create_index\"\nname = \"ix_" + table + "\"\ntable = \"" + table +
           "\"\ncolumns = [\"x\"]\nwhere = \"x > 0\"\n";
  };
  write("a1", "", partial_index("t1"));
  write("a2", "a1", partial_index("t2"));
  const std::string text = problems_on("mysql");
  EXPECT_NE(text.find("nothing was applied; 2 problems"), std::string::npos) << text;
  EXPECT_NE(text.find("a1_r.toml"), std::string::npos) << text;
  EXPECT_NE(text.find("a2_r.toml"), std::string::npos) << text;
}

// A long plan is prepared on several threads; its problems still come in the order of the plan.
TEST_F(RunPlanTest, ALongPlansProblemsComeInPlanOrder) {
  write_index_line(300, {7, 150, 299});
  const std::string text = problems_on("mysql");
  EXPECT_NE(text.find("nothing was applied; 3 problems"), std::string::npos) << text;
  const size_t first = text.find("b0007_r.toml"), second = text.find("b0150_r.toml"), third = text.find("b0299_r.toml");
  ASSERT_NE(first, std::string::npos) << text;
  ASSERT_NE(second, std::string::npos) << text;
  ASSERT_NE(third, std::string::npos) << text;
  EXPECT_LT(first, second) << text;
  EXPECT_LT(second, third) << text;

  auto checked = CheckedScripts::check(scripts(), OpCatalogue::core(), {"main"}, "test");
  ASSERT_TRUE(checked.ok()) << checked.error().to_string();
  Database sqlite = offline("sqlite");
  auto fine = Plan::prepare(*checked, sqlite, OpCatalogue::core(), upgrade_all(checked->map()));
  ASSERT_TRUE(fine.ok()) << fine.error().to_string();
  ASSERT_EQ(fine->steps.size(), 300u);
  for (size_t i = 0; i < fine->steps.size(); ++i) {
    EXPECT_EQ(checked->map().id(fine->steps[i].step.revision), line_id(i));
    ASSERT_EQ(fine->steps[i].resolved.size(), 1u);
  }
}

// The revision cache remembers the check (script/revision_cache.h): an unchanged file checked under the same
// key is neither parsed nor checked again, and no cache ever hides an error in a changed file.
TEST_F(RunPlanTest, AFileCheckedUnderTheSameKeyIsNeitherParsedNorCheckedAgain) {
  testing::TempDir cache;
  setenv("RETORT_CACHE_DIR", cache.path().c_str(), 1);
  write("a1", "", "[[upgrade]]\nop = \"create_table\"\ntable = \"t\"\ncolumns = [{ name = \"x\", type = \"integer\" }]\n");
  write("a2", "a1", "[[upgrade]]\nop = \"drop_table\"\ntable = \"t\"\n");
  ASSERT_TRUE(CheckedScripts::check(scripts(), OpCatalogue::core(), {"main"}, "k1").ok());

  const ScriptDirectory& warm = scripts();
  EXPECT_TRUE(warm.checked_under(0, "k1"));
  EXPECT_FALSE(warm.checked_under(0, "k2"));
  ASSERT_TRUE(CheckedScripts::check(warm, OpCatalogue::core(), {"main"}, "k1").ok());
  EXPECT_FALSE(warm.parsed(0)) << "checked before, unchanged: not parsed";
  EXPECT_FALSE(warm.parsed(1));
  ASSERT_TRUE(CheckedScripts::check(warm, OpCatalogue::core(), {"main"}, "k2").ok());
  EXPECT_TRUE(warm.parsed(0)) << "another catalogue or plugin set: checked again";

  write("a2", "a1", "[[upgrade]]\nop = \"drop_tabel\"\ntable = \"t\"\n");
  auto broken = CheckedScripts::check(scripts(), OpCatalogue::core(), {"main"}, "k1");
  ASSERT_FALSE(broken.ok()) << "a changed file is checked again";
  EXPECT_NE(broken.error().to_string().find("a2_r.toml"), std::string::npos) << broken.error().to_string();
  EXPECT_FALSE(scripts().checked_under(1, "k1"));

  // The plan parses exactly the revisions it runs.
  write("a2", "a1", "[[upgrade]]\nop = \"drop_table\"\ntable = \"t\"\n");
  ASSERT_TRUE(CheckedScripts::check(scripts(), OpCatalogue::core(), {"main"}, "k1").ok());
  auto checked = CheckedScripts::check(scripts(), OpCatalogue::core(), {"main"}, "k1");
  ASSERT_TRUE(checked.ok());
  Database sqlite = offline("sqlite");
  Planner planner(checked->map(), {0});
  auto steps = planner.plan_upgrade("heads");
  ASSERT_TRUE(steps.ok());
  ASSERT_TRUE(Plan::prepare(*checked, sqlite, OpCatalogue::core(), *steps).ok());
  EXPECT_FALSE(checked->scripts().parsed(0)) << "a1 is applied already";
  EXPECT_TRUE(checked->scripts().parsed(1));
  unsetenv("RETORT_CACHE_DIR");
}

// A plan that passed is remembered per database (dialect and sections), direction and check key, so the
// next run on an unchanged file may start before preparing it (runtime/plan_feed.h); nothing else counts.
TEST_F(RunPlanTest, APlanThatPassedIsRememberedForTheSameKindOfDatabaseOnly) {
  testing::TempDir cache;
  setenv("RETORT_CACHE_DIR", cache.path().c_str(), 1);
  write("a1", "", "[[upgrade]]\nop = \"create_table\"\ntable = \"t\"\ncolumns = [{ name = \"x\", type = \"integer\" }]\n");
  write("a2", "a1", "[[upgrade]]\nop = \"create_index\"\nname = \"ix\"\ntable = \"t\"\ncolumns = [\"x\"]\nwhere = \"x > 0\"\n");
  CheckedScripts first = checked();
  Database sqlite = offline("sqlite");
  const auto steps = upgrade_all(first.map());
  EXPECT_FALSE(first.plan_checked(sqlite, steps));
  ASSERT_TRUE(Plan::prepare(first, sqlite, OpCatalogue::core(), steps).ok());
  EXPECT_TRUE(first.plan_checked(sqlite, steps));

  CheckedScripts reloaded = checked();
  EXPECT_TRUE(reloaded.plan_checked(sqlite, steps)) << "kept in the revision cache";
  Database mysql = offline("mysql");
  EXPECT_FALSE(reloaded.plan_checked(mysql, steps)) << "another dialect";
  EXPECT_FALSE(Plan::prepare(reloaded, mysql, OpCatalogue::core(), steps).ok()) << "MariaDB has no partial index";
  EXPECT_FALSE(reloaded.plan_checked(mysql, {steps[0]})) << "a plan with problems remembers nothing";
  config_.name = "other";
  EXPECT_FALSE(reloaded.plan_checked(sqlite, steps)) << "another database: its own sections";
  config_.name = "main";
  std::vector<MigrationStep> down = steps;
  for (auto& s : down) s.upgrade = false;
  EXPECT_FALSE(reloaded.plan_checked(sqlite, down)) << "the other direction";
  auto other_key = CheckedScripts::check(scripts(), OpCatalogue::core(), {"main"}, "another retort");
  ASSERT_TRUE(other_key.ok());
  EXPECT_FALSE(other_key->plan_checked(sqlite, steps)) << "another catalogue, plugin set or retort version";
  unsetenv("RETORT_CACHE_DIR");
}

}  // namespace
}  // namespace retort
