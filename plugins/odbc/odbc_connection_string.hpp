// Turns a `DIALECT+odbc://` URL into an ODBC connection string, the way SQLAlchemy's pyodbc connector does:
//   postgresql+odbc://user:pass@host:port/db      DSN-less, with the dialect's usual ODBC driver
//   mysql+odbc://user:pass@MYDSN                  a host and no database: a named DSN
//   ...?dsn=MYDSN, ...?driver=NAME                explicit DSN or ODBC driver name
//   ...?odbc_connect=<percent-encoded string>     a complete connection string, used as given
// connect_timeout is retort's (the driver sets SQL_ATTR_LOGIN_TIMEOUT); for the mysql dialect it is also
// MariaDB Connector/ODBC's CONN_TIMEOUT, the only timeout that driver applies to a silent server.
// Any other option is passed on as KEY=VALUE.
#pragma once

#include <retort/sdk/plugin.hpp>

#include <string>

namespace retort::odbc {

std::string connection_string(const sdk::ConnectParams& params);

}  // namespace retort::odbc
