#include "postgresql_driver.hpp"

#include <retort/sdk/connect_options.hpp>

#include <pqxx/pqxx>

#include <optional>

namespace retort::postgresql {
namespace {

// A libpq keyword/value string: values quoted, so a password may hold any character.
std::string conninfo_value(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string conninfo(const sdk::ConnectParams& p) {
  sdk::ConnectOptions options(p);
  // Checked here, not left to libpq, which takes 0 or a negative number as "wait for ever".
  const sdk::ConnectTimeout timeout = options.connect_timeout();
  const std::string* application_name = options.text("application_name");
  std::string s;
  auto add = [&](const std::string& key, const std::string& value) {
    if (!value.empty()) s += key + "=" + conninfo_value(value) + " ";
  };
  add("host", p.host);
  if (p.port) add("port", std::to_string(p.port));
  add("dbname", p.database);
  add("user", p.username);
  add("password", p.password);
  add("connect_timeout", std::to_string(timeout.seconds()));
  add("application_name", application_name ? *application_name : "retort");
  // libpq checks the names and values of the rest ('invalid connection option "x"').
  for (const auto& [k, v] : options.unread()) add(k, v);
  return s;
}

[[noreturn]] void rethrow(const std::string& statement) {
  try {
    throw;
  } catch (const pqxx::sql_error& e) {
    // libpq's text starts with the severity ("ERROR:  "), which the host's own "error:" makes redundant.
    std::string msg = e.what();
    if (msg.rfind("ERROR:", 0) == 0) msg.erase(0, msg.find_first_not_of(' ', 6));
    throw sdk::Failure(msg, e.sqlstate(), e.query().empty() ? statement : e.query());
  } catch (const pqxx::broken_connection& e) {
    throw sdk::Failure(std::string("lost the connection to the server: ") + e.what(), "08006", statement);
  } catch (const std::exception& e) {
    throw sdk::Failure(e.what(), "", statement);
  }
}

// libpqxx allows one transaction object per connection at a time: `tx_` is the run's transaction when
// one is open; statements outside it (the lock, reading before a run) use a short-lived nontransaction.
class PostgresqlConnection : public sdk::Connection {
 public:
  explicit PostgresqlConnection(const std::string& info) : conn_(info), quiet_(conn_) {}

  void execute(const std::string& sql) override { (void)run(sql); }

  void query(const std::string& sql, const sdk::RowFn& on_row) override {
    pqxx::result result = run(sql);
    sdk::Row row;
    for (const auto& r : result) {
      row.clear();
      for (const auto& f : r) row.push_back(f.is_null() ? std::nullopt : std::optional<std::string>(f.c_str()));
      if (!on_row(row)) break;
    }
  }

  void begin() override {
    try {
      tx_.emplace(conn_);
    } catch (...) {
      rethrow("BEGIN");
    }
  }
  void commit() override {
    try {
      tx_->commit();
      tx_.reset();
    } catch (...) {
      tx_.reset();
      rethrow("COMMIT");
    }
  }
  void rollback() override {
    if (!tx_) return;
    try {
      tx_->abort();
      tx_.reset();
    } catch (...) {
      tx_.reset();
      rethrow("ROLLBACK");
    }
  }

 private:
  pqxx::result run(const std::string& sql) {
    try {
      if (tx_) return tx_->exec(sql);
      pqxx::nontransaction once(conn_);
      return once.exec(sql);
    } catch (...) {
      rethrow(sql);
    }
  }

  pqxx::connection conn_;
  // Server notices ("relation already exists, skipping") are not retort's output.
  pqxx::quiet_errorhandler quiet_;
  std::optional<pqxx::work> tx_;
};

}  // namespace

std::unique_ptr<sdk::Connection> PostgresqlDriver::connect(const sdk::ConnectParams& params) const {
  const std::string info = conninfo(params);  // checks the options first
  sdk::ConnectTimeout timeout = sdk::ConnectOptions(params).connect_timeout();
  try {
    timeout.start();
    return std::make_unique<PostgresqlConnection>(info);
  } catch (const pqxx::broken_connection& e) {
    // libpq's message spans lines ("connection to server at ... failed: ..."); one line reads better.
    std::string msg = e.what();
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    for (char& c : msg)
      if (c == '\n') c = ' ';
    throw sdk::Failure(timeout.explain(msg), "08001");
  }
}

}  // namespace retort::postgresql
