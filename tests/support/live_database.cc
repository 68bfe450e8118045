#include "live_database.h"

#include "config/url.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <stdexcept>

namespace retort::testing {
namespace {

const char* server_variable(const std::string& dialect) {
  if (dialect == "postgresql") return "RETORT_TEST_POSTGRESQL";
  if (dialect == "mysql") return "RETORT_TEST_MYSQL";
  return nullptr;
}

// "postgresql://user:pass@host:port" from the environment.
std::string server_url(const std::string& dialect) {
  const char* value = std::getenv(server_variable(dialect));
  return value ? value : "";
}

std::string unique_name(const std::string& tag) {
  static std::atomic<int> counter{0};
  std::string name = "rt_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_";
  for (char c : tag) name += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
  return name.substr(0, 60);
}

DatabaseConfig config_for(const std::string& url) {
  DatabaseConfig c;
  c.name = "test";
  c.url = parse_url(url).value();
  return c;
}

Database connect_or_throw(const DatabaseConfig& config) {
  auto db = Database::connect(build_plugins(), config);
  if (!db.ok()) throw std::runtime_error(db.error().to_string());
  return std::move(db).value();
}

}  // namespace

const std::vector<Backend>& all_backends() {
  static const std::vector<Backend> backends = {
      {"sqlite", "sqlite", false},        {"postgresql", "postgresql", false}, {"mysql", "mysql", false},
      {"sqlite+odbc", "sqlite", true},    {"postgresql+odbc", "postgresql", true}, {"mysql+odbc", "mysql", true},
  };
  return backends;
}

std::string test_name(const Backend& backend) {
  std::string n = backend.name;
  for (char& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

std::vector<Backend> native_backends() {
  std::vector<Backend> out;
  for (const auto& b : all_backends())
    if (!b.odbc) out.push_back(b);
  return out;
}

std::vector<Backend> backends_of(const std::string& dialect) {
  std::vector<Backend> out;
  for (const auto& b : all_backends())
    if (b.dialect == dialect) out.push_back(b);
  return out;
}

bool servers_required() {
  const char* v = std::getenv("RETORT_TEST_REQUIRE_SERVERS");
  return v && std::string(v) == "1";
}

std::optional<std::string> unavailable(const Backend& backend) {
  const char* var = server_variable(backend.dialect);
  if (var && server_url(backend.dialect).empty())
    return std::string(var) + " is not set: start the test servers with tests/test_servers.sh";
  return std::nullopt;
}

const PluginHost& build_plugins() {
  static const PluginHost* host = [] {
    auto* h = new PluginHost();
    h->load_folders({RETORT_BUILD_PLUGIN_DIR});
    return h;
  }();
  return *host;
}

struct LiveDatabase::State {
  DatabaseConfig admin_config;
  DatabaseConfig config;
  std::optional<Database> connection;
};

LiveDatabase::LiveDatabase(const Backend& backend, const std::string& tag)
    : backend_(backend), name_(unique_name(tag)), state_(std::make_unique<State>()) {
  if (backend.dialect == "sqlite") {
    url_ = std::string(backend.odbc ? "sqlite+odbc" : "sqlite") + ":///" + (dir_ / (name_ + ".db")).string();
  } else {
    const std::string server = server_url(backend.dialect);
    // Create the database through the native driver, whatever the backend's transport.
    state_->admin_config = config_for(server + (backend.dialect == "postgresql" ? "/postgres" : "/"));
    Database admin = connect_or_throw(state_->admin_config);
    Status st = admin.execute("CREATE DATABASE " + name_);
    if (!st.ok()) throw std::runtime_error(st.error().to_string());
    std::string scheme = server.substr(0, server.find("://"));
    url_ = scheme + (backend.odbc ? "+odbc" : "") + server.substr(scheme.size()) + "/" + name_;
  }
  state_->config = config_for(url_);
}

LiveDatabase::~LiveDatabase() {
  state_->connection.reset();
  if (backend_.dialect == "sqlite") return;
  auto admin = Database::connect(build_plugins(), state_->admin_config);
  if (!admin.ok()) return;
  // PostgreSQL refuses to drop a database someone is still connected to (a killed child process).
  std::string force = backend_.dialect == "postgresql" ? " WITH (FORCE)" : "";
  (void)admin->execute("DROP DATABASE IF EXISTS " + name_ + force);
}

std::string LiveDatabase::url_with_password(const std::string& password) const {
  Url u = parse_url(url_).value();
  std::string::size_type at = url_.find('@');
  std::string::size_type colon = url_.rfind(':', at);
  if (at == std::string::npos || u.password.empty()) return url_;
  return url_.substr(0, colon + 1) + password + url_.substr(at);
}

Database& LiveDatabase::connection() {
  if (!state_->connection) state_->connection.emplace(connect_or_throw(state_->config));
  return *state_->connection;
}

std::string LiveDatabase::query(const std::string& sql) {
  auto rows = connection().query(sql);
  if (!rows.ok()) return "<error: " + rows.error().to_string() + ">";
  std::string out;
  for (const auto& row : *rows) {
    if (!out.empty()) out += "\n";
    for (size_t i = 0; i < row.size(); ++i) out += (i ? "|" : "") + (row[i] ? *row[i] : std::string("NULL"));
  }
  return out;
}

void LiveDatabase::execute(const std::string& sql) {
  Status st = connection().execute(sql);
  ASSERT_TRUE(st.ok()) << st.error().to_string();
}

}  // namespace retort::testing
