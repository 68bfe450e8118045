// Feeding a plan to a run (runtime/plan_feed.h): steps prepared on another thread come in plan order, the
// same as a plan prepared in full; a problem in any step is reported with every other one, in plan order;
// a run that stops early does not wait for the rest.
#include "runtime/plan_feed.h"

#include "plan_fixture.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

class PlanFeedTest : public testing::PlanFixture {};

TEST_F(PlanFeedTest, StepsPreparedWhileTheRunGoesOnAreThoseOfThePlanInOrder) {
  write_index_line(300, {});
  CheckedScripts checked = this->checked();
  Database mysql = offline("mysql");
  const auto steps = upgrade_all(checked.map());
  auto whole = Plan::prepare(checked, mysql, OpCatalogue::core(), steps);
  ASSERT_TRUE(whole.ok()) << whole.error().to_string();

  PlanFeed feed(checked, mysql, OpCatalogue::core(), steps);
  EXPECT_TRUE(feed.preparing());
  ASSERT_EQ(feed.size(), 300u);
  EXPECT_EQ(checked.map().id(feed.step(299).revision), line_id(299)) << "known before it is prepared";
  for (size_t i = 0; i < feed.size(); ++i) {
    auto step = feed.prepared(i);
    ASSERT_TRUE(step.ok()) << step.error().to_string();
    EXPECT_EQ(checked.map().id((*step)->step.revision), line_id(i));
    ASSERT_EQ((*step)->resolved.size(), 1u);
    EXPECT_EQ((*step)->resolved[0], whole->steps[i].resolved[0]);
    EXPECT_TRUE((*step)->transactional);
  }
  EXPECT_TRUE(feed.finish().ok());
}

TEST_F(PlanFeedTest, AStepWithAProblemGivesEveryProblemOfThePlanInOrder) {
  write_index_line(300, {150, 7, 299});
  CheckedScripts checked = this->checked();
  Database mysql = offline("mysql");
  PlanFeed feed(checked, mysql, OpCatalogue::core(), upgrade_all(checked.map()));
  for (size_t i = 0; i < 7; ++i) EXPECT_TRUE(feed.prepared(i).ok()) << "the steps before the first problem run";
  auto seventh = feed.prepared(7);
  ASSERT_FALSE(seventh.ok());
  const std::string text = seventh.error().to_string();
  EXPECT_NE(text.find("nothing was applied; 3 problems"), std::string::npos) << text;
  const size_t first = text.find("b0007_r.toml"), second = text.find("b0150_r.toml"), third = text.find("b0299_r.toml");
  ASSERT_NE(third, std::string::npos) << "a problem far ahead of the run is reported too: " << text;
  EXPECT_LT(first, second) << text;
  EXPECT_LT(second, third) << text;
  Status all = feed.finish();
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.error().to_string(), text);
}

TEST_F(PlanFeedTest, APlanPreparedInFullIsFedAsIs) {
  write_index_line(3, {});
  CheckedScripts checked = this->checked();
  Database sqlite = offline("sqlite");
  auto whole = Plan::prepare(checked, sqlite, OpCatalogue::core(), upgrade_all(checked.map()));
  ASSERT_TRUE(whole.ok());
  PlanFeed feed(std::move(whole).value());
  EXPECT_FALSE(feed.preparing());
  ASSERT_EQ(feed.size(), 3u);
  EXPECT_TRUE(feed.finish().ok());
  auto last = feed.prepared(2);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(checked.map().id((*last)->step.revision), "b0002");
}

// A run that fails drops its feed wherever the preparing thread is (under ASan in CI, any use of a step
// after that would show).
TEST_F(PlanFeedTest, ARunThatStopsEarlyDropsTheFeedWhereverItIs) {
  write_index_line(1000, {});
  CheckedScripts checked = this->checked();
  Database sqlite = offline("sqlite");
  const auto steps = upgrade_all(checked.map());
  for (size_t taken : {size_t{0}, size_t{1}, size_t{500}, size_t{1000}}) {
    PlanFeed feed(checked, sqlite, OpCatalogue::core(), steps);
    for (size_t i = 0; i < taken; ++i) ASSERT_TRUE(feed.prepared(i).ok());
  }
}

}  // namespace
}  // namespace retort
