// Fleets through the command line (core/cli/cli_context.cc, config/fleet_config.cc): members selected with
// --engine FLEET and FLEET/NAME, --shard parts whose union is the selection, sources read only by commands
// that need databases, and a schema per tenant on PostgreSQL (100 schemas in one database).
#include "cli_runner.h"
#include "live_database.h"
#include "temp_dir.h"
#include "text_checks.h"

#include <gtest/gtest.h>

#include <set>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::CliResult;
using testing::contains;
using testing::write_file;

const char* kRevision = R"toml(revision = "a1"
down_revision = ""
message = "create customer"

[[upgrade]]
op = "create_table"
table = "customer"
columns = [{ name = "id", type = "integer", primary_key = true }, { name = "name", type = "string(40)" }]
)toml";

// The files of the tenants' folder, by stem.
std::set<std::string> tenant_files(const fs::path& folder) {
  std::set<std::string> out;
  if (fs::exists(folder))
    for (const auto& e : fs::directory_iterator(folder)) out.insert(e.path().stem().string());
  return out;
}

class FleetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "migrations/versions");
    fs::create_directories(dir_ / "t");
    write_file(dir_ / "migrations/versions/a1_create_customer.toml", kRevision);
    write_file(dir_ / "retort.toml", R"([retort]
script_location = "migrations"

[databases.main]
url = "sqlite:///${here}/main.db"

[fleets.tenants]
source = { file = "tenants.txt" }
url = "sqlite:///${here}/t/{name}.db"
)");
    tenants({"acme", "beta", "gamma"});
  }
  void tenants(const std::vector<std::string>& names) {
    std::string text = "# tenants\n";
    for (const auto& n : names) text += n + "\n";
    write_file(dir_ / "tenants.txt", text);
  }
  CliResult retort(const std::vector<std::string>& args) { return testing::run_retort(dir_.path(), args); }
  std::string version(const std::string& tenant) {
    return testing::sqlite_query(dir_ / ("t/" + tenant + ".db"), "SELECT version_num FROM retort_version");
  }

  testing::TempDir dir_;
};

TEST_F(FleetTest, WithoutEngineEveryDatabaseAndEveryMemberRuns) {
  CliResult r = retort({"-v", "upgrade", "heads"});  // a fleet's per-member lines show with -v
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir_ / "main.db"));
  EXPECT_EQ(tenant_files(dir_ / "t"), (std::set<std::string>{"acme", "beta", "gamma"}));
  EXPECT_EQ(version("beta"), "a1");
  // Plain databases first, then the members in the source's order.
  const size_t main = r.err.find("main"), acme = r.err.find("tenants/acme"), gamma = r.err.find("tenants/gamma");
  ASSERT_NE(acme, std::string::npos) << r.err;
  EXPECT_LT(main, acme) << r.err;
  EXPECT_LT(acme, gamma) << r.err;
}

