// Tests runtime/fleet_source.cc: member names from a file, a glob of SQLite files, and a query on SQLite and
// on PostgreSQL (RETORT_TEST_POSTGRESQL); names checked, duplicates refused, and a failing source named with
// its URL masked.
#include "runtime/fleet_source.h"

#include "cli_runner.h"
#include "live_database.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

using testing::TempDir;
using testing::write_file;

FleetConfig fleet_reading(FleetSource::Kind kind, const std::filesystem::path& path) {
  FleetConfig f;
  f.name = "tenants";
  f.source.kind = kind;
  f.source.path = path;
  f.source.location = "retort.toml:7";
  return f;
}

FleetConfig fleet_querying(const std::string& url, const std::string& sql) {
  FleetConfig f;
  f.name = "tenants";
  f.source.kind = FleetSource::Kind::kQuery;
  auto parsed = parse_url(url);
  EXPECT_TRUE(parsed.ok());
  if (parsed.ok()) f.source.url = *parsed;
  f.source.query = sql;
  f.source.location = "retort.toml:7";
  return f;
}

std::vector<std::string> names_of(const FleetConfig& f) {
  auto names = read_fleet_source(f, testing::build_plugins());
  EXPECT_TRUE(names.ok()) << names.error().to_string();
  return names.ok() ? *names : std::vector<std::string>{};
}

std::string error_of(const FleetConfig& f) {
  auto names = read_fleet_source(f, testing::build_plugins());
  EXPECT_FALSE(names.ok());
  return names.ok() ? std::string() : names.error().to_string();
}

TEST(FleetSource, AFileGivesOneNameALineInItsOrder) {
  TempDir dir;
  write_file(dir / "tenants.txt", "# the tenants\nzeta\n\n  acme  \r\nbeta\t\n# gone\n");
  EXPECT_EQ(names_of(fleet_reading(FleetSource::Kind::kFile, dir / "tenants.txt")),
            (std::vector<std::string>{"zeta", "acme", "beta"}));
}

TEST(FleetSource, AnEmptySourceIsAnEmptyFleet) {
  TempDir dir;
  write_file(dir / "tenants.txt", "# nobody yet\n");
  EXPECT_TRUE(names_of(fleet_reading(FleetSource::Kind::kFile, dir / "tenants.txt")).empty());
  EXPECT_TRUE(names_of(fleet_reading(FleetSource::Kind::kGlob, dir / "data/*.db")).empty());
}

TEST(FleetSource, AMissingFileIsAnErrorNamingTheFleetAndSource) {
  TempDir dir;
  const std::string text = error_of(fleet_reading(FleetSource::Kind::kFile, dir / "nope.txt"));
  EXPECT_NE(text.find("retort.toml:7: fleet tenants: reading its source (file " + (dir / "nope.txt").string() + ")"),
            std::string::npos)
      << text;
}

TEST(FleetSource, AGlobGivesTheSortedStemsOfFiles) {
  TempDir dir;
  std::filesystem::create_directories(dir / "data/tenants/folder.db");
  for (const char* f : {"zeta.db", "acme.db", "beta.db", "notes.txt"}) write_file(dir / "data/tenants" / f, "");
  EXPECT_EQ(names_of(fleet_reading(FleetSource::Kind::kGlob, dir / "data/tenants/*.db")),
            (std::vector<std::string>{"acme", "beta", "zeta"}));
}

TEST(FleetSource, RefusesANameThatIsNotSafe) {
  TempDir dir;
  write_file(dir / "tenants.txt", "acme\n../../etc/passwd\n");
  const std::string text = error_of(fleet_reading(FleetSource::Kind::kFile, dir / "tenants.txt"));
  EXPECT_NE(text.find("fleet tenants: reading its source (file "), std::string::npos) << text;
  EXPECT_NE(text.find("'../../etc/passwd' does not start with a letter or digit"), std::string::npos) << text;
  EXPECT_NE(text.find("a member name is 1 to 63 letters"), std::string::npos) << text;
}

TEST(FleetSource, RefusesANameGivenTwice) {
  TempDir dir;
  write_file(dir / "tenants.txt", "acme\nbeta\nacme\n");
  const std::string text = error_of(fleet_reading(FleetSource::Kind::kFile, dir / "tenants.txt"));
  EXPECT_NE(text.find("gives the name 'acme' more than once"), std::string::npos) << text;
}

TEST(FleetSource, AQueryOnSqliteGivesTheFirstColumnOfEachRow) {
  TempDir dir;
  const auto control = dir / "control.db";
  write_file(control, "");  // an empty file is an empty SQLite database
  ASSERT_TRUE(testing::sqlite_execute(control,
                                      "CREATE TABLE tenant (slug TEXT, active INTEGER, plan TEXT);"
                                      "INSERT INTO tenant VALUES ('acme', 1, 'pro'), ('beta', 0, 'free'), "
                                      "('gamma', 1, 'free');"));
  EXPECT_EQ(names_of(fleet_querying("sqlite:///" + control.string(),
                                    "SELECT slug, plan FROM tenant WHERE active = 1 ORDER BY slug DESC")),
            (std::vector<std::string>{"gamma", "acme"}));
}

TEST(FleetSource, AFailingQueryIsAnErrorNamingTheFleet) {
  TempDir dir;
  const auto control = dir / "control.db";
  write_file(control, "");  // an empty file is an empty SQLite database
  ASSERT_TRUE(testing::sqlite_execute(control, "CREATE TABLE tenant (slug TEXT);INSERT INTO tenant VALUES (NULL);"));
  std::string text = error_of(fleet_querying("sqlite:///" + control.string(), "SELECT slug FROM tenants"));
  EXPECT_NE(text.find("fleet tenants: reading its source (query on sqlite:///" + control.string() + ")"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("no such table"), std::string::npos) << text;
  text = error_of(fleet_querying("sqlite:///" + control.string(), "SELECT slug FROM tenant"));
  EXPECT_NE(text.find("row 1 of the query has no name (NULL)"), std::string::npos) << text;
}

TEST(FleetSource, AnUnreachableSourceNeverShowsItsPassword) {
  const std::string text =
      error_of(fleet_querying("postgresql://ops:t0pS3cret@127.0.0.1:1/control?connect_timeout=2", "SELECT 1"));
  EXPECT_NE(text.find("query on postgresql://ops:***@127.0.0.1:1/control"), std::string::npos) << text;
  EXPECT_EQ(text.find("t0pS3cret"), std::string::npos) << text;
}

TEST(FleetSource, AQueryOnPostgresql) {
  const testing::Backend pg{"postgresql", "postgresql", false};
  RETORT_REQUIRE_BACKEND(pg);
  testing::LiveDatabase control(pg, "fleet_source");
  control.execute("CREATE TABLE tenant (slug VARCHAR(63) NOT NULL, active BOOLEAN NOT NULL)");
  control.execute("INSERT INTO tenant SELECT 't' || g, g % 3 <> 0 FROM generate_series(1, 30) g");
  const auto names = names_of(fleet_querying(control.url(), "SELECT slug FROM tenant WHERE active ORDER BY slug"));
  EXPECT_EQ(names.size(), 20u);
  EXPECT_EQ(names.front(), "t1");
  const std::string text = error_of(fleet_querying(control.url(), "SELECT slug || ' x' FROM tenant"));
  EXPECT_NE(text.find(" x' contains ' '"), std::string::npos) << text;
}

}  // namespace
}  // namespace retort
