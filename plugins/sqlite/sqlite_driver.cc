#include "sqlite_driver.hpp"

#include <retort/sdk/connect_options.hpp>

#include <sqlite3.h>

#include <cmath>
#include <string>

namespace retort::sqlite {
namespace {

constexpr int kDefaultBusyTimeoutMs = 60000;

class SqliteConnection : public sdk::Connection {
 public:
  SqliteConnection(const std::string& path, int busy_timeout_ms) {
    // A connection is used by one thread at a time (the ABI's rule), so it needs no mutex of its own;
    // with `--jobs` the per-connection mutexes were the main cost of running databases side by side.
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
    // SQLite's memory statistics take one process-wide mutex on every allocation, which serialised
    // databases migrated in parallel (--jobs 2 was no faster than 1). Nobody here reads the statistics.
    // The call only works before SQLite is initialised; if something else initialised it first, it is a
    // harmless no-op.
    static const bool memstatus_off = [] { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK; }();
    (void)memstatus_off;
    int rc = sqlite3_open_v2(path.empty() ? ":memory:" : path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      db_ = nullptr;
      throw sdk::Failure("cannot open SQLite database '" + path + "': " + msg);
    }
    sqlite3_busy_timeout(db_, busy_timeout_ms);
    sqlite3_extended_result_codes(db_, 1);
    // Every CREATE and DROP makes SQLite scan sqlite_master, which on a big schema outgrows the page cache:
    // without a mapping each scan copied every page in with a system call (a tenth of a 10,000-revision
    // upgrade). Reads only: writes still go through the journal. A build without mmap ignores the pragma.
    sqlite3_exec(db_, "PRAGMA mmap_size = 268435456", nullptr, nullptr, nullptr);
    // foreign_keys stays at SQLite's default (off), as with SQLAlchemy and Alembic: a table rebuild
    // drops the old table, which with enforcement on would fire ON DELETE actions on other tables, and
    // the pragma cannot be changed inside the migration's transaction. Rebuilds check the keys instead.
  }
  ~SqliteConnection() override { sqlite3_close(db_); }

  void execute(const std::string& sql) override { exec(sql); }

  void query(const std::string& sql, const sdk::RowFn& on_row) override {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) fail(sql);
    int n = sqlite3_column_count(stmt);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      sdk::Row row;
      row.reserve(static_cast<size_t>(n));
      for (int i = 0; i < n; ++i) {
        const unsigned char* text = sqlite3_column_text(stmt, i);
        row.push_back(text ? std::optional<std::string>(reinterpret_cast<const char*>(text)) : std::nullopt);
      }
      if (!on_row(row)) break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
      std::string msg = sqlite3_errmsg(db_);
      sqlite3_finalize(stmt);
      throw sdk::Failure(msg, "", sql);
    }
    sqlite3_finalize(stmt);
  }

  // IMMEDIATE takes the write lock now, so a second retort waits here (busy timeout) instead of
  // failing later with SQLITE_BUSY in the middle of a migration.
  void begin() override { exec("BEGIN IMMEDIATE"); }
  void commit() override { exec("COMMIT"); }
  void rollback() override {
    if (!sqlite3_get_autocommit(db_)) exec("ROLLBACK");
  }

 private:
  void exec(const std::string& sql) {
    char* errmsg = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &errmsg) != SQLITE_OK) {
      std::string msg = errmsg ? errmsg : sqlite3_errmsg(db_);
      sqlite3_free(errmsg);
      throw sdk::Failure(msg, "", sql);
    }
  }
  [[noreturn]] void fail(const std::string& sql) { throw sdk::Failure(sqlite3_errmsg(db_), "", sql); }

  sqlite3* db_ = nullptr;
};

}  // namespace

std::unique_ptr<sdk::Connection> SqliteDriver::connect(const sdk::ConnectParams& params) const {
  sdk::ConnectOptions options(params);
  // At most a day, which keeps the milliseconds SQLite takes within an int.
  std::optional<double> timeout = options.seconds("timeout", 0, 86400);
  options.refuse_unread("sqlite");
  const int timeout_ms = timeout ? static_cast<int>(std::lround(*timeout * 1000)) : kDefaultBusyTimeoutMs;
  return std::make_unique<SqliteConnection>(params.database, timeout_ms);
}

}  // namespace retort::sqlite
