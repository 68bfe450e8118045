// examples/fleet as its README runs it: make_control.sh lists 200 active tenants, and four sharded runs
// (--shard 0/4 ... 3/4) upgrade every tenant exactly once between them.
#include "cli_runner.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

namespace retort {
namespace {

namespace fs = std::filesystem;

std::set<std::string> tenant_files(const fs::path& folder) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(folder)) out.insert(e.path().stem().string());
  return out;
}

TEST(FleetExample, FourShardsUpgradeAllTwoHundredTenantsOnce) {
  if (std::system("command -v sqlite3 >/dev/null 2>&1") != 0) GTEST_SKIP() << "make_control.sh needs the sqlite3 program";
  testing::TempDir dir;
  const fs::path project = dir / "fleet";
  fs::copy(fs::path(RETORT_SOURCE_DIR) / "examples/fleet", project, fs::copy_options::recursive);
  ASSERT_EQ(std::system(("'" + (project / "make_control.sh").string() + "' >/dev/null").c_str()), 0);

  ASSERT_EQ(testing::run_retort(project, {"check"}).exit_code, 0);
  size_t total = 0;
  for (int i = 0; i < 4; ++i) {
    const size_t before = tenant_files(project / "data/tenants").size();
    auto r = testing::run_retort(project, {"-q", "--jobs", "2", "--shard", std::to_string(i) + "/4", "upgrade", "heads"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const size_t ran = tenant_files(project / "data/tenants").size() - before;
    EXPECT_GT(ran, 20u) << "shard " << i;  // about 50 each
    total += ran;
  }
  EXPECT_EQ(total, 200u);
  const auto files = tenant_files(project / "data/tenants");
  EXPECT_EQ(files.size(), 200u);
  EXPECT_EQ(files.count("acme"), 1u);
  EXPECT_EQ(files.count("closed01"), 0u);  // inactive tenants are no members
  for (const auto& t : files)
    EXPECT_EQ(testing::sqlite_query(project / ("data/tenants/" + t + ".db"), "SELECT version_num FROM retort_version"),
              "7a11e0f1e003")
        << t;
  auto r = testing::run_retort(project, {"--engine", "tenants/acme", "current"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("7a11e0f1e003 (head)"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace retort