TEST_F(FleetTest, MembersRunTheirFleetsOwnSections) {
  write_file(dir_ / "migrations/versions/b2_tenant_settings.toml", R"toml(revision = "b2"
down_revision = "a1"
message = "tenant settings"

[[upgrade_tenants]]
op = "create_table"
table = "settings"
columns = [{ name = "id", type = "integer", primary_key = true }]
)toml");
  CliResult r = retort({"upgrade", "heads"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(testing::sqlite_query(dir_ / "t/acme.db", "SELECT name FROM sqlite_master WHERE name = 'settings'"),
            "settings");
  EXPECT_EQ(testing::sqlite_query(dir_ / "main.db", "SELECT count(*) FROM sqlite_master WHERE name = 'settings'"), "0");
  r = retort({"--engine", "tenants/acme", "downgrade", "a1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(testing::sqlite_query(dir_ / "t/acme.db", "SELECT count(*) FROM sqlite_master WHERE name = 'settings'"), "0");
}

TEST_F(FleetTest, EngineSelectsAFleetOrAMember) {
  CliResult r = retort({"--engine", "tenants/beta", "upgrade", "heads"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(tenant_files(dir_ / "t"), std::set<std::string>{"beta"});
  EXPECT_FALSE(fs::exists(dir_ / "main.db"));
  r = retort({"--engine", "main,tenants/gamma", "--engine", "tenants/gamma", "upgrade", "heads"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(tenant_files(dir_ / "t"), (std::set<std::string>{"beta", "gamma"}));
  EXPECT_TRUE(fs::exists(dir_ / "main.db"));
  r = retort({"--engine", "tenants", "upgrade", "heads"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(tenant_files(dir_ / "t"), (std::set<std::string>{"acme", "beta", "gamma"}));
  r = retort({"--engine", "tenants/acme", "current"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "a1 (head)")) << r.out;
}

TEST_F(FleetTest, AnUnknownMemberOrNameIsAnError) {
  CliResult r = retort({"--engine", "tenants/zeta", "upgrade", "heads"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "error: no member 'zeta' in fleet tenants (3 members)")) << r.err;
  r = retort({"--engine", "tenant", "upgrade", "heads"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "error: no database or fleet named 'tenant'")) << r.err;
  EXPECT_TRUE(contains(r.err, "hint: did you mean 'tenants'? configured databases: main; fleets: tenants (members "
                              "tenants/NAME)"))
      << r.err;
  EXPECT_TRUE(tenant_files(dir_ / "t").empty());
}

TEST_F(FleetTest, CommandsThatNeedNoDatabaseNeverReadTheSource) {
  fs::remove(dir_ / "tenants.txt");
  CliResult r = retort({"heads"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "a1 (head)")) << r.out;
  r = retort({"check"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "main (sqlite), tenants (sqlite)")) << r.out;
  r = retort({"history"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = retort({"upgrade", "heads"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "retort.toml:8: fleet tenants: reading its source (file " + (dir_ / "tenants.txt").string()))
      << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "main.db"));  // nothing ran
}

TEST_F(FleetTest, AnUnsafeNameInTheSourceStopsTheRun) {
  tenants({"acme", "../main"});
  CliResult r = retort({"upgrade", "heads"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "'../main' does not start with a letter or digit")) << r.err;
  EXPECT_TRUE(tenant_files(dir_ / "t").empty());
}

TEST_F(FleetTest, AnEmptyFleetIsSaid) {
  tenants({});
  CliResult r = retort({"upgrade", "heads"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "note: fleet tenants has no members: its source (file ")) << r.err;
  EXPECT_TRUE(fs::exists(dir_ / "main.db"));
}

TEST_F(FleetTest, ABadShardIsACommandLineError) {
  for (const char* bad : {"4/4", "1", "a/2", "0/0", "-1/4"}) {
    CliResult r = retort({"--shard", bad, "heads"});
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_TRUE(contains(r.err, "--shard")) << r.err;
  }
  CliResult r = retort({"--shard", "4/4", "heads"});
  EXPECT_TRUE(contains(r.err, "I must be below N")) << r.err;
}

TEST_F(FleetTest, AShardThatKeepsNothingHasNothingToDo) {
  // shard_hash("tenants/acme") % 4 == 3 (tests/core/config/shard_test.cc).
  CliResult r = retort({"--engine", "tenants/acme", "--shard", "0/4", "upgrade", "heads"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "note: --shard 0/4 keeps none of the 1 selected databases")) << r.err;
  EXPECT_TRUE(tenant_files(dir_ / "t").empty());
  r = retort({"--engine", "tenants/acme", "--shard", "3/4", "upgrade", "heads"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(tenant_files(dir_ / "t"), std::set<std::string>{"acme"});
}

TEST_F(FleetTest, ShardsSplitTheSelectionWithoutOverlap) {
  std::vector<std::string> names;
  for (int i = 0; i < 40; ++i) names.push_back("t" + std::to_string(i));
  tenants(names);
  std::set<std::string> seen;
  bool main_seen = false;
  for (int i = 0; i < 4; ++i) {
    const std::set<std::string> before = tenant_files(dir_ / "t");
    CliResult r = retort({"-q", "--shard", std::to_string(i) + "/4", "upgrade", "heads"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::set<std::string> after = tenant_files(dir_ / "t");
    EXPECT_LT(before.size(), after.size()) << "shard " << i << " ran no tenant";
    if (fs::exists(dir_ / "main.db") && !main_seen) main_seen = true;
    seen = after;
    // A second run of the same shard touches nothing new.
    ASSERT_EQ(retort({"-q", "--shard", std::to_string(i) + "/4", "upgrade", "heads"}).exit_code, 0);
    EXPECT_EQ(tenant_files(dir_ / "t"), after);
  }
  EXPECT_EQ(seen.size(), 40u);
  EXPECT_TRUE(main_seen);
  for (const auto& n : names) EXPECT_EQ(version(n), "a1") << n;
}

TEST(FleetOnPostgresql, ASchemaPerTenantForAHundredTenants) {
  const testing::Backend pg{"postgresql", "postgresql", false};
  RETORT_REQUIRE_BACKEND(pg);
  testing::LiveDatabase db(pg, "fleet_schemas");
  db.execute("CREATE TABLE tenant (slug VARCHAR(40) NOT NULL, active BOOLEAN NOT NULL)");
  db.execute("INSERT INTO tenant SELECT 't' || lpad(g::text, 3, '0'), g <= 100 FROM generate_series(1, 110) g");
  testing::TempDir dir;
  fs::copy(fs::path(RETORT_SOURCE_DIR) / "examples/fleet/migrations", dir / "migrations", fs::copy_options::recursive);
  write_file(dir / "retort.toml", R"([retort]
script_location = "migrations"

[fleets.tenants]
source = { query = "SELECT slug FROM tenant WHERE active ORDER BY slug", url = "${APP_URL}" }
url = "${APP_URL}"
schema = "tenant_{name}"
)");
  const std::vector<std::string> env = {"APP_URL=" + db.url()};
  CliResult r = testing::run_retort(dir.path(), {"-q", "--jobs", "4", "upgrade", "heads"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;

  EXPECT_EQ(db.query("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'tenant\\_%'"), "100");
  EXPECT_EQ(db.query("SELECT count(*) FROM pg_tables WHERE schemaname LIKE 'tenant\\_%' AND tablename IN "
                     "('customer', 'invoice', 'retort_version', 'retort_history')"),
            "400");
  EXPECT_EQ(db.query("SELECT count(*) FROM pg_indexes WHERE schemaname LIKE 'tenant\\_%' "
                     "AND indexname = 'ix_invoice_customer_issued'"),
            "100");
  // Nothing of a tenant's landed in public, where the control table is.
  EXPECT_EQ(db.query("SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public'"), "tenant");
  std::string all_versions;
  for (int i = 1; i <= 100; ++i) {
    char schema[16];
    std::snprintf(schema, sizeof schema, "tenant_t%03d", i);
    all_versions += std::string(all_versions.empty() ? "" : " UNION ALL ") + "SELECT version_num FROM " + schema +
                    ".retort_version";
  }
  EXPECT_EQ(db.query("SELECT version_num, count(*) FROM (" + all_versions + ") v GROUP BY version_num"),
            "7a11e0f1e003|100");

  // An offline script of a member works in its schema too.
  r = testing::run_retort(dir.path(), {"--engine", "tenants/t007", "upgrade", "heads", "--sql"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "SET search_path TO \"tenant_t007\";")) << r.out;
  EXPECT_TRUE(contains(r.out, "CREATE SCHEMA IF NOT EXISTS \"tenant_t007\";")) << r.out;
  EXPECT_LT(r.out.find("SET search_path"), r.out.find("CREATE TABLE")) << r.out;

  // A second run finds every tenant at head.
  r = testing::run_retort(dir.path(), {"--jobs", "4", "upgrade", "heads"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(contains(r.err, "Running upgrade")) << r.err;
  r = testing::run_retort(dir.path(), {"--engine", "tenants/t042", "current"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "7a11e0f1e003 (head)")) << r.out;
  // One tenant down: only its schema changes.
  r = testing::run_retort(dir.path(), {"--engine", "tenants/t042", "downgrade", "base"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(db.query("SELECT count(*) FROM pg_tables WHERE schemaname = 'tenant_t042' AND tablename = 'customer'"), "0");
  EXPECT_EQ(db.query("SELECT count(*) FROM pg_tables WHERE tablename = 'customer'"), "99");
}

}  // namespace
}  // namespace retort
