// Tests config/fleet_config.cc: reading [fleets.NAME] (each kind of source, the templates, the keys members
// share with [databases.NAME]) and every mistake it refuses, located at retort.toml:LINE.
#include "config/config.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

VariableLookup vars() {
  return [](const std::string& n) -> std::optional<std::string> {
    if (n == "CONTROL_URL") return std::string("postgresql://ops:s3cret@127.0.0.1:5433/control");
    if (n == "DB_PASSWORD") return std::string("pw{name}");
    return std::nullopt;
  };
}

Result<Config> parse(const std::string& text) { return parse_config_text(text, "/project/retort.toml", vars()); }

// The config's error text, failing the test when the config was accepted.
std::string problems(const std::string& text) {
  auto c = parse(text);
  EXPECT_FALSE(c.ok()) << text;
  return c.ok() ? std::string() : c.error().to_string();
}

TEST(FleetConfig, ReadsAQuerySourceAndTheMembersTemplate) {
  auto c = parse(R"([databases.main]
url = "sqlite:///main.db"

[fleets.tenants]
source = { query = "SELECT slug FROM tenant WHERE active", url = "${CONTROL_URL}" }
url = "postgresql://app:${DB_PASSWORD}@db.internal/tenant_{name}"
branches = ["core"]
version_table = "tenant_version"
validate_on_migrate = false
)");
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  ASSERT_EQ(c->fleets.size(), 1u);
  const FleetConfig& f = c->fleets[0];
  EXPECT_EQ(f.name, "tenants");
  EXPECT_EQ(f.location, "/project/retort.toml:4");
  EXPECT_EQ(f.source.kind, FleetSource::Kind::kQuery);
  EXPECT_EQ(f.source.query, "SELECT slug FROM tenant WHERE active");
  EXPECT_EQ(f.source.url.database, "control");
  EXPECT_EQ(f.source.describe(), "query on postgresql://ops:***@127.0.0.1:5433/control");
  EXPECT_EQ(f.url.database, "tenant_{name}");
  EXPECT_EQ(f.url.password, "pw{name}");
  EXPECT_EQ(f.member.branches, std::vector<std::string>{"core"});
  EXPECT_EQ(f.member.version_table, "tenant_version");
  EXPECT_FALSE(f.member.validate_on_migrate);
  EXPECT_EQ(f.member.fleet, "tenants");
  EXPECT_EQ(f.member.name, "tenants");
  EXPECT_EQ(c->find_fleet("tenants"), &f);
  EXPECT_EQ(c->find_fleet("main"), nullptr);
  ASSERT_NE(c->find_database("main"), nullptr);
  EXPECT_EQ(c->find_database("main")->fleet, "");
}

TEST(FleetConfig, FileAndGlobPathsAreRelativeToTheConfigsFolder) {
  auto c = parse(R"([fleets.listed]
source = { file = "tenants.txt" }
url = "sqlite:///${here}/data/{name}.db"
schema_files = ["schema/tenant.toml"]

[fleets.found]
source = { glob = "data/tenants/*.db" }
url = "sqlite:///${here}/data/tenants/{name}.db"
)");
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  ASSERT_EQ(c->fleets.size(), 2u);
  EXPECT_EQ(c->fleets[0].name, "listed");  // file order
  EXPECT_EQ(c->fleets[0].source.kind, FleetSource::Kind::kFile);
  EXPECT_EQ(c->fleets[0].source.path, "/project/tenants.txt");
  EXPECT_EQ(c->fleets[0].url.database, "/project/data/{name}.db");
  EXPECT_EQ(c->fleets[0].member.schema_files, std::vector<std::filesystem::path>{"/project/schema/tenant.toml"});
  EXPECT_EQ(c->fleets[1].source.kind, FleetSource::Kind::kGlob);
  EXPECT_EQ(c->fleets[1].source.path, "/project/data/tenants/*.db");
  EXPECT_EQ(c->fleets[1].source.describe(), "glob /project/data/tenants/*.db");
}

