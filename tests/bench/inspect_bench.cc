// Benchmarks schema inspection (Database::inspect, the dialect's inspector) on a generated MySQL schema of
// --tables tables, each with a few columns, a unique constraint, an index, a check and a foreign key to the
// table before it, natively and over ODBC. Prints a Markdown table of the best wall time of --repeat runs.
// The server is the test environment's (RETORT_TEST_MYSQL: tests/test_servers.sh); without it the
// benchmark says so and does nothing. A measurement, never a pass/fail test.
//
//   inspect_bench [--tables 200] [--repeat 3]
#include "config/url.h"
#include "live_database.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>
#include <utility>

namespace {

using retort::testing::Backend;
using retort::testing::LiveDatabase;

struct Options {
  int tables = 200;
  int repeat = 3;
};

void run(retort::Database& db, const std::string& sql) {
  retort::Status st = db.execute(sql);
  if (!st.ok()) throw std::runtime_error(st.error().to_string());
}

// Table i: a key, a foreign key to table i-1, a unique name, an indexed pair, a check and a comment.
void create_schema(retort::Database& db, int tables) {
  for (int i = 0; i < tables; ++i) {
    const std::string t = "t" + std::to_string(i);
    std::string sql = "CREATE TABLE " + t + " (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, prev_id INT, "
                      "name VARCHAR(40) NOT NULL, score INT DEFAULT 0, note TEXT COMMENT 'about " + t + "', "
                      "created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, "
                      "CONSTRAINT uq_" + t + "_name UNIQUE (name), KEY ix_" + t + "_score (score, created), "
                      "CONSTRAINT ck_" + t + "_score CHECK (score >= 0)";
    if (i > 0)
      sql += ", CONSTRAINT fk_" + t + "_prev FOREIGN KEY (prev_id) REFERENCES t" + std::to_string(i - 1) + " (id)";
    run(db, sql + ") COMMENT 'table " + std::to_string(i) + "'");
  }
}

double best_seconds(retort::Database& db, int repeat, std::string* document) {
  double best = 1e9;
  for (int r = 0; r < repeat; ++r) {
    auto start = std::chrono::steady_clock::now();
    auto text = db.inspect("");
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!text.ok()) throw std::runtime_error(text.error().to_string());
    *document = std::move(text).value();
    best = std::min(best, s);
  }
  return best;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
      return argv[++i];
    };
    if (a == "--tables") o.tables = std::stoi(next());
    else if (a == "--repeat") o.repeat = std::max(1, std::stoi(next()));
    else throw std::runtime_error("unknown option " + a);
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options o = parse(argc, argv);
    const Backend native{"mysql", "mysql", false};
    if (auto why = retort::testing::unavailable(native)) {
      std::cerr << "inspect_bench: skipped: " << *why << "\n";
      return retort::testing::servers_required() ? 1 : 0;
    }
    LiveDatabase db(native, "inspect_bench");
    auto start = std::chrono::steady_clock::now();
    create_schema(db.connection(), o.tables);
    const double create_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::string document;
    const double native_s = best_seconds(db.connection(), o.repeat, &document);

    retort::DatabaseConfig config;
    config.name = "odbc";
    config.url = retort::parse_url("mysql+odbc" + db.url().substr(db.url().find("://"))).value();
    auto odbc = retort::Database::connect(retort::testing::build_plugins(), config);
    if (!odbc.ok()) throw std::runtime_error(odbc.error().to_string());
    std::string odbc_document;
    const double odbc_s = best_seconds(*odbc, o.repeat, &odbc_document);
    if (odbc_document != document) throw std::runtime_error("ODBC read a different document than the native driver");

    std::printf("| tables | creating them | document | inspect, native | inspect, ODBC |\n|---|---|---|---|---|\n"
                "| %d | %.2f s | %zu bytes | %.3f s | %.3f s |\n",
                o.tables, create_s, document.size(), native_s, odbc_s);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "inspect_bench: " << e.what() << "\n";
    return 1;
  }
}
