// Registers the PostgreSQL dialect with retort.
#include "postgresql_dialect.hpp"

RETORT_PLUGIN("postgresql", "0.1.0", "PostgreSQL dialect",
              retort::sdk::dialect<retort::postgresql::PostgresqlDialect>("postgresql", "postgres"))
