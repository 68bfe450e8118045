// How `DIALECT+odbc://` URLs become ODBC connection strings.
#include "odbc_connection_string.hpp"

#include <gtest/gtest.h>

namespace retort::odbc {
namespace {

sdk::ConnectParams params(const std::string& dialect, const std::string& host, int port, const std::string& database,
                          std::vector<std::pair<std::string, std::string>> options = {}) {
  sdk::ConnectParams p;
  p.dialect = dialect;
  p.driver = "odbc";
  p.username = "app";
  p.password = "pa;ss}word";
  p.host = host;
  p.port = port;
  p.database = database;
  p.options = std::move(options);
  return p;
}

TEST(OdbcConnectionString, DsnLessWithTheDialectsDriver) {
  EXPECT_EQ(connection_string(params("postgresql", "127.0.0.1", 5432, "shop")),
            "Driver={PostgreSQL Unicode};Server=127.0.0.1;Port=5432;Database=shop;Uid=app;Pwd={pa;ss}}word};");
  // MariaDB's driver runs a statement holding several only with this option.
  EXPECT_EQ(
      connection_string(params("mysql", "db", 0, "shop")),
      "Driver={MariaDB Unicode};Server=db;Database=shop;Uid=app;Pwd={pa;ss}}word};Option=67108864;CONN_TIMEOUT=10;");
  sdk::ConnectParams sqlite = params("sqlite", "", 0, "/data/app.db");
  EXPECT_EQ(connection_string(sqlite), "Driver={SQLite3};Database=/data/app.db;");
}

TEST(OdbcConnectionString, NamedDsn) {
  // SQLAlchemy's rule: a host and no database (and no port) names a DSN.
  EXPECT_EQ(connection_string(params("postgresql", "reporting", 0, "")), "DSN=reporting;Uid=app;Pwd={pa;ss}}word};");
  EXPECT_EQ(connection_string(params("postgresql", "", 0, "", {{"dsn", "reporting"}})),
            "DSN=reporting;Uid=app;Pwd={pa;ss}}word};");
}

TEST(OdbcConnectionString, OptionsDriverAndRawString) {
  EXPECT_EQ(
      connection_string(params("mysql", "db", 3306, "shop", {{"driver", "MySQL ODBC 8.0"}, {"Option", "3"}})),
      "Driver={MySQL ODBC 8.0};Server=db;Port=3306;Database=shop;Uid=app;Pwd={pa;ss}}word};Option=3;CONN_TIMEOUT=10;");
  EXPECT_EQ(connection_string(params("postgresql", "db", 0, "x", {{"odbc_connect", "DSN=raw;UID=u"}})),
            "DSN=raw;UID=u");
}

// The message of the Failure connection_string() throws for `p`, or "" when it throws none.
std::string refusal(const sdk::ConnectParams& p) {
  try {
    connection_string(p);
  } catch (const sdk::Failure& e) {
    return e.what();
  }
  return "";
}

TEST(OdbcConnectionString, OptionNamesIgnoreCaseAsOdbcKeywordsDo) {
  EXPECT_EQ(connection_string(params("mysql", "db", 0, "shop", {{"Driver", "MySQL ODBC 8.0"}})),
            connection_string(params("mysql", "db", 0, "shop", {{"driver", "MySQL ODBC 8.0"}})));
  EXPECT_EQ(connection_string(params("postgresql", "", 0, "", {{"DSN", "reporting"}})),
            connection_string(params("postgresql", "", 0, "", {{"dsn", "reporting"}})));
}

TEST(OdbcConnectionString, ConnectTimeoutIsRetortsAndNotPassedOn) {
  EXPECT_EQ(
      connection_string(params("postgresql", "db", 0, "shop", {{"connect_timeout", "5"}, {"sslmode", "require"}})),
      "Driver={PostgreSQL Unicode};Server=db;Database=shop;Uid=app;Pwd={pa;ss}}word};sslmode=require;");
  EXPECT_EQ(refusal(params("postgresql", "db", 0, "shop", {{"Connect_Timeout", "0"}})),
            "option Connect_Timeout=0: must be a whole number of seconds from 2 to 3600");
}

TEST(OdbcConnectionString, DataSourceAndDriverNamesAreChecked) {
  EXPECT_EQ(refusal(params("postgresql", "", 0, "", {{"dsn", ""}})),
            "option dsn=: must be the name of an ODBC data source (a section of odbc.ini), at most 32 characters, "
            "none of []{}(),;?*=!@\\");
  EXPECT_NE(refusal(params("postgresql", "", 0, "", {{"DSN", "a;Driver={evil}"}}))
                .find("option DSN=a;Driver={evil}: must be"),
            std::string::npos);
  EXPECT_NE(refusal(params("postgresql", "", 0, "", {{"dsn", std::string(33, 'd')}})).find("at most 32 characters"),
            std::string::npos);
  // A brace would end Driver={...} and start attributes of the URL author's choosing.
  EXPECT_EQ(refusal(params("mysql", "db", 0, "x", {{"driver", "x};Server=elsewhere"}})),
            "option driver=x};Server=elsewhere: must be the name of an ODBC driver (a section of odbcinst.ini, "
            "without brackets or braces)");
  EXPECT_EQ(refusal(params("mysql", "db", 0, "x", {{"driver", ""}})).rfind("option driver=: must be", 0), 0u);
  // A data source names its own driver; ODBC would quietly use whichever keyword comes first.
  EXPECT_EQ(refusal(params("mysql", "", 0, "", {{"dsn", "legacy"}, {"driver", "MariaDB Unicode"}})),
            "option driver: cannot be combined with the data source legacy, which names its own driver; for a "
            "connection without a data source, give the database in the URL");
  EXPECT_NE(refusal(params("mysql", "legacy", 0, "", {{"driver", "MariaDB Unicode"}})).find("the data source legacy"),
            std::string::npos);
}

TEST(OdbcConnectionString, ARawConnectionStringStandsAloneAndIsNeverShown) {
  EXPECT_EQ(
      connection_string(params("postgresql", "", 0, "", {{"odbc_connect", "DSN=raw;PWD=x"}, {"connect_timeout", "5"}})),
      "DSN=raw;PWD=x");
  EXPECT_EQ(refusal(params("mysql", "", 0, "", {{"odbc_connect", ""}})),
            "option odbc_connect: must be a complete ODBC connection string such as DSN=name;UID=user;PWD=password");
  EXPECT_EQ(refusal(params("mysql", "", 0, "", {{"odbc_connect", "DSN=raw;PWD=s3cret"}, {"Option", "3"}})),
            "option Option: cannot be combined with odbc_connect, which is a complete connection string; put it into "
            "that string");
}

TEST(OdbcConnectionString, PassedOnNamesCannotSplitTheString) {
  for (const char* key : {"a;b", "a=b", "a b", "{a}", ""}) {
    SCOPED_TRACE(key);
    EXPECT_EQ(
        refusal(params("postgresql", "db", 0, "x", {{key, "1"}})),
        "option " + std::string(key) + ": an ODBC attribute name cannot contain spaces or any of []{}(),;?*=!@\\");
  }
}

// MariaDB Connector/ODBC ignores SQL_ATTR_LOGIN_TIMEOUT while it waits for a silent server's greeting.
TEST(OdbcConnectionString, MysqlGetsTheConnectTimeoutAsMariadbsOwnKeyword) {
  EXPECT_EQ(connection_string(params("mysql", "", 0, "", {{"dsn", "legacy"}, {"connect_timeout", "3"}})),
            "DSN=legacy;Uid=app;Pwd={pa;ss}}word};Option=67108864;CONN_TIMEOUT=3;");
  EXPECT_EQ(connection_string(params("mysql", "", 0, "", {{"odbc_connect", "DSN=raw;PWD={x;conn_timeout=1}"}})),
            "DSN=raw;PWD={x;conn_timeout=1};CONN_TIMEOUT=10;");
  // One the URL gives is the driver's own setting, and wins.
  EXPECT_EQ(connection_string(params("mysql", "", 0, "", {{"dsn", "legacy"}, {"Conn_Timeout", "30"}})),
            "DSN=legacy;Uid=app;Pwd={pa;ss}}word};Conn_Timeout=30;Option=67108864;");
  EXPECT_EQ(connection_string(params("mysql", "", 0, "", {{"odbc_connect", "DSN=raw; CONN_TIMEOUT =30;PWD={a}}b}"}})),
            "DSN=raw; CONN_TIMEOUT =30;PWD={a}}b}");
  EXPECT_EQ(connection_string(params("sqlite", "", 0, "/x.db", {{"connect_timeout", "3"}})),
            "Driver={SQLite3};Database=/x.db;");
}

TEST(OdbcConnectionString, UnknownDialectNeedsADriverName) {
  EXPECT_THROW(connection_string(params("oracle", "db", 1521, "x")), sdk::Failure);
  EXPECT_EQ(connection_string(params("oracle", "db", 1521, "x", {{"driver", "Oracle 19"}})),
            "Driver={Oracle 19};Server=db;Port=1521;Database=x;Uid=app;Pwd={pa;ss}}word};");
}

}  // namespace
}  // namespace retort::odbc
