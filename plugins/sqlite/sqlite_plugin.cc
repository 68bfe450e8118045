// Registers the SQLite dialect and driver with retort.
#include "sqlite_dialect.hpp"
#include "sqlite_driver.hpp"

RETORT_PLUGIN("sqlite", "0.1.0", "SQLite dialect and driver (sqlite3)",
              retort::sdk::dialect<retort::sqlite::SqliteDialect>("sqlite"),
              retort::sdk::driver<retort::sqlite::SqliteDriver>("sqlite", "sqlite"))
