// Runs every scripted scenario in tests/scenarios/*.test against every backend: SQLite, PostgreSQL and
// MariaDB through their own drivers and through ODBC. The format is described at the top of
// tests/scenarios/catalogue.test.
#include "cli_runner.h"
#include "live_database.h"
#include "schema_snapshot.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::Backend;
using testing::LiveDatabase;

std::vector<std::string> scenario_files() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(fs::path(RETORT_SOURCE_DIR) / "tests" / "scenarios"))
    if (entry.path().extension() == ".test") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// Whether a "[a,!b] ..." condition holds for `backend`: every negated name must miss, and a list of
// positive names must hit at least once.
bool applies(const std::string& condition, const Backend& backend) {
  std::set<std::string> names = {backend.name, backend.dialect, backend.odbc ? "odbc" : "native"};
  bool any_positive = false, hit = false;
  std::stringstream list(condition);
  for (std::string item; std::getline(list, item, ',');) {
    if (!item.empty() && item[0] == '!') {
      if (names.count(item.substr(1))) return false;
    } else {
      any_positive = true;
      hit = hit || names.count(item);
    }
  }
  return !any_positive || hit;
}

// The line without its [condition].
std::string without_condition(const std::string& line) {
  size_t close = line.empty() || line[0] != '[' ? std::string::npos : line.find("] ");
  return close == std::string::npos ? line : line.substr(close + 2);
}

// The line without its [condition], or nullopt when the condition excludes this backend.
std::optional<std::string> for_backend(const std::string& line, const Backend& backend) {
  if (line.empty() || line[0] != '[') return line;
  size_t close = line.find("] ");
  if (close == std::string::npos) return line;
  if (!applies(line.substr(1, close - 1), backend)) return std::nullopt;
  return line.substr(close + 2);
}

std::set<std::string> line_set(const std::string& text) {
  std::set<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);)
    if (!l.empty()) lines.insert(l);
  return lines;
}

std::string joined(const std::set<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

class ScenarioTest : public ::testing::TestWithParam<std::tuple<std::string, Backend>> {
 protected:
  void run_scenario();

 private:
  void start_project(const std::string& fixture);
  std::string schema() { return testing::schema_snapshot(db_->connection()); }
  // The record's block: lines up to a blank line, filtered for this backend.
  std::vector<std::string> block(std::istream& in, int& line_no, bool signs);

  std::unique_ptr<LiveDatabase> db_;
  testing::TempDir project_;
  std::string where_;
};

std::vector<std::string> ScenarioTest::block(std::istream& in, int& line_no, bool signs) {
  const Backend& backend = std::get<1>(GetParam());
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l) && !l.empty();) {
    ++line_no;
    std::string sign;
    if (signs && !l.empty() && (l[0] == '+' || l[0] == '-')) {
      sign = l.substr(0, 1);
      l = l.substr(1);
    }
    if (auto kept = for_backend(l, backend)) lines.push_back(sign + *kept);
  }
  ++line_no;
  return lines;
}

void ScenarioTest::start_project(const std::string& fixture) {
  fs::copy(fs::path(RETORT_SOURCE_DIR) / "tests" / "fixtures" / fixture / "migrations", project_ / "migrations",
           fs::copy_options::recursive);
  // One database per dialect, named after it, so [[upgrade_mysql]] sections can hold what only one dialect
  // does; the others are never connected to (every command gets --engine).
  std::string config = "[retort]\nscript_location = \"migrations\"\n";
  for (const char* dialect : {"sqlite", "postgresql", "mysql"}) {
    bool mine = db_->backend().dialect == dialect;
    config += std::string("\n[databases.") + dialect + "]\nurl = \"" +
              (mine ? db_->url() : std::string(dialect) + "://unused@127.0.0.1:1/unused") + "\"\n";
  }
  testing::write_file(project_ / "retort.toml", config);
}

void ScenarioTest::run_scenario() {
  const auto& [name, backend] = GetParam();
  const fs::path file = fs::path(RETORT_SOURCE_DIR) / "tests" / "scenarios" / (name + ".test");
  std::ifstream in(file);
  ASSERT_TRUE(in) << file;
  db_ = std::make_unique<LiveDatabase>(backend, name);
  std::map<std::string, std::string> saved;
  std::string last_schema;
  int line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    const std::string at = file.filename().string() + ":" + std::to_string(line_no) + " on " + backend.name;
    auto kept = for_backend(line, backend);
    // An excluded command is still read, so its block is skipped with it.
    std::vector<std::string> w = words(kept.value_or(without_condition(line)));
    const std::string command = w.empty() ? "" : w[0];
    const std::string rest = kept && kept->size() > command.size() ? kept->substr(command.size() + 1) : "";
    if (command == "project") {
      start_project(rest);
      last_schema = schema();
    } else if (command == "retort") {
      if (!kept) continue;
      std::vector<std::string> args = {"--engine", backend.dialect};
      args.insert(args.end(), w.begin() + 1, w.end());
      auto r = testing::run_retort(project_.path(), args);
      ASSERT_EQ(r.exit_code, 0) << at << ": retort " << rest << "\n" << r.err;
    } else if (command == "schema" || command == "changes") {
      std::vector<std::string> lines = block(in, line_no, command == "changes");
      if (!kept) continue;
      std::set<std::string> expected = command == "schema" ? std::set<std::string>() : line_set(last_schema);
      for (const auto& l : lines) {
        if (command == "schema") {
          expected.insert(l);
        } else if (l[0] == '+') {
          expected.insert(l.substr(1));
        } else if (l[0] == '-') {
          EXPECT_EQ(expected.erase(l.substr(1)), 1u) << at << ": the schema had no line '" << l.substr(1) << "'";
        } else {
          ADD_FAILURE() << at << ": a line of `changes` starts with + or -: " << l;
        }
      }
      last_schema = schema();
      EXPECT_EQ(last_schema, joined(expected)) << at;
    } else if (command == "save") {
      saved[rest] = last_schema = schema();
    } else if (command == "same") {
      if (!kept) continue;
      ASSERT_TRUE(saved.count(rest)) << at << ": nothing saved as " << rest;
      last_schema = schema();
      EXPECT_EQ(last_schema, saved[rest]) << at;
    } else if (command == "query") {
      std::vector<std::string> lines = block(in, line_no, false);
      if (!kept) continue;
      std::string expected;
      for (const auto& l : lines) expected += (expected.empty() ? "" : "\n") + l;
      EXPECT_EQ(db_->query(rest), expected) << at << ": " << rest;
    } else {
      FAIL() << at << ": unknown command '" << command << "'";
    }
    if (HasFatalFailure()) return;
  }
}

TEST_P(ScenarioTest, Runs) {
  RETORT_REQUIRE_BACKEND(std::get<1>(GetParam()));
  run_scenario();
}

std::string param_name(const ::testing::TestParamInfo<ScenarioTest::ParamType>& info) {
  return std::get<0>(info.param) + "_" + testing::test_name(std::get<1>(info.param));
}

INSTANTIATE_TEST_SUITE_P(Backends, ScenarioTest,
                         ::testing::Combine(::testing::ValuesIn(scenario_files()),
                                            ::testing::ValuesIn(testing::all_backends())),
                         param_name);

}  // namespace
}  // namespace retort
