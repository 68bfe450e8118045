// Tests config/config.cc: reading retort.toml, database order, defaults and every kind of error.
#include "config/config.h"

#include "temp_dir.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

namespace retort {
namespace {

using testing::TempDir;
using testing::write_file;

VariableLookup vars() {
  return [](const std::string& n) -> std::optional<std::string> {
    if (n == "PW") return std::string("hunter2");
    if (n == "EMPTY_URL") return std::string();
    return std::nullopt;
  };
}

TEST(LoadConfig, ReadsDatabasesInFileOrder) {
  TempDir dir;
  write_file(dir / "retort.toml", R"([retort]
script_location = "db/migrations"
transaction_per_migration = true
lock_timeout = 12

[databases.zeta]
url = "sqlite:///z.db"

[databases.alpha]
url = "mysql://app:${PW}@127.0.0.1:3306/legacy"
version_table = "alembic_version"
branches = ["legacy"]
)");
  auto c = load_config(dir / "retort.toml", vars());
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  ASSERT_EQ(c->databases.size(), 2u);
  EXPECT_EQ(c->databases[0].name, "zeta");
  EXPECT_EQ(c->databases[1].name, "alpha");
  EXPECT_EQ(c->databases[1].url.password, "hunter2");
  EXPECT_EQ(c->databases[1].version_table, "alembic_version");
  EXPECT_EQ(c->databases[1].branches, std::vector<std::string>{"legacy"});
  EXPECT_EQ(c->databases[0].version_table, "retort_version");
  EXPECT_TRUE(c->transaction_per_migration);
  EXPECT_EQ(c->lock_timeout_seconds, 12);
  EXPECT_EQ(c->script_location, (dir.path() / "db/migrations").lexically_normal());
  ASSERT_EQ(c->version_locations.size(), 1u);
  EXPECT_EQ(c->version_locations[0], (dir.path() / "db/migrations/versions").lexically_normal());
}

TEST(LoadConfig, ValidateOnMigrateIsSetForAllAndOverriddenPerDatabase) {
  TempDir dir;
  write_file(dir / "retort.toml", R"([retort]
validate_on_migrate = false

[databases.plain]
url = "sqlite:///p.db"

[databases.strict]
url = "sqlite:///s.db"
validate_on_migrate = true
)");
  auto c = load_config(dir / "retort.toml", vars());
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_FALSE(c->validate_on_migrate);
  EXPECT_FALSE(c->databases[0].validate_on_migrate);
  EXPECT_TRUE(c->databases[1].validate_on_migrate);

  write_file(dir / "retort.toml", "[databases.main]\nurl = \"sqlite:///a.db\"\nvalidate_on_migrate = \"no\"\n");
  auto bad = load_config(dir / "retort.toml", vars());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().to_string().find("retort.toml:3: 'validate_on_migrate' must be true or false, not string"),
            std::string::npos)
      << bad.error().to_string();

  write_file(dir / "retort.toml", "[databases.main]\nurl = \"sqlite:///a.db\"\n");
  auto defaults = load_config(dir / "retort.toml", vars());
  ASSERT_TRUE(defaults.ok()) << defaults.error().to_string();
  EXPECT_TRUE(defaults->databases[0].validate_on_migrate);
}

TEST(LoadConfig, ReportsEveryProblemWithItsLine) {
  TempDir dir;
  write_file(dir / "retort.toml", R"([retort]
script_locaton = "x"
transaction_per_migration = "yes"

[databases.main]
url = "sqlite:///a.db"
colour = "blue"

[databases.other]
url = "postgresql://u:${NOT_SET}@h/db"
)");
  auto c = load_config(dir / "retort.toml", vars());
  ASSERT_FALSE(c.ok());
  std::string text = c.error().to_string();
  EXPECT_NE(text.find("retort.toml:2: unknown field 'script_locaton'"), std::string::npos) << text;
  EXPECT_NE(text.find("did you mean 'script_location'"), std::string::npos) << text;
  EXPECT_NE(text.find("retort.toml:3: 'transaction_per_migration' must be true or false"), std::string::npos) << text;
  EXPECT_NE(text.find("retort.toml:7: unknown field 'colour'"), std::string::npos) << text;
  EXPECT_NE(text.find("'NOT_SET' is not set"), std::string::npos) << text;
}

TEST(LoadConfig, SyntaxErrorHasPathAndLine) {
  TempDir dir;
  write_file(dir / "retort.toml", "[retort]\nscript_location = \"x\n");
  auto c = load_config(dir / "retort.toml", vars());
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().to_string().find("retort.toml:2"), std::string::npos) << c.error().to_string();
}

