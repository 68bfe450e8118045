// Benchmarks the declared-schema commands on a generated schema of --tables tables (each with a key, a
// foreign key to the table before it, a unique name, an index, a check, a default and comments), on every
// backend whose server is set (tests/test_servers.sh), with scratch = "auto" on the servers:
//   baseline   `revision --autogenerate` from an empty tree (every table created)
//   upgrade    `upgrade heads` of that revision
//   unchanged  `revision --autogenerate` when nothing changed (writes nothing)
//   change     `revision --autogenerate` after a column was added to every table
//   check --db `check --db` (the declared schema, then the live database against its revisions)
// The floor is the backend's own shell (sqlite3, psql, mysql) running the baseline's SQL (`upgrade heads
// --sql`) on an empty database: the DDL alone, without reading anything back. Prints a Markdown table of
// seconds and ratios to the floor. A measurement, never a pass/fail test.
//
//   autogenerate_bench [--tables 200] [--backends sqlite,postgresql,mysql,...]
#include "cli_runner.h"
#include "config/url.h"
#include "live_database.h"
#include "temp_dir.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using retort::testing::Backend;
using retort::testing::CliResult;
using retort::testing::LiveDatabase;

struct Options {
  int tables = 200;
  std::vector<std::string> backends;  // empty: all
};

std::string declared_schema(int tables, bool changed) {
  std::ostringstream s;
  s << "format = 1\n";
  for (int i = 0; i < tables; ++i) {
    const std::string t = "t" + std::to_string(i);
    s << "\n[[table]]\nname = \"" << t << "\"\ncomment = \"table " << i << "\"\ncolumns = [\n"
      << "  { name = \"id\", type = \"integer\", primary_key = true, autoincrement = true },\n"
      << "  { name = \"prev_id\", type = \"integer\" },\n"
      << "  { name = \"name\", type = \"string(40)\", nullable = false },\n"
      << "  { name = \"score\", type = \"integer\", nullable = false, server_default = 0 },\n"
      << "  { name = \"note\", type = \"text\", comment = \"about " << t << "\" },\n";
    if (changed) s << "  { name = \"extra\", type = \"string(20)\" },\n";
    s << "]\nunique = [ { name = \"uq_" << t << "_name\", columns = [\"name\"] } ]\n"
      << "checks = [ { name = \"ck_" << t << "_score\", sql = \"score >= 0\" } ]\n"
      << "indexes = [ { name = \"ix_" << t << "_score\", columns = [\"score\", \"name\"] } ]\n";
    if (i > 0)
      s << "foreign_keys = [ { name = \"fk_" << t << "_prev\", columns = [\"prev_id\"], ref_table = \"t" << i - 1
        << "\", ref_columns = [\"id\"] } ]\n";
  }
  return s.str();
}

