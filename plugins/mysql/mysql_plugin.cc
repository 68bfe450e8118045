// Registers the MySQL/MariaDB dialect and its Connector/C++ driver with retort.
#include "mysql_dialect.hpp"
#include "mysql_driver.hpp"

RETORT_PLUGIN("mysql", "0.1.0", "MySQL and MariaDB dialect and driver (Connector/C++)",
              retort::sdk::dialect<retort::mysql::MysqlDialect>("mysql", "mariadb"),
              retort::sdk::driver<retort::mysql::MysqlDriver>("mysqlcppconn", "mysql,mariadb"))
