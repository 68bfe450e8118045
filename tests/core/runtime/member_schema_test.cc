// Tests runtime/member_schema.cc: the statements that put a fleet member in its own PostgreSQL schema (the
// search_path, and the schema created before the version and history tables), rendered by the PostgreSQL
// dialect offline; and nothing at all for a database without one. tests/cli/fleet_test.cc runs them live.
#include "runtime/member_schema.h"

#include "live_database.h"
#include "runtime/history_table.h"
#include "runtime/version_table.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

DatabaseConfig postgresql_member(const std::string& schema) {
  DatabaseConfig c;
  c.name = "tenants/acme";
  c.fleet = "tenants";
  c.url = *parse_url("postgresql://app@127.0.0.1/app");
  c.connection_schema = schema;
  c.version_table_schema = schema;
  return c;
}

std::vector<std::string> statements(const Result<std::vector<std::string>>& r) {
  EXPECT_TRUE(r.ok()) << r.error().to_string();
  return r.ok() ? *r : std::vector<std::string>{};
}

TEST(MemberSchema, SetsTheSearchPathAndCreatesTheSchemaQuoted) {
  const DatabaseConfig config = postgresql_member("Tenant_acme");
  auto db = Database::offline(testing::build_plugins(), config);
  ASSERT_TRUE(db.ok()) << db.error().to_string();
  EXPECT_EQ(statements(search_path_statements(*db)), std::vector<std::string>{"SET search_path TO \"Tenant_acme\""});
  EXPECT_EQ(statements(member_schema_statements(*db)),
            std::vector<std::string>{"CREATE SCHEMA IF NOT EXISTS \"Tenant_acme\""});
  const auto version = statements(VersionTable(*db).create_statements());
  ASSERT_GE(version.size(), 2u);
  EXPECT_EQ(version.front(), "CREATE SCHEMA IF NOT EXISTS \"Tenant_acme\"");
  EXPECT_NE(version[1].find("\"Tenant_acme\".\"retort_version\""), std::string::npos) << version[1];
  const auto history = statements(HistoryTable(*db, OpCatalogue::core()).create_statements());
  ASSERT_GE(history.size(), 2u);
  EXPECT_EQ(history.front(), "CREATE SCHEMA IF NOT EXISTS \"Tenant_acme\"");
}

TEST(MemberSchema, ADatabaseWithoutOneGetsNothing) {
  const DatabaseConfig config = postgresql_member("");
  auto db = Database::offline(testing::build_plugins(), config);
  ASSERT_TRUE(db.ok()) << db.error().to_string();
  EXPECT_TRUE(statements(search_path_statements(*db)).empty());
  EXPECT_TRUE(statements(member_schema_statements(*db)).empty());
  EXPECT_TRUE(use_member_schema(*db).ok());  // offline, and nothing to run
  const auto version = statements(VersionTable(*db).create_statements());
  ASSERT_EQ(version.size(), 1u);
  EXPECT_EQ(version.front().rfind("CREATE TABLE", 0), 0u) << version.front();
}

}  // namespace
}  // namespace retort
