// Measures retort as ratios to a floor timed beside it in the same loop (absolute times on a shared machine
// drift; a ratio to a floor measured in the same minutes does not). Each row runs floor and retort
// alternately --repeat times and reports both medians and their ratio:
//   heads      warm revision cache, tree of --revisions trivial revisions   floor: find -printf (stat every file)
//   current    a SQLite database at head, same tree                         floor: the same find
//   deploy     `upgrade heads` with ONE pending revision, same tree          floor: the same find
//   upgrade    a full online `upgrade heads` on a fresh SQLite file, tree of --revisions revisions that each
//              create a table and an index     floor: cat of every revision file + sqlite3 running retort's
//              own --sql script (one transaction)
//   server     `upgrade heads` of --server-revisions such revisions on each test server that is set
//              (tests/test_servers.sh)         floor: psql / the mariadb client running retort's --sql script
// Then a fleet of --fleet DATABASESxREVISIONS SQLite databases migrated with each --jobs, writing --report:
// wall time, databases per second, the speed-up over --jobs 1, and peak memory (also for a quarter of the
// databases, so growth per database shows). The databases are [databases.dbN] tables, or with
// --fleet-source glob one [fleets.bench] whose glob source finds the files. --fleet-only skips the other
// rows (the 10,000-member measurement: --fleet 10000x5 --jobs 1,2,4 --repeat 1 --fleet-only). A
// measurement: it fails only when a command fails or a report misses a database, never on a timing.
//
//   retort_bench [--revisions 10000] [--server-revisions 1000] [--repeat 5] [--fleet 1000x20] [--jobs 1,2]
//                [--fleet-source databases|glob] [--fleet-only] [--backends sqlite,postgresql,mysql]
#include "config/url.h"
#include "live_database.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using retort::testing::Backend;
using retort::testing::LiveDatabase;

namespace {

struct Options {
  std::string retort = RETORT_BINARY;
  int revisions = 10000;
  int server_revisions = 1000;
  int repeat = 5;
  int fleet_databases = 1000;
  int fleet_revisions = 20;
  std::vector<int> jobs = {1, 2};
  bool fleet_glob = false;  // --fleet-source glob: a [fleets.bench] table instead of a table per database
  bool fleet_only = false;
  std::vector<std::string> backends = {"sqlite", "postgresql", "mysql"};
};

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream s(text);
  std::string item;
  while (std::getline(s, item, ',')) out.push_back(item);
  return out;
}

std::string rev_id(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%012lx", 0xabc000000ul + static_cast<unsigned long>(i));
  return buf;
}

// A linear tree of `n` revisions: trivial ones (one `execute` each, as `def upgrade(): pass` is in
// Alembic) or ones that create a table and an index.
void write_tree(const fs::path& versions, int n, bool trivial) {
  fs::create_directories(versions);
  for (int i = 0; i < n; ++i) {
    std::ofstream out(versions / (rev_id(i) + "_step_" + std::to_string(i) + ".toml"));
    out << "revision = \"" << rev_id(i) << "\"\ndown_revision = \"" << (i ? rev_id(i - 1) : "") << "\"\n"
        << "message = \"step " << i << "\"\ncreate_date = 2026-11-21T10:00:00Z\n\n";
    if (trivial) {
      out << "[[upgrade]]\nop = \"execute\"\nsql = \"SELECT " << i << "\"\n\n[[downgrade]]\nop = \"execute\"\nsql = \"SELECT "
          << i << "\"\n";
      continue;
    }
    out << "[[upgrade]]\nop = \"create_table\"\ntable = \"t" << i << "\"\n"
        << "columns = [\n  { name = \"id\", type = \"integer\", primary_key = true },\n"
        << "  { name = \"name\", type = \"string(50)\", nullable = false },\n]\n\n"
        << "[[upgrade]]\nop = \"create_index\"\nname = \"ix_t" << i << "_name\"\ntable = \"t" << i
        << "\"\ncolumns = [\"name\"]\n";
  }
}

void write_project(const fs::path& project, int revisions, bool trivial) {
  fs::create_directories(project);
  std::ofstream(project / "retort.toml") << "[retort]\nscript_location = \"migrations\"\n\n[databases.main]\n"
                                            "url = \"sqlite:///bench.db\"\n";
  write_tree(project / "migrations/versions", revisions, trivial);
}

struct Run {
  double seconds = -1;  // -1: the command failed
  long peak_kb = 0;     // the child's peak resident set
};

// Runs argv in `cwd`, stdout to `out`, stdin from `in` (if set), stderr discarded.
Run run(const fs::path& cwd, const std::vector<std::string>& argv, const std::string& out = "/dev/null",
        const std::string& in = "") {
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    if (chdir(cwd.c_str()) != 0) _exit(127);
    int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(o, 1);
    int e = open("/dev/null", O_WRONLY);
    dup2(e, 2);
    if (!in.empty()) dup2(open(in.c_str(), O_RDONLY), 0);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  Run r;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.peak_kb = usage.ru_maxrss;
  return r;
}

