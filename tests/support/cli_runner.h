// Runs the retort program as a user would, in a folder, and captures its exit code, stdout and stderr;
// plus reading SQLite files back for checks.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace retort::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// `args` are passed to retort unquoted by a shell, one argument each; `env` goes to env(1) before the
// program ("NAME=value", or "-u", "NAME" to unset one).
// A project in `dir` with one database, "main": retort.toml ([retort] with script_location = "migrations"
// and `retort_lines`, then [databases.main] with `database_lines`) and an empty migrations/versions/.
void write_project(const std::filesystem::path& dir, const std::string& database_lines,
                   const std::string& retort_lines = "");

CliResult run_retort(const std::filesystem::path& cwd, const std::vector<std::string>& args,
                     const std::vector<std::string>& env = {});
// The same, for a run that might hang: killed after `limit` (exit code 124, coreutils' timeout), so a
// hang fails the test instead of stalling the suite.
CliResult run_retort_within(std::chrono::seconds limit, const std::filesystem::path& cwd,
                            const std::vector<std::string>& args, const std::vector<std::string>& env = {});
// The same for another retort binary (an installed one).
CliResult run_program(const std::filesystem::path& program, const std::filesystem::path& cwd,
                      const std::vector<std::string>& args, const std::vector<std::string>& env = {});

// Rows of a query on a SQLite file, each row's cells joined by '|', rows joined by '\n'.
std::string sqlite_query(const std::filesystem::path& db, const std::string& sql);
// Runs statements on an existing SQLite file (to set up what retort must then cope with).
bool sqlite_execute(const std::filesystem::path& db, const std::string& sql);

}  // namespace retort::testing
