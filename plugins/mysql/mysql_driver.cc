#include "mysql_driver.hpp"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include <retort/sdk/connect_options.hpp>

#include <cctype>
#include <mutex>

namespace retort::mysql {
namespace {

// The exception being handled, as a Failure naming `statement`.
sdk::Failure current_failure(const std::string& statement) {
  try {
    throw;
  } catch (const sql::SQLException& e) {
    std::string msg = e.what();
    if (e.getErrorCode()) msg += " [MySQL error " + std::to_string(e.getErrorCode()) + "]";
    return sdk::Failure(msg, e.getSQLState(), statement);
  } catch (const std::exception& e) {
    return sdk::Failure(e.what(), "", statement);
  }
}

[[noreturn]] void rethrow(const std::string& statement) { throw current_failure(statement); }

// MySQL's character set names are letters, digits and underscores (utf8mb4, latin1, gb18030); the client
// library says which names it knows.
bool is_charset_name(const std::string& name) {
  if (name.empty() || name.size() > 32) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

// One statement per call: Connector/C++ 1.1 cannot tell an update count from the end of a
// multi-statement batch, so CLIENT_MULTI_STATEMENTS stays off and a failure always names its statement.
class MysqlConnection : public sdk::Connection {
 public:
  explicit MysqlConnection(sql::Connection* conn) : conn_(conn) {}

  void execute(const std::string& sql) override {
    query(sql, [](const sdk::Row&) { return true; });
  }

  void query(const std::string& sql, const sdk::RowFn& on_row) override {
    try {
      std::unique_ptr<sql::Statement> stmt(conn_->createStatement());
      if (!stmt->execute(sql)) return;
      std::unique_ptr<sql::ResultSet> rs(stmt->getResultSet());
      if (!rs) return;
      const unsigned n = rs->getMetaData()->getColumnCount();
      sdk::Row row;
      bool more = true;
      // The whole result is read even after on_row says stop: the connection must be free for the next call.
      while (rs->next()) {
        if (!more) continue;
        row.clear();
        for (unsigned i = 1; i <= n; ++i)
          row.push_back(rs->isNull(i) ? std::nullopt : std::optional<std::string>(std::string(rs->getString(i))));
        more = on_row(row);
      }
    } catch (const sdk::Failure&) {
      throw;
    } catch (...) {
      rethrow(sql);
    }
  }

  // With autocommit off, the statements after an implicit commit (any DDL) still share a transaction
  // that ends at commit(); START TRANSACTION would fall back to autocommit after the first DDL.
  void begin() override { call("SET autocommit = 0", [&] { conn_->setAutoCommit(false); }); }
  // Turning autocommit back on commits the open transaction (an implicit commit, in MySQL and MariaDB
  // alike): one round trip where COMMIT and then SET autocommit = 1 took two, on every step.
  void commit() override { call("COMMIT", [&] { conn_->setAutoCommit(true); }); }
  void rollback() override {
    call("ROLLBACK", [&] {
      conn_->rollback();
      conn_->setAutoCommit(true);
    });
  }

 private:
  template <class F>
  void call(const char* what, F&& f) {
    try {
      f();
    } catch (...) {
      rethrow(what);
    }
  }

  std::unique_ptr<sql::Connection> conn_;
};

}  // namespace

std::unique_ptr<sdk::Connection> MysqlDriver::connect(const sdk::ConnectParams& params) const {
  sdk::ConnectOptions url_options(params);
  sdk::ConnectTimeout timeout = url_options.connect_timeout();
  const std::string* charset = url_options.text("charset");
  if (charset && !is_charset_name(*charset))
    url_options.refuse("charset", "must be a character set name such as utf8mb4");
  url_options.refuse_unread("mysql", "mysql+odbc:// passes further options on to MariaDB Connector/ODBC");

  sql::ConnectOptionsMap options;
  std::string host = params.host.empty() ? "127.0.0.1" : params.host;
  options["hostName"] = sql::SQLString("tcp://" + host + ":" + std::to_string(params.port ? params.port : 3306));
  options["userName"] = sql::SQLString(params.username);
  options["password"] = sql::SQLString(params.password);
  if (!params.database.empty()) options["schema"] = sql::SQLString(params.database);
  // The client library waits this long for the TCP connection and for the server's greeting.
  options["OPT_CONNECT_TIMEOUT"] = timeout.seconds();
  options["OPT_CHARSET_NAME"] = sql::SQLString(charset ? *charset : "utf8mb4");
  try {
    // Connector/C++ 1.1 keeps its driver instance in an unguarded static, and its first use initialises
    // the client library: databases migrated in parallel connect one at a time.
    static std::mutex connect_mutex;
    std::lock_guard<std::mutex> lock(connect_mutex);
    sql::mysql::MySQL_Driver* driver = sql::mysql::get_mysql_driver_instance();
    timeout.start();  // after the mutex: another database's wait is not this one's
    return std::make_unique<MysqlConnection>(driver->connect(options));
  } catch (...) {
    const sdk::Failure failure = current_failure("");
    throw sdk::Failure(timeout.explain(failure.what()), failure.sqlstate());
  }
}

}  // namespace retort::mysql