TEST(FleetConfig, ASchemaPerMemberNeedsNoNameInTheUrl) {
  auto c = parse(R"([fleets.tenants]
source = { file = "t.txt" }
url = "postgresql://app@127.0.0.1/app"
schema = "tenant_{name}"
)");
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->fleets[0].schema, "tenant_{name}");
}

TEST(FleetConfig, RefusesAFleetWithoutSourceOrUrl) {
  const std::string text = problems("[fleets.tenants]\nbranches = []\n");
  EXPECT_NE(text.find("retort.toml:1: [fleets.tenants] has no 'source'"), std::string::npos) << text;
  EXPECT_NE(text.find("[fleets.tenants] has no 'url'"), std::string::npos) << text;
}

TEST(FleetConfig, RefusesASourceOfNoneOrTwoKinds) {
  std::string text = problems(R"([fleets.t]
url = "sqlite:///{name}.db"
source = { file = "a.txt", glob = "*.db" }
)");
  EXPECT_NE(text.find("retort.toml:3: [fleets.t] source names more than one source"), std::string::npos) << text;
  text = problems("[fleets.t]\nurl = \"sqlite:///{name}.db\"\nsource = {}\n");
  EXPECT_NE(text.find("names no source"), std::string::npos) << text;
  text = problems("[fleets.t]\nurl = \"sqlite:///{name}.db\"\nsource = \"tenants.txt\"\n");
  EXPECT_NE(text.find("source must be a table, not string"), std::string::npos) << text;
}

TEST(FleetConfig, RefusesAQueryWithoutUrlAndAUrlWithoutQuery) {
  std::string text = problems("[fleets.t]\nurl = \"sqlite:///{name}.db\"\nsource = { query = \"SELECT 1\" }\n");
  EXPECT_NE(text.find("a query needs the url"), std::string::npos) << text;
  text = problems("[fleets.t]\nurl = \"sqlite:///{name}.db\"\nsource = { query = \" \", url = \"sqlite://\" }\n");
  EXPECT_NE(text.find("retort.toml:3: [fleets.t] source: the query is empty"), std::string::npos) << text;
  text = problems("[fleets.t]\nurl = \"sqlite:///{name}.db\"\nsource = { file = \"a\", url = \"sqlite://\" }\n");
  EXPECT_NE(text.find("'url' goes only with a query"), std::string::npos) << text;
}

TEST(FleetConfig, RefusesUnknownKeysInTheFleetAndItsSource) {
  std::string text = problems(R"([fleets.t]
url = "sqlite:///{name}.db"
source = { file = "a.txt", sort = true }
urls = "x"
)");
  EXPECT_NE(text.find("sort"), std::string::npos) << text;
  EXPECT_NE(text.find("urls"), std::string::npos) << text;
}

TEST(FleetConfig, RefusesAUrlWithoutName) {
  const std::string text = problems("[fleets.t]\nsource = { file = \"a\" }\nurl = \"sqlite:///shared.db\"\n");
  EXPECT_NE(text.find("retort.toml:3: [fleets.t]: the url has no {name}, so every member would be the same database"),
            std::string::npos)
      << text;
}

TEST(FleetConfig, ThePasswordIsNoTemplate) {
  // ${DB_PASSWORD} holds "{name}": that does not make the URL a template, and no error shows the password.
  const std::string text = problems("[fleets.t]\nsource = { file = \"a\" }\nurl = \"postgresql://app:${DB_PASSWORD}@h/db\"\n");
  EXPECT_NE(text.find("has no {name}"), std::string::npos) << text;
  EXPECT_EQ(text.find("pw{name}"), std::string::npos) << text;
}

