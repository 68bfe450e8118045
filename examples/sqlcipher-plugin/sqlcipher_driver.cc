#include "sqlcipher_driver.hpp"

#include <retort/sdk/connect_options.hpp>

#include <sqlite3.h>

#include <cctype>
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sqlcipher {

using retort::sdk::Failure;

namespace {

std::string literal(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

bool is_number(const std::string& s) {
  if (s.empty() || s.size() > 9) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// The URL's options, all checked before the file is opened (opening creates it).
struct Options {
  std::vector<std::pair<std::string, std::string>> pragmas;  // set after the key, in this order
  int timeout_ms = 60000;
};

Options read_options(const retort::sdk::ConnectParams& params) {
  retort::sdk::ConnectOptions url(params);
  Options out;
  // Values go into a PRAGMA, which takes no parameters: numbers and ON/OFF are checked, a cipher name is
  // quoted.
  if (const std::string* cipher = url.text("cipher")) out.pragmas.emplace_back("cipher", literal(*cipher));
  for (const char* pragma : {"kdf_iter", "cipher_page_size"}) {
    const std::string* value = url.text(pragma);
    if (value && !is_number(*value)) url.refuse(pragma, "must be a whole number");
    if (value) out.pragmas.emplace_back(pragma, *value);
  }
  if (const std::string* hmac = url.text("cipher_use_hmac")) {
    if (*hmac != "ON" && *hmac != "OFF") url.refuse("cipher_use_hmac", "must be ON or OFF");
    out.pragmas.emplace_back("cipher_use_hmac", *hmac);
  }
  // At most a day, which keeps the milliseconds SQLite takes within an int.
  if (std::optional<double> seconds = url.seconds("timeout", 0, 86400))
    out.timeout_ms = static_cast<int>(std::lround(*seconds * 1000));
  url.refuse_unread("sqlcipher");
  return out;
}

class SqlcipherConnection final : public retort::sdk::Connection {
 public:
  explicit SqlcipherConnection(const retort::sdk::ConnectParams& params) : path_(params.database) {
    if (params.password.empty())
      throw Failure("a SQLCipher URL carries the passphrase as its password: sqlcipher://:PASSPHRASE@/" + path_);
    if (path_.empty()) throw Failure("a SQLCipher URL needs a database file: sqlcipher://:PASSPHRASE@/app.db");
    const Options options = read_options(params);
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path_.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      db_ = nullptr;
      throw Failure("cannot open SQLCipher database '" + path_ + "': " + msg);
    }
    try {
      // A library without the cipher would accept PRAGMA key silently and write plain files.
      if (single_value("PRAGMA cipher_version").empty())
        throw Failure("the SQLite library this plugin loaded is not SQLCipher (PRAGMA cipher_version is empty)");
      exec("PRAGMA key = " + literal(params.password));
      for (const auto& [pragma, value] : options.pragmas) exec("PRAGMA " + pragma + " = " + value);
      sqlite3_busy_timeout(db_, options.timeout_ms);
      // The key is only checked when the first page is read: a wrong one fails here, not mid-migration.
      single_value("SELECT count(*) FROM sqlite_master");
    } catch (const Failure&) {
      const bool not_a_database = sqlite3_errcode(db_) == SQLITE_NOTADB;
      sqlite3_close(db_);
      db_ = nullptr;
      if (not_a_database)
        throw Failure("cannot open SQLCipher database '" + path_ +
                      "': the passphrase is wrong, or the file is not a SQLCipher database (or uses other cipher "
                      "settings)");
      throw;
    }
  }
  ~SqlcipherConnection() override { sqlite3_close(db_); }

  void execute(const std::string& sql) override { exec(sql); }

  void query(const std::string& sql, const retort::sdk::RowFn& on_row) override {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
      throw Failure(sqlite3_errmsg(db_), "", sql);
    const int n = sqlite3_column_count(stmt);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      retort::sdk::Row row;
      for (int i = 0; i < n; ++i) {
        const unsigned char* text = sqlite3_column_text(stmt, i);
        row.push_back(text ? std::optional<std::string>(reinterpret_cast<const char*>(text)) : std::nullopt);
      }
      if (!on_row(row)) break;
    }
    std::string msg = rc == SQLITE_ROW || rc == SQLITE_DONE ? "" : sqlite3_errmsg(db_);
    sqlite3_finalize(stmt);
    if (!msg.empty()) throw Failure(msg, "", sql);
  }

  // IMMEDIATE takes the write lock now, so a second retort waits here instead of failing mid-run.
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
      // The statement is reported with the error, so the key pragma is not: it holds the passphrase.
      throw Failure(msg, "", sql.rfind("PRAGMA key", 0) == 0 ? "PRAGMA key = ***" : sql);
    }
  }

  std::string single_value(const std::string& sql) {
    std::string value;
    query(sql, [&](const retort::sdk::Row& row) {
      if (!row.empty() && row[0]) value = *row[0];
      return false;
    });
    return value;
  }

  std::string path_;
  sqlite3* db_ = nullptr;
};

}  // namespace

std::unique_ptr<retort::sdk::Connection> SqlcipherDriver::connect(const retort::sdk::ConnectParams& params) const {
  return std::make_unique<SqlcipherConnection>(params);
}

}  // namespace sqlcipher
