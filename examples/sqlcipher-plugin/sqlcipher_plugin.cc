// The plugin's entry point: one library with two roles. The dialect answers for sqlcipher:// URLs; the
// driver is the default for them, so a URL needs no +driver part.
#include "sqlcipher_dialect.hpp"
#include "sqlcipher_driver.hpp"

RETORT_PLUGIN("sqlcipher", "1.0.0", "encrypted SQLite databases through SQLCipher",
              retort::sdk::dialect<sqlcipher::SqlcipherDialect>("sqlcipher"),
              retort::sdk::driver<sqlcipher::SqlcipherDriver>("sqlcipher", "sqlcipher"))
