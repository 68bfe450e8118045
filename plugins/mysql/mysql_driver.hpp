// The MySQL and MariaDB driver: a MySQL Connector/C++ 1.1 connection from a mysql:// or mariadb:// URL.
//
// URL options: `connect_timeout` (whole seconds, 2 to 3600; default 10) and `charset` (a character set
// name; default utf8mb4). Any other option is refused rather than ignored: an ignored `ssl_ca` would
// connect without the TLS its author asked for. mysql+odbc:// passes options on to MariaDB Connector/ODBC.
#pragma once

#include <retort/sdk/plugin.hpp>

namespace retort::mysql {

class MysqlDriver : public sdk::Driver {
 public:
  std::unique_ptr<sdk::Connection> connect(const sdk::ConnectParams& params) const override;
};

}  // namespace retort::mysql
