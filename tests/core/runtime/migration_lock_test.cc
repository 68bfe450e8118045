// The migration lock (runtime/migration_lock.h) through each native dialect's lock entry (ABI 1.2): on
// PostgreSQL and MariaDB one session holds it and another times out or gets it once it is released; a
// session that ends releases it; SQLite needs none (its write lock serialises).
#include "runtime/migration_lock.h"

#include "live_database.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace retort {
namespace {

using testing::Backend;
using testing::LiveDatabase;

class MigrationLockTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    RETORT_REQUIRE_BACKEND(GetParam());
    live_ = std::make_unique<LiveDatabase>(GetParam(), "lock");
    config_.name = "main";
    config_.url = parse_url(live_->url()).value();
  }
  Database session() {
    auto db = Database::connect(testing::build_plugins(), config_);
    if (!db.ok()) throw std::runtime_error(db.error().to_string());
    return std::move(db).value();
  }
  bool serialised_by_lock() const { return GetParam().dialect != "sqlite"; }

  std::unique_ptr<LiveDatabase> live_;
  DatabaseConfig config_;
};

TEST_P(MigrationLockTest, OneSessionHoldsItTheOtherTimesOut) {
  Database first = session(), second = session();
  auto held = MigrationLock::take(first, 0);
  ASSERT_TRUE(held.ok()) << held.error().to_string();
  auto refused = MigrationLock::take(second, 0);
  if (!serialised_by_lock()) {
    EXPECT_TRUE(refused.ok()) << "SQLite's write lock, not this one, serialises runs";
    return;
  }
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().to_string().find("could not take the migration lock within 0 s"), std::string::npos)
      << refused.error().to_string();
  EXPECT_NE(refused.error().to_string().find("lock_timeout"), std::string::npos);
  ASSERT_TRUE(held->release().ok());
  auto now_free = MigrationLock::take(second, 0);
  EXPECT_TRUE(now_free.ok()) << now_free.error().to_string();
}

TEST_P(MigrationLockTest, AWaitingSessionGetsItWhenTheHolderLetsGo) {
  if (!serialised_by_lock()) GTEST_SKIP() << "SQLite needs no lock";
  Database first = session(), second = session();
  auto held = MigrationLock::take(first, 0);
  ASSERT_TRUE(held.ok()) << held.error().to_string();
  std::thread releaser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    (void)held->release();
  });
  auto waited = MigrationLock::take(second, 30);
  releaser.join();
  EXPECT_TRUE(waited.ok()) << waited.error().to_string();
}

TEST_P(MigrationLockTest, TheServerReleasesItWhenTheSessionEnds) {
  if (!serialised_by_lock()) GTEST_SKIP() << "SQLite needs no lock";
  Database second = session();
  {
    // Taken and never released, as by a run that was killed: only the session's end lets go of it.
    Database first = session();
    auto outcome = first.lock("", "retort:retort_version", 0);
    ASSERT_TRUE(outcome.ok()) << outcome.error().to_string();
    ASSERT_EQ(*outcome, LockOutcome::kGranted);
    EXPECT_FALSE(MigrationLock::take(second, 0).ok()) << "the same lock as the migration lock";
  }
  auto after = MigrationLock::take(second, 5);
  EXPECT_TRUE(after.ok()) << after.error().to_string();
}

INSTANTIATE_TEST_SUITE_P(Native, MigrationLockTest, ::testing::ValuesIn(testing::native_backends()),
                         [](const auto& info) { return testing::test_name(info.param); });

}  // namespace
}  // namespace retort
