#include "mysql_driver.hpp"

#include <cppconn/connection.h>
#include <cppconn/metadata.h>
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include <retort/sdk/connect_options.hpp>

#include <cctype>
#include <cstdio>
#include <mutex>
#include <tuple>

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

// Whether the server runs anonymous compound statements (BEGIN NOT ATOMIC ... END): MariaDB from 10.1.1 on.
// Oracle MySQL has none. `version` is the server's greeting; a MariaDB 10 server may greet as
// "5.5.5-10.11.6-MariaDB" for the sake of old replication clients.
bool runs_anonymous_blocks(std::string version) {
  if (version.find("MariaDB") == std::string::npos) return false;
  if (version.rfind("5.5.5-", 0) == 0) version.erase(0, 6);
  int major = 0, minor = 0, patch = 0;
  if (std::sscanf(version.c_str(), "%d.%d.%d", &major, &minor, &patch) < 2) return false;
  return std::make_tuple(major, minor, patch) >= std::make_tuple(10, 1, 1);
}

// `sql` without the spaces and semicolons that end it: the block puts its own `;` after it.
std::string without_terminator(const std::string& sql) {
  size_t end = sql.size();
  while (end > 0 && (std::isspace(static_cast<unsigned char>(sql[end - 1])) || sql[end - 1] == ';')) --end;
  return sql.substr(0, end);
}

// Whether `sql` (without its terminator) is one statement that ends where its text ends: no `;` outside
// quotes and comments, and no quote or comment left open. Only such a statement can stand in a compound
// statement and mean there what it means alone: run alone, "INSERT ...; INSERT ..." is refused (one
// statement per call), and an open quote would take in the statements after it.
bool stands_alone(const std::string& sql) {
  size_t i = 0;
  const size_t n = sql.size();
  while (i < n) {
    const char c = sql[i];
    if (c == '\'' || c == '"' || c == '`') {
      for (++i; i < n && sql[i] != c; ++i)
        if (sql[i] == '\\' && c != '`') ++i;  // a doubled quote is two quoted spans in a row
      if (i >= n) return false;
      ++i;
    } else if (c == '#' || (c == '-' && i + 1 < n && sql[i + 1] == '-' &&
                            (i + 2 == n || std::isspace(static_cast<unsigned char>(sql[i + 2]))))) {
      const size_t end = sql.find('\n', i);
      i = end == std::string::npos ? n : end + 1;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      // The body of an executable comment (/*! ... */, /*M! ... */) is SQL: it is read as such.
      if (i + 2 < n && (sql[i + 2] == '!' || (sql[i + 2] == 'M' && i + 3 < n && sql[i + 3] == '!'))) {
        i += 2;
        continue;
      }
      const size_t end = sql.find("*/", i + 2);
      if (end == std::string::npos) return false;
      i = end + 2;
    } else if (c == ';') {
      return false;
    } else {
      ++i;
    }
  }
  return true;
}

// Errors with which the server refuses a compound statement as a whole, while parsing it or before running
// any of it: a parse error (the statement, or its form, does not parse inside a block), a statement stored
// programs may not hold, a result set the client cannot take from a stored program. (A CALL whose procedure
// PREPAREs text that does not parse fails with 1064 after it ran; run again one by one, it fails the same way.)
bool refused_before_running(int code) { return code == 1064 || code == 1314 || code == 1312; }

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
  // The client library has the server's version from its greeting, so knowing it costs no round trip.
  explicit MysqlConnection(sql::Connection* conn)
      : conn_(conn), anonymous_blocks_(runs_anonymous_blocks(conn->getMetaData()->getDatabaseProductVersion())) {}

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

  // Each statement a unit costs a round trip of its own, and so do the three that bracket them (SET
  // autocommit = 0, COMMIT by SET autocommit = 1): a data change and its progress record took four. The
  // client library cannot run a multi-statement batch safely (see above), but one statement can hold them
  // all: MariaDB runs an anonymous compound statement (BEGIN NOT ATOMIC ... END), in which START
  // TRANSACTION ... COMMIT makes them one unit, and the whole unit costs one round trip. Each statement
  // ends in a newline before its `;`, so a trailing `-- comment` cannot swallow it, and a text that is not
  // one statement standing alone (two statements, an open quote) goes one by one, where it fails as it
  // always did instead of meaning something else inside the block. MySQL has no such
  // statement: there, and where a server refuses the block before running any of it (a parse error, a
  // statement a stored program may not hold), the statements go one by one as before, which also gives the
  // user's own error for the statement at fault. Any other error may come after a statement ran, and a
  // change to a non-transactional (MyISAM) table does not roll back: that is never retried, and the
  // server's error is reported for the unit's first statement, the one it is the unit of.
  void execute_atomically(const std::vector<std::string>& sqls) override {
    if (!anonymous_blocks_ || sqls.empty()) return sdk::Connection::execute_atomically(sqls);
    std::string block = "BEGIN NOT ATOMIC\nSTART TRANSACTION;\n";
    for (const auto& sql : sqls) {
      const std::string statement = without_terminator(sql);
      if (!stands_alone(statement)) return sdk::Connection::execute_atomically(sqls);
      block += statement + "\n;\n";
    }
    block += "COMMIT;\nEND";
    try {
      std::unique_ptr<sql::Statement> stmt(conn_->createStatement());
      // A SELECT or CALL in the block answers with result sets before the block's final OK: all are read,
      // so the connection is free for the next call.
      for (bool rows = stmt->execute(block); rows; rows = stmt->getMoreResults()) {
        std::unique_ptr<sql::ResultSet> rs(stmt->getResultSet());
        while (rs && rs->next()) {
        }
      }
      return;
    } catch (const sql::SQLException& e) {
      const int code = e.getErrorCode();
      const sdk::Failure failure = current_failure(sqls.front());
      // A failed statement leaves the block's transaction open.
      try {
        conn_->rollback();
      } catch (...) {
        // The statement's failure is the one to report; a connection that cannot roll back is gone anyway.
      }
      if (!refused_before_running(code)) throw failure;
    } catch (...) {
      rethrow(sqls.front());
    }
    sdk::Connection::execute_atomically(sqls);
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
  const bool anonymous_blocks_;  // execute_atomically sends one compound statement (MariaDB)
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
