// The plugin's entry point: one library with two roles. The dialect answers for sqlcipher:// URLs and
// speaks SQLite's SQL (its family), so operation plugins written for SQLite serve it too; the driver is
// the default for sqlcipher URLs, so a URL needs no +driver part.
#include "sqlcipher_dialect.hpp"
#include "sqlcipher_driver.hpp"

RETORT_PLUGIN("sqlcipher", "1.0.0", "encrypted SQLite databases through SQLCipher",
              retort::sdk::dialect<sqlcipher::SqlcipherDialect>("sqlcipher", nullptr, "sqlite"),
              retort::sdk::driver<sqlcipher::SqlcipherDriver>("sqlcipher", "sqlcipher"))
