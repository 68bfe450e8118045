// The PostgreSQL driver: a libpqxx connection from a postgresql:// URL.
//
// URL options are libpq's connection keywords, as with SQLAlchemy and psycopg2 (`sslmode`, `options`,
// `target_session_attrs`, ...): all are passed on, and libpq refuses a name or value it does not know.
// Two have defaults of retort's: `connect_timeout` (whole seconds, 2 to 3600, checked by retort; default
// 10, where libpq's is to wait for ever) and `application_name` ("retort").
#pragma once

#include <retort/sdk/plugin.hpp>

namespace retort::postgresql {

class PostgresqlDriver : public sdk::Driver {
 public:
  std::unique_ptr<sdk::Connection> connect(const sdk::ConnectParams& params) const override;
};

}  // namespace retort::postgresql
