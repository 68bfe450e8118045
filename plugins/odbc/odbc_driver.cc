#include "odbc_driver.hpp"

#include "odbc_connection_string.hpp"

#include <retort/sdk/connect_options.hpp>

#include <sql.h>
#include <sqlext.h>

#include <string>

namespace retort::odbc {
namespace {

bool succeeded(SQLRETURN rc) { return rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO; }

// The diagnostic records of a handle as one message, and the first record's SQLSTATE.
sdk::Failure diagnostics(SQLSMALLINT type, SQLHANDLE handle, const std::string& what, const std::string& statement) {
  std::string message, sqlstate;
  for (SQLSMALLINT i = 1;; ++i) {
    SQLCHAR state[6] = {0};
    SQLCHAR text[SQL_MAX_MESSAGE_LENGTH] = {0};
    SQLINTEGER native = 0;
    SQLSMALLINT len = 0;
    if (!succeeded(SQLGetDiagRec(type, handle, i, state, &native, text, sizeof text, &len))) break;
    if (sqlstate.empty()) sqlstate = reinterpret_cast<const char*>(state);
    if (!message.empty()) message += "; ";
    message += reinterpret_cast<const char*>(text);
  }
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return sdk::Failure(message.empty() ? what + " failed without a diagnostic" : message, sqlstate, statement);
}

class Statement {
 public:
  explicit Statement(SQLHDBC dbc) {
    if (!succeeded(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt_)))
      throw diagnostics(SQL_HANDLE_DBC, dbc, "allocating a statement", "");
  }
  ~Statement() { SQLFreeHandle(SQL_HANDLE_STMT, stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  SQLHSTMT get() const { return stmt_; }

 private:
  SQLHSTMT stmt_ = SQL_NULL_HSTMT;
};

class OdbcConnection : public sdk::Connection {
 public:
  OdbcConnection(const std::string& connection_string, sdk::ConnectTimeout timeout) {
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env_);
    // ODBC 3 behaviour must be asked for before the connection handle exists.
    SQLSetEnvAttr(env_, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
    if (!succeeded(SQLAllocHandle(SQL_HANDLE_DBC, env_, &dbc_))) {
      SQLFreeHandle(SQL_HANDLE_ENV, env_);
      throw sdk::Failure("cannot allocate an ODBC connection handle");
    }
    // ODBC's default is to wait for ever. psqlODBC hands this to libpq as its connect_timeout; MariaDB's
    // driver needs CONN_TIMEOUT as well (odbc_connection_string.cc).
    auto seconds = reinterpret_cast<SQLPOINTER>(static_cast<uintptr_t>(timeout.seconds()));
    if (!succeeded(SQLSetConnectAttr(dbc_, SQL_ATTR_LOGIN_TIMEOUT, seconds, SQL_IS_UINTEGER)))
      fail("setting the login timeout");
    SQLCHAR out[1024];
    SQLSMALLINT out_len = 0;
    std::string in = connection_string;
    timeout.start();
    SQLRETURN rc = SQLDriverConnect(dbc_, nullptr, reinterpret_cast<SQLCHAR*>(in.data()), SQL_NTS, out, sizeof out,
                                    &out_len, SQL_DRIVER_NOPROMPT);
    if (!succeeded(rc)) {
      sdk::Failure failure = diagnostics(SQL_HANDLE_DBC, dbc_, "connecting", "");
      fail(sdk::Failure(timeout.explain(failure.what()), failure.sqlstate()));
    }
  }
  ~OdbcConnection() override {
    SQLDisconnect(dbc_);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc_);
    SQLFreeHandle(SQL_HANDLE_ENV, env_);
  }

  void execute(const std::string& sql) override {
    Statement stmt(dbc_);
    exec(stmt, sql);
    // Every result of a batch is consumed, so an error in a later statement of it is not lost.
    SQLRETURN rc;
    while ((rc = SQLMoreResults(stmt.get())) != SQL_NO_DATA) {
      if (!succeeded(rc)) throw diagnostics(SQL_HANDLE_STMT, stmt.get(), "reading results", sql);
    }
  }

  void query(const std::string& sql, const sdk::RowFn& on_row) override {
    Statement stmt(dbc_);
    exec(stmt, sql);
    SQLSMALLINT columns = 0;
    SQLNumResultCols(stmt.get(), &columns);
    sdk::Row row;
    for (;;) {
      SQLRETURN rc = SQLFetch(stmt.get());
      if (rc == SQL_NO_DATA) break;
      if (!succeeded(rc)) throw diagnostics(SQL_HANDLE_STMT, stmt.get(), "fetching", sql);
      row.clear();
      for (SQLUSMALLINT c = 1; c <= static_cast<SQLUSMALLINT>(columns); ++c) row.push_back(cell(stmt.get(), c, sql));
      if (!on_row(row)) break;
    }
  }

  void begin() override { set_autocommit(false, "BEGIN"); }
  void commit() override { end(SQL_COMMIT, "COMMIT"); }
  void rollback() override { end(SQL_ROLLBACK, "ROLLBACK"); }

 private:
  // A constructor that throws runs no destructor: the handles are freed here.
  [[noreturn]] void fail(const sdk::Failure& failure) {
    SQLFreeHandle(SQL_HANDLE_DBC, dbc_);
    SQLFreeHandle(SQL_HANDLE_ENV, env_);
    throw failure;
  }
  [[noreturn]] void fail(const char* what) { fail(diagnostics(SQL_HANDLE_DBC, dbc_, what, "")); }

  void exec(Statement& stmt, const std::string& sql) {
    std::string text = sql;
    SQLRETURN rc = SQLExecDirect(stmt.get(), reinterpret_cast<SQLCHAR*>(text.data()), SQL_NTS);
    // SQL_NO_DATA: a searched UPDATE or DELETE that touched no row.
    if (!succeeded(rc) && rc != SQL_NO_DATA) throw diagnostics(SQL_HANDLE_STMT, stmt.get(), "executing", sql);
  }

  static std::optional<std::string> cell(SQLHSTMT stmt, SQLUSMALLINT column, const std::string& sql) {
    std::string value;
    char buffer[4096];
    for (;;) {
      SQLLEN indicator = 0;
      SQLRETURN rc = SQLGetData(stmt, column, SQL_C_CHAR, buffer, sizeof buffer, &indicator);
      if (rc == SQL_NO_DATA) break;
      if (!succeeded(rc)) throw diagnostics(SQL_HANDLE_STMT, stmt, "reading a column", sql);
      if (indicator == SQL_NULL_DATA) return std::nullopt;
      // A long value comes in pieces, each but the last filling the buffer (less its terminating NUL).
      bool truncated = rc == SQL_SUCCESS_WITH_INFO &&
                       (indicator == SQL_NO_TOTAL || indicator >= static_cast<SQLLEN>(sizeof buffer));
      value.append(buffer, truncated ? sizeof buffer - 1 : static_cast<size_t>(indicator));
      if (!truncated) break;
    }
    return value;
  }

  void set_autocommit(bool on, const char* what) {
    SQLPOINTER mode = reinterpret_cast<SQLPOINTER>(static_cast<uintptr_t>(on ? SQL_AUTOCOMMIT_ON : SQL_AUTOCOMMIT_OFF));
    if (!succeeded(SQLSetConnectAttr(dbc_, SQL_ATTR_AUTOCOMMIT, mode, SQL_IS_UINTEGER)))
      throw diagnostics(SQL_HANDLE_DBC, dbc_, what, what);
  }

  void end(SQLSMALLINT completion, const char* what) {
    SQLRETURN rc = SQLEndTran(SQL_HANDLE_DBC, dbc_, completion);
    if (!succeeded(rc)) {
      sdk::Failure failure = diagnostics(SQL_HANDLE_DBC, dbc_, what, what);
      SQLEndTran(SQL_HANDLE_DBC, dbc_, SQL_ROLLBACK);
      set_autocommit(true, what);
      throw failure;
    }
    set_autocommit(true, what);
  }

  SQLHENV env_ = SQL_NULL_HENV;
  SQLHDBC dbc_ = SQL_NULL_HDBC;
};

}  // namespace

std::unique_ptr<sdk::Connection> OdbcDriver::connect(const sdk::ConnectParams& params) const {
  const std::string connection = connection_string(params);  // checks every option first
  sdk::ConnectOptions options(params, sdk::ConnectOptions::Names::any_case);
  return std::make_unique<OdbcConnection>(connection, options.connect_timeout());
}

}  // namespace retort::odbc
