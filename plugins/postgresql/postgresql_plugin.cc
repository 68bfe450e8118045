// Registers the PostgreSQL dialect and its libpqxx driver with retort.
#include "postgresql_dialect.hpp"
#include "postgresql_driver.hpp"

RETORT_PLUGIN("postgresql", "0.1.0", "PostgreSQL dialect and driver (libpqxx)",
              retort::sdk::dialect<retort::postgresql::PostgresqlDialect>("postgresql", "postgres"),
              retort::sdk::driver<retort::postgresql::PostgresqlDriver>("pqxx", "postgresql,postgres"))
