// The temporary scratch databases of `scratch = "auto"` on PostgreSQL and MariaDB (natively and over
// ODBC): created and always dropped, after a failed run and an interrupted one too; what a kill -9 leaves
// behind is dropped by the next run once it is older than the lock timeout, and never while a session
// holds it or while it is young enough that its creator may not have locked it yet.
#include "schema/temporary_database.h"

#include "background_retort.h"
#include "cli_runner.h"
#include "live_database.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <csignal>
#include <random>
#include <set>
#include <thread>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::Backend;
using testing::LiveDatabase;

std::vector<Backend> server_backends() {
  std::vector<Backend> out;
  for (const auto& b : testing::all_backends())
    if (b.dialect != "sqlite") out.push_back(b);
  return out;
}

int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// A scratch name as retort makes them, created at `seconds`.
std::string scratch_name(int64_t seconds) {
  static std::mt19937 random{std::random_device{}()};
  char hex[16];
  std::snprintf(hex, sizeof hex, "%08llx%04x", static_cast<unsigned long long>(seconds), unsigned(random() & 0xffff));
  return std::string(TemporaryDatabase::kPrefix) + hex;
}

class TemporaryDatabaseTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    RETORT_REQUIRE_BACKEND(GetParam());
    live_ = std::make_unique<LiveDatabase>(GetParam(), "tmpdb");
    config_.name = "main";
    config_.url = parse_url(live_->url()).value();
    config_.scratch_auto = true;
  }
  void TearDown() override {
    for (const auto& name : made_) drop(name);
  }

  std::set<std::string> scratch_databases() {
    const std::string sql = GetParam().dialect == "postgresql"
                                ? "SELECT datname FROM pg_database WHERE datname LIKE 'retort\\_scratch\\_%'"
                                : "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'retort\\_scratch\\_%'";
    auto rows = live_->connection().query(sql);
    EXPECT_TRUE(rows.ok()) << rows.error().to_string();
    std::set<std::string> names;
    if (rows.ok())
      for (const auto& r : *rows) names.insert(*r[0]);
    return names;
  }
  bool exists(const std::string& name) { return scratch_databases().count(name) > 0; }
  void make(const std::string& name) {
    live_->execute("CREATE DATABASE " + name);
    made_.push_back(name);
  }
  void drop(const std::string& name) {
    (void)live_->connection().execute("DROP DATABASE IF EXISTS " + name +
                                      (GetParam().dialect == "postgresql" ? " WITH (FORCE)" : ""));
  }
  DatabaseConfig config_of(const std::string& database) {
    DatabaseConfig c = config_;
    c.url.database = database;
    return c;
  }
  // A project whose check replays a tree of 120 tables into scratch = "auto": long enough to be caught.
  fs::path project(int lock_timeout) {
    testing::write_project(project_.path(), "url = \"" + live_->url() + "\"\nschema = [\"schema/main.toml\"]\nscratch = \"auto\"\n",
                           "lock_timeout = " + std::to_string(lock_timeout) + "\n");
    std::string schema = "format = 1\n";
    for (int i = 0; i < 120; ++i)
      schema += "\n[[table]]\nname = \"t" + std::to_string(i) +
                "\"\ncolumns = [ { name = \"id\", type = \"integer\", primary_key = true },"
                " { name = \"v\", type = \"string(40)\" } ]\n";
    testing::write_file(project_.path() / "schema" / "main.toml", schema);
    return project_.path();
  }
  // The scratch database a background run creates, once it appears (empty if none does in 60 s).
  std::string wait_for_new_scratch(testing::BackgroundRetort& run, const std::set<std::string>& before) {
    for (int i = 0; i < 600 && run.running(); ++i) {
      for (const auto& name : scratch_databases())
        if (!before.count(name)) return name;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return "";
  }

  std::unique_ptr<LiveDatabase> live_;
  DatabaseConfig config_;
  std::vector<std::string> made_;
  testing::TempDir project_;
};

TEST_P(TemporaryDatabaseTest, IsCreatedUsableAndDropped) {
  std::string name;
  {
    auto temporary = TemporaryDatabase::create(testing::build_plugins(), config_, 300);
    ASSERT_TRUE(temporary.ok()) << temporary.error().to_string();
    name = (*temporary)->config().url.database;
    EXPECT_EQ(name.rfind("retort_scratch_", 0), 0u) << name;
    EXPECT_EQ(name.size(), std::string("retort_scratch_").size() + 12) << name;
    EXPECT_TRUE(exists(name));
    auto session = Database::connect(testing::build_plugins(), (*temporary)->config());
    ASSERT_TRUE(session.ok()) << session.error().to_string();
    ASSERT_TRUE(TemporaryDatabase::hold(*session).ok());
    EXPECT_TRUE(session->execute("CREATE TABLE t (id INTEGER)").ok());
  }  // the session ends first, then the database is dropped
  EXPECT_FALSE(exists(name));
}