Run shell(const fs::path& cwd, const std::string& command) { return run(cwd, {"/bin/sh", "-c", command}); }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? -1 : v[v.size() / 2];
}

struct Ratio {
  double floor = -1, retort = -1;
};

// Floor and retort alternately, `repeat` times, each after its (untimed) setup; the medians.
Ratio interleaved(int repeat, const std::function<void()>& floor_setup, const std::function<Run()>& floor,
                  const std::function<void()>& retort_setup, const std::function<Run()>& retort) {
  std::vector<double> f, r;
  for (int i = 0; i < repeat; ++i) {
    floor_setup();
    Run a = floor();
    retort_setup();
    Run b = retort();
    if (a.seconds < 0 || b.seconds < 0) return {a.seconds < 0 ? -1.0 : 0.0, b.seconds < 0 ? -1.0 : 0.0};
    f.push_back(a.seconds);
    r.push_back(b.seconds);
  }
  return {median(f), median(r)};
}

std::string ms(double secs) {
  if (secs < 0) return "FAILED";
  char buf[32];
  std::snprintf(buf, sizeof buf, secs < 1 ? "%.1f ms" : "%.0f ms", secs * 1000);
  return buf;
}

std::string ratio(const Ratio& r) {
  if (r.floor <= 0 || r.retort < 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2fx", r.retort / r.floor);
  return buf;
}

void row(const std::string& what, const std::string& floor, const Ratio& r, bool& failed) {
  failed = failed || r.floor < 0 || r.retort < 0;
  std::cout << "| " << what << " | " << floor << " | " << ms(r.floor) << " | " << ms(r.retort) << " | " << ratio(r)
            << " |\n"
            << std::flush;
}

void nothing() {}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The server's own client running `script` on `db`.
std::string client_command(const LiveDatabase& db, const fs::path& script) {
  retort::Url u = retort::parse_url(db.url()).value();
  if (db.backend().dialect == "postgresql")
    return "PGPASSWORD=" + shell_quote(u.password) + " psql -q -v ON_ERROR_STOP=1 -h " + u.host + " -p " +
           std::to_string(u.port) + " -U " + shell_quote(u.username) + " -d " + u.database + " -f " +
           shell_quote(script) + " >/dev/null";
  return "MYSQL_PWD=" + shell_quote(u.password) + " mariadb -h " + u.host + " -P " + std::to_string(u.port) + " -u " +
         shell_quote(u.username) + " " + u.database + " < " + shell_quote(script);
}

bool wanted(const Options& o, const std::string& backend) {
  return std::find(o.backends.begin(), o.backends.end(), backend) != o.backends.end();
}

// heads, current and deploy on the trivial tree; the full upgrade on the table tree.
void sqlite_rows(const Options& o, const fs::path& root, bool& failed) {
  const std::string R = o.retort;
  const fs::path trivial = root / "trivial";
  write_project(trivial, o.revisions, true);
  const std::string stat_all = "find migrations/versions -name '*.toml' -printf '%s %T@ %i\\n' >/dev/null";
  auto find_floor = [&] { return shell(trivial, stat_all); };
  // At the previous head, kept as a copy so every deploy starts from the same database.
  if (run(trivial, {R, "-q", "upgrade", rev_id(o.revisions - 2)}).seconds < 0) failed = true;
  fs::copy_file(trivial / "bench.db", trivial / "previous.db", fs::copy_options::overwrite_existing);
  if (run(trivial, {R, "-q", "upgrade", "heads"}).seconds < 0) failed = true;  // warms the cache, and checks
  const std::string n = std::to_string(o.revisions);
  row("`heads`, " + n + " trivial revisions, warm cache", "find -printf", interleaved(o.repeat, nothing, find_floor, nothing, [&] {
        return run(trivial, {R, "heads"});
      }), failed);
  row("`current`, database at head", "find -printf", interleaved(o.repeat, nothing, find_floor, nothing, [&] {
        return run(trivial, {R, "-q", "current"});
      }), failed);
  row("deploy: `upgrade heads`, 1 pending of " + n, "find -printf", interleaved(o.repeat, nothing, find_floor, [&] {
        fs::copy_file(trivial / "previous.db", trivial / "bench.db", fs::copy_options::overwrite_existing);
      }, [&] { return run(trivial, {R, "-q", "upgrade", "heads"}); }), failed);

  const fs::path tables = root / "tables";
  write_project(tables, o.revisions, false);
  const std::string script = (tables / "upgrade.sql").string();
  if (run(tables, {R, "upgrade", "heads", "--sql"}, script).seconds < 0) failed = true;
  const std::string cat_and_run =
      "find migrations/versions -name '*.toml' -exec cat {} + >/dev/null && sqlite3 shell.db < upgrade.sql";
  row("full `upgrade heads`, " + n + " revisions (table + index) on SQLite", "cat + sqlite3 running the --sql script",
      interleaved(o.repeat, [&] { fs::remove(tables / "shell.db"); }, [&] { return shell(tables, cat_and_run); },
                  [&] { fs::remove(tables / "bench.db"); }, [&] { return run(tables, {R, "-q", "upgrade", "heads"}); }),
      failed);
}

void server_rows(const Options& o, const fs::path& root, bool& failed) {
  const fs::path project = root / "server";
  write_project(project, o.server_revisions, false);
  for (const Backend& backend : retort::testing::native_backends()) {
    if (backend.dialect == "sqlite" || !wanted(o, backend.dialect)) continue;
    if (auto why = retort::testing::unavailable(backend)) {
      std::cout << "| " << backend.name << " | skipped: " << *why << " | | | |\n";
      continue;
    }
    const fs::path script = project / (backend.dialect + ".sql");
    std::unique_ptr<LiveDatabase> floor_db, retort_db;
    {
      LiveDatabase any(backend, "bench");
      if (run(project, {o.retort, "--url", any.url(), "upgrade", "heads", "--sql"}, script.string()).seconds < 0)
        failed = true;
    }
    // A new, empty database for every run of either side (created untimed).
    Ratio r = interleaved(
        o.repeat, [&] { floor_db = std::make_unique<LiveDatabase>(backend, "benchfloor"); },
        [&] { return shell(project, client_command(*floor_db, script)); },
        [&] { retort_db = std::make_unique<LiveDatabase>(backend, "benchretort"); },
        [&] { return run(project, {o.retort, "-q", "--url", retort_db->url(), "upgrade", "heads"}); });
    row("`upgrade heads`, " + std::to_string(o.server_revisions) + " revisions (table + index) on " + backend.name,
        backend.dialect == "postgresql" ? "psql running the --sql script" : "mariadb client running the --sql script",
        r, failed);
  }
}

// The project of a fleet of `databases` SQLite files in dbs/: a [databases.dbN] table each, or one
// [fleets.bench] that finds them by a glob (the files must then exist: fresh_databases makes them).
void write_fleet(const fs::path& project, int databases, int revisions, bool glob) {
  fs::create_directories(project / "dbs");
  std::ofstream config(project / "retort.toml");
  config << "[retort]\nscript_location = \"migrations\"\n";
  if (glob) {
    config << "\n[fleets.bench]\nsource = { glob = \"dbs/*.db\" }\nurl = \"sqlite:///${here}/dbs/{name}.db\"\n";
  } else {
    for (int d = 0; d < databases; ++d)
      config << "\n[databases.db" << d << "]\nurl = \"sqlite:///${here}/dbs/db" << d << ".db\"\n";
  }
  std::ofstream(project / "databases") << databases << "\n";
  write_tree(project / "migrations/versions", revisions, false);
}

// Empty databases again: no file for [databases.NAME] (connecting creates it), an empty file (an empty
// SQLite database) for a fleet's glob to find.
void fresh_databases(const fs::path& project, bool glob) {
  fs::remove_all(project / "dbs");
  fs::create_directories(project / "dbs");
  if (!glob) return;
  int databases = 0;
  std::ifstream(project / "databases") >> databases;
  for (int d = 0; d < databases; ++d) std::ofstream(project / "dbs" / ("db" + std::to_string(d) + ".db"));
}

// The databases report.json lists as done (a plain count of the outcome's text: the bench reads no JSON).
int done_in_report(const fs::path& report) {
  std::ifstream in(report);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  int done = 0;
  for (size_t at = text.find("\"outcome\": \"done\""); at != std::string::npos; at = text.find("\"outcome\": \"done\"", at + 1))
    ++done;
  return done;
}

// The fastest of `repeat` runs of `upgrade heads --report` from empty databases, with the peak memory of
// that run; a failure when the report does not list every database as done.
Run fleet_upgrade(const Options& o, const fs::path& project, int databases, int jobs) {
  Run best;
  for (int i = 0; i < o.repeat; ++i) {
    fresh_databases(project, o.fleet_glob);
    Run r = run(project, {o.retort, "-q", "--jobs", std::to_string(jobs), "--report", "report.json", "upgrade", "heads"});
    if (r.seconds < 0) return r;
    if (done_in_report(project / "report.json") != databases) {
      std::cerr << "retort_bench: " << (project / "report.json").string() << " does not list all " << databases
                << " databases as done\n";
      return Run{};
    }
    if (best.seconds < 0 || r.seconds < best.seconds) best = r;
  }
  return best;
}

void fleet_rows(const Options& o, const fs::path& root, bool& failed) {
  const int quarter = std::max(1, o.fleet_databases / 4);
  const fs::path small = root / "fleet-quarter", full = root / "fleet";
  write_fleet(small, quarter, o.fleet_revisions, o.fleet_glob);
  write_fleet(full, o.fleet_databases, o.fleet_revisions, o.fleet_glob);
  std::cout << "\n| SQLite " << (o.fleet_glob ? "fleet members" : "databases") << " x revisions | --jobs | `upgrade heads` | databases/s | speed-up | peak RSS | "
               "peak RSS, " << quarter << " databases | per database |\n|---|---:|---:|---:|---:|---:|---:|---:|\n";
  double one_job = -1;
  for (int j : o.jobs) {
    Run all = fleet_upgrade(o, full, o.fleet_databases, j);
    Run part = fleet_upgrade(o, small, quarter, j);
    failed = failed || all.seconds < 0 || part.seconds < 0;
    if (j == o.jobs.front()) one_job = all.seconds;
    char line[400];
    const double per_db_kb = o.fleet_databases > quarter
                                 ? double(all.peak_kb - part.peak_kb) / (o.fleet_databases - quarter)
                                 : 0.0;
    std::snprintf(line, sizeof line, "| %d x %d | %d | %s | %.0f | %.2fx | %.1f MB | %.1f MB | %.2f kB |\n",
                  o.fleet_databases, o.fleet_revisions, j, ms(all.seconds).c_str(),
                  all.seconds > 0 ? o.fleet_databases / all.seconds : 0.0,
                  all.seconds > 0 && one_job > 0 ? one_job / all.seconds : 0.0, all.peak_kb / 1024.0,
                  part.peak_kb / 1024.0, per_db_kb);
    std::cout << line << std::flush;
  }
  Run current = run(full, {o.retort, "-q", "current"});
  failed = failed || current.seconds < 0;
  std::cout << "\n`current` over the " << o.fleet_databases << " databases: " << ms(current.seconds) << ", peak RSS "
            << current.peak_kb / 1024.0 << " MB\n";
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--retort") {
      o.retort = next();
    } else if (a == "--repeat") {
      o.repeat = std::max(1, std::atoi(next().c_str()));
    } else if (a == "--revisions") {
      o.revisions = std::max(3, std::atoi(next().c_str()));
    } else if (a == "--server-revisions") {
      o.server_revisions = std::max(1, std::atoi(next().c_str()));
    } else if (a == "--jobs") {
      o.jobs.clear();
      for (const auto& j : split_list(next())) o.jobs.push_back(std::max(1, std::atoi(j.c_str())));
    } else if (a == "--backends") {
      o.backends = split_list(next());
    } else if (a == "--fleet-source") {
      const std::string source = next();
      if (source != "databases" && source != "glob") {
        std::cerr << "--fleet-source is databases or glob\n";
        return 2;
      }
      o.fleet_glob = source == "glob";
    } else if (a == "--fleet-only") {
      o.fleet_only = true;
    } else if (a == "--fleet") {
      std::string f = next();
      o.fleet_databases = std::atoi(f.c_str());
      o.fleet_revisions = f.find('x') == std::string::npos ? 0 : std::atoi(f.substr(f.find('x') + 1).c_str());
    } else {
      std::cerr << "usage: retort_bench [--revisions 10000] [--server-revisions 1000] [--repeat 5] [--fleet 1000x20] "
                   "[--jobs 1,2] [--fleet-source databases|glob] [--fleet-only] [--backends sqlite,postgresql,mysql]\n";
      return 2;
    }
  }
  const fs::path root = fs::temp_directory_path() / ("retort-bench-" + std::to_string(getpid()));
  fs::create_directories(root);
  // Its own revision cache, so no earlier run's cache is measured.
  setenv("RETORT_CACHE_DIR", (root / "cache").c_str(), 1);
  bool failed = false;
  try {
    if (!o.fleet_only) {
      std::cout << "| work | floor | floor (median of " << o.repeat << ") | retort (median of " << o.repeat
                << ") | ratio |\n|---|---|---:|---:|---:|\n";
      if (wanted(o, "sqlite")) sqlite_rows(o, root, failed);
      server_rows(o, root, failed);
    }
    if (o.fleet_databases > 0 && o.fleet_revisions > 0 && wanted(o, "sqlite")) fleet_rows(o, root, failed);
  } catch (const std::exception& e) {
    std::cerr << "retort_bench: " << e.what() << "\n";
    failed = true;
  }
  fs::remove_all(root);
  return failed ? 1 : 0;
}
