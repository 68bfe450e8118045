// Benchmarks retort on generated revision trees: linear and branchy, 1,000 and 10,000 revisions by
// default. Measures `heads`, `history`, offline `upgrade heads --sql` and an online `upgrade heads` on a
// fresh SQLite file, beside the sqlite3 shell running the same SQL in one transaction. Prints a Markdown
// table of the best wall time of --repeat runs. With --server URL (repeatable), also `upgrade heads` and
// `downgrade base` on that (empty) database, e.g. the test servers' (tests/test_servers.sh). Then a
// project of --fleet DATABASESxREVISIONS SQLite databases (200x50 by default; 0 skips it), migrated up
// and down with each of --jobs. A measurement, never a pass/fail test.
//
//   retort_bench [--retort PATH] [--sizes 1000,10000] [--repeat 3] [--server URL ...] [--fleet 200x50]
//                [--jobs 1,2]
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Options {
  std::string retort = RETORT_BINARY;
  std::vector<int> sizes = {1000, 10000};
  int repeat = 3;
  std::vector<std::string> servers;
  int fleet_databases = 200;
  int fleet_revisions = 50;
  std::vector<int> jobs = {1, 2};
};

std::vector<int> int_list(const std::string& text) {
  std::vector<int> out;
  std::stringstream s(text);
  std::string item;
  while (std::getline(s, item, ',')) out.push_back(std::atoi(item.c_str()));
  return out;
}

std::string rev_id(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%012lx", 0xabc000000ul + static_cast<unsigned long>(i));
  return buf;
}

void write_revision(const fs::path& dir, int i, const std::vector<int>& parents) {
  std::ofstream out(dir / (rev_id(i) + "_step_" + std::to_string(i) + ".toml"));
  out << "revision = \"" << rev_id(i) << "\"\n";
  if (parents.empty()) {
    out << "down_revision = \"\"\n";
  } else if (parents.size() == 1) {
    out << "down_revision = \"" << rev_id(parents[0]) << "\"\n";
  } else {
    out << "down_revision = [";
    for (size_t k = 0; k < parents.size(); ++k) out << (k ? ", " : "") << "\"" << rev_id(parents[k]) << "\"";
    out << "]\n";
  }
  out << "message = \"step " << i << "\"\ncreate_date = 2026-11-21T10:00:00Z\n\n"
      << "[[upgrade]]\nop = \"create_table\"\ntable = \"t" << i << "\"\n"
      << "columns = [\n  { name = \"id\", type = \"integer\", primary_key = true },\n"
      << "  { name = \"name\", type = \"string(50)\", nullable = false },\n]\n\n"
      << "[[upgrade]]\nop = \"create_index\"\nname = \"ix_t" << i << "_name\"\ntable = \"t" << i
      << "\"\ncolumns = [\"name\"]\n";
}

// Linear: a chain. Branchy: blocks of ten (a trunk revision, two branches of four, and their merge).
void generate(const fs::path& project, int n, bool branchy) {
  fs::create_directories(project / "migrations/versions");
  std::ofstream(project / "retort.toml") << "[retort]\nscript_location = \"migrations\"\n\n[databases.main]\nurl = \"sqlite:///bench.db\"\n";
  const fs::path dir = project / "migrations/versions";
  if (!branchy) {
    for (int i = 0; i < n; ++i) write_revision(dir, i, i ? std::vector<int>{i - 1} : std::vector<int>{});
    return;
  }
  int prev = -1;
  int i = 0;
  while (i < n) {
    int trunk = i++;
    write_revision(dir, trunk, prev < 0 ? std::vector<int>{} : std::vector<int>{prev});
    prev = trunk;
    if (i + 9 > n) continue;
    int a = trunk, b = trunk;
    for (int k = 0; k < 4; ++k) {
      write_revision(dir, i, {a});
      a = i++;
      write_revision(dir, i, {b});
      b = i++;
    }
    write_revision(dir, i, {a, b});
    prev = i++;
  }
}

// One linear tree of `revisions`, migrating `databases` SQLite files named db0.db, db1.db, ...
void generate_fleet(const fs::path& project, int databases, int revisions) {
  fs::create_directories(project / "migrations/versions");
  std::ofstream config(project / "retort.toml");
  config << "[retort]\nscript_location = \"migrations\"\n";
  for (int d = 0; d < databases; ++d) config << "\n[databases.db" << d << "]\nurl = \"sqlite:///db" << d << ".db\"\n";
  for (int i = 0; i < revisions; ++i)
    write_revision(project / "migrations/versions", i, i ? std::vector<int>{i - 1} : std::vector<int>{});
}

void remove_databases(const fs::path& project) {
  for (const auto& entry : fs::directory_iterator(project))
    if (entry.path().extension() == ".db") fs::remove(entry.path());
}

// Runs a command in `cwd` with stdout to `out` (or /dev/null); returns seconds, or -1 on failure.
double run_timed(const fs::path& cwd, const std::vector<std::string>& argv, const std::string& in = "",
                 const std::string& out = "/dev/null") {
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    if (chdir(cwd.c_str()) != 0) _exit(127);
    int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(o, 1);
    int e = open("/dev/null", O_WRONLY);
    dup2(e, 2);
    if (!in.empty()) {
      int i = open(in.c_str(), O_RDONLY);
      dup2(i, 0);
    }
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? secs : -1;
}

