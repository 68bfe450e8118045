// Registers the MySQL/MariaDB dialect with retort.
#include "mysql_dialect.hpp"

RETORT_PLUGIN("mysql", "0.1.0", "MySQL and MariaDB dialect",
              retort::sdk::dialect<retort::mysql::MysqlDialect>("mysql", "mariadb"))
