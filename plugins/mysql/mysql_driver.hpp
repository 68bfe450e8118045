// The MySQL and MariaDB driver: a MySQL Connector/C++ 1.1 connection from a mysql:// or mariadb:// URL.
#pragma once

#include <retort/sdk/plugin.hpp>

namespace retort::mysql {

class MysqlDriver : public sdk::Driver {
 public:
  std::unique_ptr<sdk::Connection> connect(const sdk::ConnectParams& params) const override;
};

}  // namespace retort::mysql