TEST(LoadConfig, MissingFileSaysWhatToDo) {
  TempDir dir;
  auto c = load_config(dir / "nope.toml", vars());
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().hint_text().find("retort init"), std::string::npos);
}

TEST(LoadConfig, AFolderIsNotAConfig) {
  TempDir dir;
  std::filesystem::create_directories(dir / "retort.toml");
  auto c = load_config(dir / "retort.toml", vars());
  ASSERT_FALSE(c.ok()) << "a folder read as an empty config";
  EXPECT_NE(c.error().to_string().find("is a folder"), std::string::npos) << c.error().to_string();
}

TEST(LoadConfig, OnlyARegularFileIsAConfig) {
  TempDir dir;
  ASSERT_EQ(::mkfifo((dir / "fifo.toml").c_str(), 0600), 0);
  auto fifo = load_config(dir / "fifo.toml", vars());
  ASSERT_FALSE(fifo.ok()) << "a FIFO must be refused, not waited on";
  EXPECT_NE(fifo.error().to_string().find("fifo.toml: not a regular file (a FIFO)"), std::string::npos)
      << fifo.error().to_string();
  auto zero = load_config("/dev/zero", vars());
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.error().to_string().find("/dev/zero: not a regular file (a character device)"), std::string::npos)
      << zero.error().to_string();
  write_file(dir / "real.toml", "[databases.main]\nurl = \"sqlite://\"\n");
  std::filesystem::create_symlink(dir / "real.toml", dir / "link.toml");
  auto link = load_config(dir / "link.toml", vars());
  ASSERT_TRUE(link.ok()) << link.error().to_string();
  EXPECT_EQ(link->databases.size(), 1u);
}

TEST(LoadConfig, DeeplyNestedConfigIsRefused) {
  TempDir dir;
  std::string deep = "[retort]\nx = ";
  for (int i = 0; i < 50000; ++i) deep += "[";
  write_file(dir / "retort.toml", deep);
  auto c = load_config(dir / "retort.toml", vars());
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().to_string().find("retort.toml:2: nesting deeper than 100 levels"), std::string::npos)
      << c.error().to_string();
}

TEST(ParseConfigText, ReadsAsTheFileWould) {
  auto c = parse_config_text("[retort]\nscript_location = \"db\"\n[databases.main]\nurl = \"mysql://u:${PW}@h/d\"\n",
                             "/project/retort.toml", vars());
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->script_location, "/project/db");
  EXPECT_EQ(c->databases.at(0).url.password, "hunter2");
  auto bad = parse_config_text("[databases.main]\nurl = 3\n", "/project/retort.toml", vars());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().to_string().find("/project/retort.toml:2"), std::string::npos) << bad.error().to_string();
}

TEST(LoadConfig, EmptyVariableTakesItsDefault) {
  TempDir dir;
  write_file(dir / "retort.toml", "[databases.main]\nurl = \"${EMPTY_URL:-sqlite:///fallback.db}\"\n");
  auto c = load_config(dir / "retort.toml", vars());
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->databases[0].url.database, "fallback.db");
}

TEST(LoadConfig, EmptyUrlSaysSo) {
  TempDir dir;
  write_file(dir / "retort.toml", "[databases.main]\nurl = \"${EMPTY_URL}\"\n");
  auto c = load_config(dir / "retort.toml", vars());
  ASSERT_FALSE(c.ok());
  const std::string text = c.error().to_string();
  EXPECT_NE(text.find("retort.toml:2"), std::string::npos) << text;
  EXPECT_NE(text.find("the database URL is empty"), std::string::npos) << text;
  EXPECT_EQ(text.find("(not shown)"), std::string::npos) << text;
}

TEST(LoadConfig, BadUrlNeverShowsPassword) {
  TempDir dir;
  write_file(dir / "retort.toml", "[databases.main]\nurl = \"postgresql//u:${PW}@h/db\"\n");
  auto c = load_config(dir / "retort.toml", vars());
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().to_string().find("hunter2"), std::string::npos);
  EXPECT_NE(c.error().to_string().find("retort.toml:2"), std::string::npos);
}

}  // namespace
}  // namespace retort
