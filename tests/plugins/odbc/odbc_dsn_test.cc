// Named ODBC data sources: a DSN in odbc.ini (found through ODBCSYSINI) reached as
// `DIALECT+odbc://user:pass@DSN` and as `?dsn=NAME`.
#include "cli_runner.h"
#include "live_database.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace retort {
namespace {

using testing::Backend;
using testing::LiveDatabase;

class OdbcDsnTest : public ::testing::TestWithParam<Backend> {};

TEST_P(OdbcDsnTest, UpgradesThroughANamedDataSource) {
  RETORT_REQUIRE_BACKEND(GetParam());
  LiveDatabase db(GetParam(), "dsn");
  Url url = parse_url(db.url()).value();
  testing::TempDir project, odbc;
  // The data source names the server and database; the URL gives the credentials.
  const char* sysini = std::getenv("ODBCSYSINI");
  std::string drivers = testing::read_file(std::string(sysini ? sysini : "/etc") + "/odbcinst.ini");
  testing::write_file(odbc / "odbcinst.ini", drivers);
  const std::string driver = url.dialect == "postgresql" ? "PostgreSQL Unicode" : "MariaDB Unicode";
  // psqlODBC reads the host from Servername in odbc.ini (Server only works in a connection string).
  const std::string host_key = url.dialect == "postgresql" ? "Servername" : "Server";
  testing::write_file(odbc / "odbc.ini", "[retort_test_dsn]\nDriver = " + driver + "\n" + host_key + " = " + url.host +
                                             "\nPort = " + std::to_string(url.port) + "\nDatabase = " + url.database +
                                             "\n" + (url.dialect == "mysql" ? "Option = 67108864\n" : ""));
  testing::write_file(project / "migrations" / "versions" / "d1_first.toml",
                      "revision = \"d1\"\ndown_revision = \"\"\nmessage = \"first\"\n\n[[upgrade]]\nop = \"create_table\"\n"
                      "table = \"through_dsn\"\ncolumns = [{ name = \"id\", type = \"integer\" }]\n");
  const std::string credentials = db.url().substr(db.url().find("://") + 3, db.url().find('@') - db.url().find("://") - 3);
  const std::string scheme = url.dialect + "+odbc://";
  for (const std::string& dsn_url : {scheme + credentials + "@retort_test_dsn", scheme + credentials + "@?dsn=retort_test_dsn"}) {
    testing::write_file(project / "retort.toml", "[retort]\nscript_location = \"migrations\"\n\n[databases.main]\nurl = \"" +
                                                     dsn_url + "\"\n");
    auto up = testing::run_retort(project.path(), {"upgrade", "heads"}, {"ODBCSYSINI=" + odbc.path().string()});
    ASSERT_EQ(up.exit_code, 0) << dsn_url << "\n" << up.err;
    EXPECT_EQ(db.query("SELECT COUNT(*) FROM through_dsn"), "0");
    auto down = testing::run_retort(project.path(), {"downgrade", "base"}, {"ODBCSYSINI=" + odbc.path().string()});
    ASSERT_EQ(down.exit_code, 0) << down.err;
  }
  auto missing = testing::run_retort(project.path(), {"--url", scheme + credentials + "@no_such_dsn", "upgrade", "heads"},
                                     {"ODBCSYSINI=" + odbc.path().string()});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("Data source name not found"), std::string::npos) << missing.err;
}

std::vector<Backend> odbc_servers() {
  std::vector<Backend> out;
  for (const auto& b : testing::all_backends())
    if (b.odbc && b.dialect != "sqlite") out.push_back(b);
  return out;
}

INSTANTIATE_TEST_SUITE_P(Servers, OdbcDsnTest, ::testing::ValuesIn(odbc_servers()),
                         [](const ::testing::TestParamInfo<Backend>& info) { return info.param.dialect; });

}  // namespace
}  // namespace retort