TEST(FleetConfig, SchemaIsForPostgresqlAndAnIdentifierTemplate) {
  std::string text = problems("[fleets.t]\nsource = { file = \"a\" }\nurl = \"sqlite:///{name}.db\"\nschema = \"t_{name}\"\n");
  EXPECT_NE(text.find("retort.toml:4: [fleets.t]: schema = \"t_{name}\" is for PostgreSQL"), std::string::npos) << text;
  text = problems("[fleets.t]\nsource = { file = \"a\" }\nurl = \"mysql://h/{name}\"\nschema = \"t_{name}\"\n");
  EXPECT_NE(text.find("is for PostgreSQL"), std::string::npos) << text;
  text = problems("[fleets.t]\nsource = { file = \"a\" }\nurl = \"postgresql://h/db\"\nschema = \"t\\\"; drop {name}\"\n");
  EXPECT_NE(text.find("'schema' is the members' PostgreSQL schema"), std::string::npos) << text;
  text = problems("[fleets.t]\nsource = { file = \"a\" }\nurl = \"postgresql://h/db\"\nschema = \"tenants\"\n");
  EXPECT_NE(text.find("'schema' is the members' PostgreSQL schema"), std::string::npos) << text;
  text = problems(R"([fleets.t]
source = { file = "a" }
url = "postgresql://h/db"
schema = "t_{name}"
version_table_schema = "public"
)");
  EXPECT_NE(text.find("version_table_schema cannot be set with it"), std::string::npos) << text;
}

TEST(FleetConfig, SharesTheDatabaseKeysChecks) {
  std::string text = problems(R"([fleets.t]
source = { file = "a" }
url = "sqlite:///{name}.db"
history_table = "v"
version_table = "v"
branches = "core"
)");
  EXPECT_NE(text.find("history_table and version_table name the same table 'v'"), std::string::npos) << text;
  EXPECT_NE(text.find("'branches' must be an array of strings"), std::string::npos) << text;
}

TEST(FleetConfig, ScratchMustBeAUrl) {
  const std::string text = problems("[fleets.t]\nsource = { file = \"a\" }\nurl = \"postgresql://h/{name}\"\nscratch = \"auto\"\n");
  EXPECT_NE(text.find("retort.toml:4: [fleets.t]: scratch = \"auto\" makes its temporary database"), std::string::npos)
      << text;
  auto c = parse("[fleets.t]\nsource = { file = \"a\" }\nurl = \"postgresql://h/{name}\"\nscratch = \"postgresql://h/s\"\n");
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->fleets[0].member.scratch_url->database, "s");
}

TEST(FleetConfig, RefusesANameClashWithADatabaseAndSlashesInNames) {
  std::string text = problems(R"([databases.tenants]
url = "sqlite:///t.db"

[fleets.tenants]
source = { file = "a" }
url = "sqlite:///{name}.db"
)");
  EXPECT_NE(text.find("retort.toml:4: [fleets.tenants] has the name of [databases.tenants]"), std::string::npos) << text;
  text = problems("[databases.\"a/b\"]\nurl = \"sqlite:///t.db\"\n");
  EXPECT_NE(text.find("a database name cannot contain '/'"), std::string::npos) << text;
  text = problems("[fleets.\"a/b\"]\nsource = { file = \"a\" }\nurl = \"sqlite:///{name}.db\"\n");
  EXPECT_NE(text.find("a fleet name cannot contain '/'"), std::string::npos) << text;
}

TEST(FleetConfig, AConfigWithOnlyFleetsIsFine) {
  auto c = parse("[fleets.t]\nsource = { glob = \"*.db\" }\nurl = \"sqlite:///{name}.db\"\n");
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_TRUE(c->databases.empty());
  EXPECT_EQ(c->fleets.size(), 1u);
}

TEST(FleetConfig, FleetsMustBeTables) {
  std::string text = problems("fleets = 3\n");
  EXPECT_NE(text.find("'fleets' must be a table of [fleets.NAME]"), std::string::npos) << text;
  text = problems("[fleets]\nt = 3\n");
  EXPECT_NE(text.find("fleets.t must be a table"), std::string::npos) << text;
}

}  // namespace
}  // namespace retort
