#include "cli_runner.h"

#include "temp_dir.h"

#include <sqlite3.h>

#include <sys/wait.h>

#include <cstdlib>
#include <stdexcept>

namespace retort::testing {
namespace {

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

}  // namespace

void write_project(const std::filesystem::path& dir, const std::string& database_lines,
                   const std::string& retort_lines) {
  std::filesystem::create_directories(dir / "migrations" / "versions");
  write_file(dir / "retort.toml", "[retort]\nscript_location = \"migrations\"\n" + retort_lines +
                                      "\n[databases.main]\n" + database_lines);
}

CliResult run_retort(const std::filesystem::path& cwd, const std::vector<std::string>& args,
                     const std::vector<std::string>& env) {
  return run_program(RETORT_BINARY, cwd, args, env);
}

CliResult run_retort_within(std::chrono::seconds limit, const std::filesystem::path& cwd,
                            const std::vector<std::string>& args, const std::vector<std::string>& env) {
  // --kill-after: a program that ignores SIGTERM is killed as well.
  std::vector<std::string> guarded = {"--kill-after=5", std::to_string(limit.count()), RETORT_BINARY};
  guarded.insert(guarded.end(), args.begin(), args.end());
  return run_program("timeout", cwd, guarded, env);
}

CliResult run_program(const std::filesystem::path& program, const std::filesystem::path& cwd,
                      const std::vector<std::string>& args, const std::vector<std::string>& env) {
  TempDir capture;
  std::string cmd = "cd " + shell_quote(cwd.string()) + " && env";
  for (const auto& e : env) cmd += " " + shell_quote(e);
  cmd += " " + shell_quote(program.string());
  for (const auto& a : args) cmd += " " + shell_quote(a);
  cmd += " >" + shell_quote((capture / "out").string()) + " 2>" + shell_quote((capture / "err").string()) + " </dev/null";
  int status = std::system(cmd.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(capture / "out");
  r.err = read_file(capture / "err");
  return r;
}

std::string sqlite_query(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* conn = nullptr;
  if (sqlite3_open_v2(db.c_str(), &conn, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(conn);
    return "<cannot open>";
  }
  std::string out;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(conn, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    out = std::string("<error: ") + sqlite3_errmsg(conn) + ">";
    sqlite3_close(conn);
    return out;
  }
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    if (!out.empty()) out += "\n";
    for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
      const unsigned char* t = sqlite3_column_text(stmt, i);
      out += (i ? "|" : "") + std::string(t ? reinterpret_cast<const char*>(t) : "NULL");
    }
  }
  sqlite3_finalize(stmt);
  sqlite3_close(conn);
  return out;
}

bool sqlite_execute(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* conn = nullptr;
  bool ok = sqlite3_open_v2(db.c_str(), &conn, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK &&
            sqlite3_exec(conn, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
  sqlite3_close(conn);
  return ok;
}

}  // namespace retort::testing
