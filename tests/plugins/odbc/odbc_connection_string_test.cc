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
  EXPECT_EQ(connection_string(params("mysql", "db", 0, "shop")),
            "Driver={MariaDB Unicode};Server=db;Database=shop;Uid=app;Pwd={pa;ss}}word};Option=67108864;");
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
  EXPECT_EQ(connection_string(params("mysql", "db", 3306, "shop", {{"driver", "MySQL ODBC 8.0"}, {"Option", "3"}})),
            "Driver={MySQL ODBC 8.0};Server=db;Port=3306;Database=shop;Uid=app;Pwd={pa;ss}}word};Option=3;");
  EXPECT_EQ(connection_string(params("mysql", "db", 0, "x", {{"odbc_connect", "DSN=raw;UID=u"}})), "DSN=raw;UID=u");
}

TEST(OdbcConnectionString, UnknownDialectNeedsADriverName) {
  EXPECT_THROW(connection_string(params("oracle", "db", 1521, "x")), sdk::Failure);
  EXPECT_EQ(connection_string(params("oracle", "db", 1521, "x", {{"driver", "Oracle 19"}})),
            "Driver={Oracle 19};Server=db;Port=1521;Database=x;Uid=app;Pwd={pa;ss}}word};");
}

}  // namespace
}  // namespace retort::odbc