double timed(const std::function<void()>& work) {
  auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

CliResult retort(const fs::path& dir, const std::vector<std::string>& args) {
  CliResult r = retort::testing::run_retort(dir, args);
  if (r.exit_code != 0) {
    std::string cmd;
    for (const auto& a : args) cmd += " " + a;
    throw std::runtime_error("retort" + cmd + " failed: " + r.err);
  }
  return r;
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The backend's own shell running `script` on `db`.
std::string shell_command(const LiveDatabase& db, const fs::path& script) {
  const Backend& b = db.backend();
  if (b.dialect == "sqlite") return "sqlite3 " + shell_quote(retort::parse_url(db.url()).value().database) + " < " + shell_quote(script);
  retort::Url u = retort::parse_url(db.url()).value();
  if (b.dialect == "postgresql")
    return "PGPASSWORD=" + shell_quote(u.password) + " psql -q -v ON_ERROR_STOP=1 -h " + u.host + " -p " +
           std::to_string(u.port) + " -U " + shell_quote(u.username) + " -d " + u.database + " -f " +
           shell_quote(script) + " >/dev/null";
  return "MYSQL_PWD=" + shell_quote(u.password) + " mysql -h " + u.host + " -P " + std::to_string(u.port) + " -u " +
         shell_quote(u.username) + " " + u.database + " < " + shell_quote(script);
}

struct Row {
  std::string backend;
  double floor = 0, baseline = 0, upgrade = 0, unchanged = 0, change = 0, check_db = 0;
};

Row measure(const Backend& backend, int tables) {
  Row row;
  row.backend = backend.name;
  LiveDatabase live(backend, "agbench");
  LiveDatabase floor_db(backend, "agfloor");
  retort::testing::TempDir project;
  const fs::path dir = project.path();
  fs::create_directories(dir / "migrations" / "versions");
  retort::testing::write_file(dir / "retort.toml",
                              "[retort]\nscript_location = \"migrations\"\n\n[databases.main]\nurl = \"" + live.url() +
                                  "\"\nschema = [\"schema/main.toml\"]\n" +
                                  (backend.dialect == "sqlite" ? "" : "scratch = \"auto\"\n"));
  retort::testing::write_file(dir / "schema" / "main.toml", declared_schema(tables, false));

  row.baseline = timed([&] { retort(dir, {"revision", "--autogenerate", "-m", "baseline"}); });
  const std::string sql = retort(dir, {"upgrade", "heads", "--sql"}).out;
  const fs::path script = dir / "baseline.sql";
  retort::testing::write_file(script, sql);
  const std::string shell = shell_command(floor_db, script);
  row.floor = timed([&] {
    if (std::system(shell.c_str()) != 0) throw std::runtime_error("the floor's shell failed: " + shell);
  });
  row.upgrade = timed([&] { retort(dir, {"upgrade", "heads"}); });
  row.unchanged = timed([&] { retort(dir, {"revision", "--autogenerate", "-m", "nothing"}); });
  retort::testing::write_file(dir / "schema" / "main.toml", declared_schema(tables, true));
  row.change = timed([&] { retort(dir, {"revision", "--autogenerate", "-m", "extra"}); });
  retort(dir, {"upgrade", "heads"});
  row.check_db = timed([&] { retort(dir, {"check", "--db"}); });
  return row;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream s(text);
  for (std::string item; std::getline(s, item, ',');) out.push_back(item);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--tables" && i + 1 < argc) o.tables = std::atoi(argv[++i]);
    else if (a == "--backends" && i + 1 < argc) o.backends = split(argv[++i]);
    else {
      std::cerr << "usage: autogenerate_bench [--tables N] [--backends sqlite,postgresql,...]\n";
      return 2;
    }
  }
  std::printf("| backend (%d tables) | floor: shell runs the DDL | baseline autogenerate | upgrade | autogenerate, no change | autogenerate, 1 column x %d | check --db |\n",
              o.tables, o.tables);
  std::printf("|---|---|---|---|---|---|---|\n");
  for (const Backend& b : retort::testing::all_backends()) {
    if (!o.backends.empty() && std::find(o.backends.begin(), o.backends.end(), b.name) == o.backends.end()) continue;
    if (auto why = retort::testing::unavailable(b)) {
      std::printf("| %s | skipped: %s | | | | | |\n", b.name.c_str(), why->c_str());
      continue;
    }
    try {
      Row r = measure(b, o.tables);
      auto cell = [&](double s) {
        char text[64];
        std::snprintf(text, sizeof text, "%.2f s (%.0fx)", s, r.floor > 0 ? s / r.floor : 0.0);
        return std::string(text);
      };
      std::printf("| %s | %.3f s | %s | %s | %s | %s | %s |\n", r.backend.c_str(), r.floor, cell(r.baseline).c_str(),
                  cell(r.upgrade).c_str(), cell(r.unchanged).c_str(), cell(r.change).c_str(), cell(r.check_db).c_str());
    } catch (const std::exception& e) {
      std::printf("| %s | failed: %s | | | | | |\n", b.name.c_str(), e.what());
      return 1;
    }
    std::fflush(stdout);
  }
  return 0;
}
