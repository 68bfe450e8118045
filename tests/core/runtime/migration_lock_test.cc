// The migration lock (runtime/migration_lock.h) through each native dialect's lock entry (ABI 1.2): on
// PostgreSQL and MariaDB one session holds it and another times out or gets it once it is released; a
// session that ends releases it; SQLite needs none (its write lock serialises).
#include "runtime/migration_lock.h"

#include "live_database.h"

#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
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

TEST_P(MigrationLockTest, SQLiteWaitsForTheWriteLockAsLongAsTheLockTimeout) {
  if (serialised_by_lock()) GTEST_SKIP() << "only SQLite sets a busy timeout from the lock";
  // take() first tries without waiting; the timeout SQLite's BEGIN IMMEDIATE then waits is the real one.
  Database db = session();
  auto taken = MigrationLock::take(db, 7);
  ASSERT_TRUE(taken.ok()) << taken.error().to_string();
  auto timeout = db.query("PRAGMA busy_timeout");
  ASSERT_TRUE(timeout.ok()) << timeout.error().to_string();
  ASSERT_FALSE(timeout->empty());
  EXPECT_EQ(*timeout->front()[0], "7000");
}

TEST_P(MigrationLockTest, AWaitIsAnnouncedNamingTheHolder) {
  if (!serialised_by_lock()) GTEST_SKIP() << "SQLite needs no lock";
  Database first = session(), second = session();
  auto held = MigrationLock::take(first, 0);
  ASSERT_TRUE(held.ok()) << held.error().to_string();
  std::thread releaser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    (void)held->release();
  });
  std::ostringstream waiting;
  auto waited = MigrationLock::take(second, 30, &waiting);
  releaser.join();
  ASSERT_TRUE(waited.ok()) << waited.error().to_string();
  const std::string holder = GetParam().dialect == "postgresql" ? "(held by pid " : "(held by connection ";
  EXPECT_EQ(waiting.str().rfind("Waiting for the migration lock on database 'main' " + holder, 0), 0u) << waiting.str();
  EXPECT_NE(waiting.str().find("; waiting up to 30 s)\n"), std::string::npos) << waiting.str();

  ASSERT_TRUE(waited->release().ok());
  std::ostringstream silent;
  auto free_now = MigrationLock::take(first, 30, &silent);
  EXPECT_TRUE(free_now.ok());
  EXPECT_EQ(silent.str(), "") << "a free lock is taken without a word";
}

INSTANTIATE_TEST_SUITE_P(Native, MigrationLockTest, ::testing::ValuesIn(testing::native_backends()),
                         [](const auto& info) { return testing::test_name(info.param); });

}  // namespace
}  // namespace retort