TEST_P(TemporaryDatabaseTest, StaleOnesAreDroppedHeldAndYoungOnesKept) {
  const std::string stale = scratch_name(1), held = scratch_name(2), young = scratch_name(now_seconds());
  const std::string not_ours = std::string(TemporaryDatabase::kPrefix) + "mine";
  for (const auto& name : {stale, held, young, not_ours}) make(name);
  auto connected = Database::connect(testing::build_plugins(), config_of(held));
  ASSERT_TRUE(connected.ok()) << connected.error().to_string();
  auto holder = std::make_unique<Database>(std::move(connected).value());
  ASSERT_TRUE(TemporaryDatabase::hold(*holder).ok());
  {
    auto temporary = TemporaryDatabase::create(testing::build_plugins(), config_, 1);
    ASSERT_TRUE(temporary.ok()) << temporary.error().to_string();
  }
  EXPECT_FALSE(exists(stale));
  EXPECT_TRUE(exists(held)) << "a session holds it: a run is still using it";
  EXPECT_TRUE(exists(young)) << "its creator may not have locked it yet";
  EXPECT_TRUE(exists(not_ours)) << "not a name retort makes";

  // Once its session ends, the held one is stale too. The server lets go of a session's locks when it
  // notices the session is gone, which may be a moment after the client closed it.
  holder.reset();
  for (int i = 0; i < 100; ++i) {
    auto probe = Database::connect(testing::build_plugins(), config_of(held));
    ASSERT_TRUE(probe.ok()) << probe.error().to_string();
    auto outcome = probe->lock("", "retort:scratch", 0);
    ASSERT_TRUE(outcome.ok()) << outcome.error().to_string();
    if (*outcome == LockOutcome::kGranted) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  {
    auto temporary = TemporaryDatabase::create(testing::build_plugins(), config_, 1);
    ASSERT_TRUE(temporary.ok()) << temporary.error().to_string();
  }
  EXPECT_FALSE(exists(held));
  EXPECT_TRUE(exists(young));
}

TEST_P(TemporaryDatabaseTest, IsDroppedWhenTheRunFails) {
  const fs::path dir = project(300);
  // A revision whose replay fails half way.
  testing::write_file(dir / "migrations" / "versions" / "a1.toml",
                      "revision = \"a1\"\ndown_revision = \"\"\nmessage = \"broken\"\n\n"
                      "[[upgrade]]\nop = \"create_table\"\ntable = \"t0\"\n"
                      "columns = [ { name = \"id\", type = \"integer\", primary_key = true } ]\n\n"
                      "[[upgrade]]\nop = \"execute\"\nsql = \"SELECT no_such_column FROM t0\"\n");
  const std::set<std::string> before = scratch_databases();
  testing::CliResult r = testing::run_retort(dir, {"revision", "--autogenerate", "-m", "x"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("no_such_column"), std::string::npos) << r.err;
  EXPECT_EQ(scratch_databases(), before);
}

TEST_P(TemporaryDatabaseTest, IsDroppedWhenTheRunIsInterrupted) {
  const fs::path dir = project(300);
  for (int sig : {SIGINT, SIGTERM}) {
    const std::set<std::string> before = scratch_databases();
    testing::BackgroundRetort run(dir, {"check"});
    const std::string name = wait_for_new_scratch(run, before);
    ASSERT_FALSE(name.empty()) << "no scratch database appeared: " << run.err();
    run.signal(sig);
    EXPECT_EQ(run.wait(), 128 + sig) << run.err();
    EXPECT_FALSE(exists(name)) << strsignal(sig);
  }
}

TEST_P(TemporaryDatabaseTest, WhatKillLeavesIsDroppedByTheNextRun) {
  if (GetParam().odbc) GTEST_SKIP() << "the same statements as natively; the wait for staleness is 10 s per run";
  const fs::path dir = project(1);
  const std::set<std::string> before = scratch_databases();
  std::string name;
  {
    testing::BackgroundRetort run(dir, {"check"});
    name = wait_for_new_scratch(run, before);
    ASSERT_FALSE(name.empty()) << "no scratch database appeared: " << run.err();
    run.signal(SIGKILL);
    EXPECT_EQ(run.wait(), 128 + SIGKILL);
  }
  made_.push_back(name);  // dropped at the end whatever happens
  EXPECT_TRUE(exists(name)) << "kill -9 leaves it (nothing in the process can run)";
  // Past the shortest age a database is taken for stale at (10 s), the next run drops it.
  const int64_t created = static_cast<int64_t>(std::stoull(name.substr(name.size() - 12, 8), nullptr, 16));
  while (now_seconds() - created <= 11) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  testing::CliResult r = testing::run_retort(dir, {"check"});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // the tree is empty, the schema is not: a difference
  EXPECT_FALSE(exists(name));
}

INSTANTIATE_TEST_SUITE_P(Servers, TemporaryDatabaseTest, ::testing::ValuesIn(server_backends()),
                         [](const auto& info) { return testing::test_name(info.param); });

}  // namespace
}  // namespace retort