template <class Fn>
double best_of(int repeat, Fn fn) {
  double best = 1e9;
  for (int r = 0; r < repeat; ++r) {
    double t = fn();
    if (t < 0) return -1;
    best = std::min(best, t);
  }
  return best;
}

std::string ms(double secs) {
  if (secs < 0) return "FAILED";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f ms", secs * 1000);
  return buf;
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
    } else if (a == "--sizes") {
      o.sizes = int_list(next());
    } else if (a == "--jobs") {
      o.jobs = int_list(next());
    } else if (a == "--fleet") {
      std::string f = next();
      o.fleet_databases = std::atoi(f.c_str());
      o.fleet_revisions = f.find('x') == std::string::npos ? 0 : std::atoi(f.substr(f.find('x') + 1).c_str());
    } else if (a == "--server") {
      o.servers.push_back(next());
    } else {
      std::cerr << "usage: retort_bench [--retort PATH] [--sizes 1000,10000] [--repeat 3] [--server URL ...] "
                   "[--fleet 200x50] [--jobs 1,2]\n";
      return 2;
    }
  }
  fs::path root = fs::temp_directory_path() / ("retort-bench-" + std::to_string(getpid()));
  fs::create_directories(root);
  bool failed = false;
  std::cout << "| tree | revisions | heads | history | upgrade --sql | upgrade (SQLite) | sqlite3 shell, same SQL |\n"
            << "|---|---:|---:|---:|---:|---:|---:|\n";
  for (int n : o.sizes) {
    for (bool branchy : {false, true}) {
      fs::path project = root / ((branchy ? "branchy-" : "linear-") + std::to_string(n));
      generate(project, n, branchy);
      const std::string R = o.retort;
      double heads = best_of(o.repeat, [&] { return run_timed(project, {R, "heads"}); });
      double history = best_of(o.repeat, [&] { return run_timed(project, {R, "history"}); });
      std::string script = (project / "upgrade.sql").string();
      double offline = best_of(o.repeat, [&] { return run_timed(project, {R, "upgrade", "heads", "--sql"}, "", script); });
      double online = best_of(o.repeat, [&] {
        fs::remove(project / "bench.db");
        return run_timed(project, {R, "-q", "upgrade", "heads"});
      });
      double shell = best_of(o.repeat, [&] {
        fs::remove(project / "shell.db");
        return run_timed(project, {"sqlite3", "shell.db"}, script);
      });
      failed = failed || heads < 0 || history < 0 || offline < 0 || online < 0 || shell < 0;
      std::cout << "| " << (branchy ? "branchy" : "linear") << " | " << n << " | " << ms(heads) << " | " << ms(history)
                << " | " << ms(offline) << " | " << ms(online) << " | " << ms(shell) << " |\n"
                << std::flush;
    }
  }
  if (!o.servers.empty()) {
    std::cout << "\n| database | tree | revisions | upgrade heads | downgrade base |\n|---|---|---:|---:|---:|\n";
    for (const auto& url : o.servers) {
      for (int n : o.sizes) {
        for (bool branchy : {false, true}) {
          fs::path project = root / ((branchy ? "branchy-" : "linear-") + std::to_string(n));
          double up = -1, down = -1;
          for (int r = 0; r < o.repeat; ++r) {
            double u = run_timed(project, {o.retort, "-q", "--url", url, "upgrade", "heads"});
            double d = run_timed(project, {o.retort, "-q", "--url", url, "downgrade", "base"});
            if (u < 0 || d < 0) {
              up = down = -1;
              break;
            }
            up = up < 0 ? u : std::min(up, u);
            down = down < 0 ? d : std::min(down, d);
          }
          failed = failed || up < 0;
          std::cout << "| " << url.substr(0, url.find(':')) << " | " << (branchy ? "branchy" : "linear") << " | " << n
                    << " | " << ms(up) << " | " << ms(down) << " |\n" << std::flush;
        }
      }
    }
  }
  if (o.fleet_databases > 0 && o.fleet_revisions > 0) {
    fs::path project = root / "fleet";
    generate_fleet(project, o.fleet_databases, o.fleet_revisions);
    std::cout << "\n| SQLite databases | revisions each | --jobs | upgrade heads | current | downgrade base |\n"
              << "|---:|---:|---:|---:|---:|---:|\n";
    for (int j : o.jobs) {
      const std::string jobs = std::to_string(j);
      double up = best_of(o.repeat, [&] {
        remove_databases(project);
        return run_timed(project, {o.retort, "-q", "--jobs", jobs, "upgrade", "heads"});
      });
      double current = best_of(o.repeat, [&] { return run_timed(project, {o.retort, "-q", "current"}); });
      double down = best_of(o.repeat, [&] {
        if (run_timed(project, {o.retort, "-q", "--jobs", jobs, "upgrade", "heads"}) < 0) return -1.0;
        return run_timed(project, {o.retort, "-q", "--jobs", jobs, "downgrade", "base"});
      });
      failed = failed || up < 0 || current < 0 || down < 0;
      std::cout << "| " << o.fleet_databases << " | " << o.fleet_revisions << " | " << j << " | " << ms(up) << " | "
                << ms(current) << " | " << ms(down) << " |\n" << std::flush;
    }
  }
  fs::remove_all(root);
  return failed ? 1 : 0;
}
