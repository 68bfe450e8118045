// The PostgreSQL driver: a libpqxx connection from a postgresql:// URL.
#pragma once

#include <retort/sdk/plugin.hpp>

namespace retort::postgresql {

class PostgresqlDriver : public sdk::Driver {
 public:
  std::unique_ptr<sdk::Connection> connect(const sdk::ConnectParams& params) const override;
};

}  // namespace retort::postgresql
