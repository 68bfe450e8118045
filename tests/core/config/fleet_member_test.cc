// Tests config/fleet_member.cc: a member's database made from its fleet's templates.
#include "config/fleet_member.h"

#include "config/config.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

FleetConfig fleet(const std::string& url, const std::string& schema = "") {
  std::string text = "[fleets.tenants]\nsource = { file = \"t.txt\" }\nurl = \"" + url + "\"\nbranches = [\"core\"]\n";
  if (!schema.empty()) text += "schema = \"" + schema + "\"\n";
  auto c = parse_config_text(text, "/p/retort.toml", [](const std::string&) { return std::nullopt; });
  EXPECT_TRUE(c.ok()) << c.error().to_string();
  return c.ok() ? c->fleets.front() : FleetConfig{};
}

TEST(FleetMember, ReplacesNameInTheUrlButNeverInThePassword) {
  const FleetConfig f = fleet("postgresql://u_{name}:p{name}@{name}.db.internal:5432/tenant_{name}?application_name=r_{name}");
  auto m = fleet_member(f, "acme");
  ASSERT_TRUE(m.ok()) << m.error().to_string();
  EXPECT_EQ(m->name, "tenants/acme");
  EXPECT_EQ(m->fleet, "tenants");
  EXPECT_EQ(m->url.username, "u_acme");
  EXPECT_EQ(m->url.password, "p{name}");
  EXPECT_EQ(m->url.host, "acme.db.internal");
  EXPECT_EQ(m->url.port, 5432);
  EXPECT_EQ(m->url.database, "tenant_acme");
  EXPECT_EQ(m->url.options.at(0).second, "r_acme");
  EXPECT_EQ(m->branches, std::vector<std::string>{"core"});
  EXPECT_EQ(m->location, "/p/retort.toml:1");
  EXPECT_TRUE(m->connection_schema.empty());
  EXPECT_TRUE(m->version_table_schema.empty());
}

TEST(FleetMember, ASchemaPerMemberHoldsItsVersionTable) {
  const FleetConfig f = fleet("postgresql://app@127.0.0.1/app", "tenant_{name}");
  auto m = fleet_member(f, "acme");
  ASSERT_TRUE(m.ok()) << m.error().to_string();
  EXPECT_EQ(m->url.database, "app");
  EXPECT_EQ(m->connection_schema, "tenant_acme");
  EXPECT_EQ(m->version_table_schema, "tenant_acme");
}

TEST(FleetMember, RefusesASchemaNamePostgresqlWouldCut) {
  const FleetConfig f = fleet("postgresql://app@127.0.0.1/app", "tenant_{name}");
  EXPECT_TRUE(fleet_member(f, std::string(56, 'a')).ok());  // 63 characters
  auto m = fleet_member(f, std::string(57, 'a'));
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().to_string().find("longer than the 63 characters PostgreSQL keeps"), std::string::npos);
}

}  // namespace
}  // namespace retort
