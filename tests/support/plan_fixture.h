// A folder of revision files, checked and planned for an offline database of any dialect: what the tests
// of plans (runtime/run_plan.h) and of feeding them to a run (runtime/plan_feed.h) start from.
#pragma once

#include "graph/migration_plan.h"
#include "live_database.h"
#include "ops/op_catalogue.h"
#include "runtime/run_plan.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace retort::testing {

class PlanFixture : public ::testing::Test {
 protected:
  void write(const std::string& id, const std::string& down, const std::string& body) {
    write_file(dir_.path() / (id + "_r.toml"),
               "revision = \"" + id + "\"\ndown_revision = \"" + down + "\"\nmessage = \"" + id + "\"\n\n" + body);
  }
  // `count` revisions b0000, b0001, ... in a line, each creating index ix_ID; those in `partial` are
  // partial indexes, which MariaDB refuses.
  void write_index_line(int count, const std::vector<int>& partial) {
    std::string down;
    for (int i = 0; i < count; ++i) {
      const std::string id = line_id(i);
      const bool bad = std::find(partial.begin(), partial.end(), i) != partial.end();
      write(id, down, "[[upgrade]]\nop = \"create_index\"\nname = \"ix_" + id + "\"\ntable = \"t\"\n" +
                          "columns = [\"x\"]\n" + (bad ? "where = \"x > 0\"\n" : ""));
      down = id;
    }
  }
  static std::string line_id(size_t i) {
    char id[32];
    std::snprintf(id, sizeof id, "b%04zu", i);
    return id;
  }
  const ScriptDirectory& scripts() {
    auto s = ScriptDirectory::load({dir_.path()});
    if (!s.ok()) throw std::runtime_error(s.error().to_string());
    scripts_.emplace(std::move(s).value());
    return *scripts_;
  }
  CheckedScripts checked() {
    auto c = CheckedScripts::check(scripts(), OpCatalogue::core(), {"main"}, "test");
    if (!c.ok()) throw std::runtime_error(c.error().to_string());
    return *c;
  }
  Database offline(const std::string& dialect) {
    config_.name = "main";
    config_.url = parse_url(dialect + "://u@h/db").value();
    auto db = Database::offline(build_plugins(), config_);
    if (!db.ok()) throw std::runtime_error(db.error().to_string());
    return std::move(db).value();
  }
  std::vector<MigrationStep> upgrade_all(const RevisionMap& map) {
    Planner planner(map, {});
    auto steps = planner.plan_upgrade("heads");
    if (!steps.ok()) throw std::runtime_error(steps.error().to_string());
    return *steps;
  }

  TempDir dir_;
  std::optional<ScriptDirectory> scripts_;
  DatabaseConfig config_;
};

}  // namespace retort::testing
