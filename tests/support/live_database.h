// A fresh, empty database on one of the backends the integration tests run against: a SQLite file, or a
// new database on the test PostgreSQL or MariaDB server (tests/test_servers.sh), reached natively or
// through ODBC. Dropped again at the end of the test.
#pragma once

#include "runtime/database.h"
#include "temp_dir.h"

#include <memory>
#include <ostream>
#include <optional>
#include <string>
#include <vector>

namespace retort::testing {

struct Backend {
  std::string name;     // "postgresql+odbc": used in test names and scenario conditions
  std::string dialect;  // "postgresql", "mysql", "sqlite"
  bool odbc = false;
};

// Test names and failure messages show the backend's name.
inline void PrintTo(const Backend& backend, std::ostream* os) { *os << backend.name; }

// A test-name suffix for a backend ("postgresql_odbc").
std::string test_name(const Backend& backend);

// Every backend: the three native drivers and the three ODBC transports.
const std::vector<Backend>& all_backends();
// The backends with a native driver (one per dialect).
std::vector<Backend> native_backends();
// The backends of `dialect`: its native driver and its ODBC transport.
std::vector<Backend> backends_of(const std::string& dialect);

// Why `backend` cannot be used here (its server's variable is not set), or nullopt when it can. The
// tests skip then, unless RETORT_TEST_REQUIRE_SERVERS=1 (tests/run.sh), where it is a failure.
std::optional<std::string> unavailable(const Backend& backend);
bool servers_required();

class LiveDatabase {
 public:
  // Creates the database; `tag` makes its name readable in server logs.
  LiveDatabase(const Backend& backend, const std::string& tag);
  ~LiveDatabase();
  LiveDatabase(const LiveDatabase&) = delete;
  LiveDatabase& operator=(const LiveDatabase&) = delete;

  const Backend& backend() const { return backend_; }
  // The URL for retort.toml.
  const std::string& url() const { return url_; }
  // The same database with another password, for failure tests.
  std::string url_with_password(const std::string& password) const;
  const std::string& database_name() const { return name_; }

  // A connection through the backend's own driver, for reading results back.
  Database& connection();
  // Rows of a query, cells joined by '|' (NULL as "NULL"), rows by '\n'.
  std::string query(const std::string& sql);
  // Runs a statement, failing the test if it fails.
  void execute(const std::string& sql);

 private:
  struct State;
  Backend backend_;
  std::string name_;
  std::string url_;
  TempDir dir_;
  std::unique_ptr<State> state_;
};

// The plugins of this build, loaded once.
const PluginHost& build_plugins();

}  // namespace retort::testing

#define RETORT_REQUIRE_BACKEND(backend)                                                            \
  do {                                                                                             \
    if (auto why = ::retort::testing::unavailable(backend)) {                                      \
      if (::retort::testing::servers_required()) FAIL() << *why;                                   \
      GTEST_SKIP() << *why;                                                                        \
    }                                                                                              \
  } while (0)
