// The scratch database autogenerate and check build schemas in (DESIGN.md §7): SQLite in memory; with
// `scratch = "auto"` a temporary database on the live one's server, dropped afterwards; or the database
// the config names with `scratch = URL`, which must hold no tables and is emptied again (views and
// tables) after each use.
#pragma once

#include "config/config.h"
#include "ops/op_catalogue.h"
#include "plugin/plugin_host.h"
#include "runtime/database.h"
#include "schema/temporary_database.h"
#include "util/status.h"

#include <memory>

namespace retort {

class ScratchDatabase {
 public:
  // A scratch of the live database's dialect; an error saying what to configure when it has none. An
  // automatic one left behind by a killed run is dropped once older than `stale_after_seconds`.
  static Result<ScratchDatabase> open(const PluginHost& plugins, const DatabaseConfig& live,
                                      const OpCatalogue& catalogue, int stale_after_seconds);

  ScratchDatabase(ScratchDatabase&&) noexcept = default;
  ScratchDatabase& operator=(ScratchDatabase&&) = delete;
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;
  // Drops a temporary scratch, empties a configured one (best effort: a failure here must not hide the
  // run's own result).
  ~ScratchDatabase();

  Database& db() { return *db_; }
  const DatabaseConfig& config() const { return *config_; }
  // Makes the scratch empty again, for the next schema built in it.
  Status reset();

 private:
  ScratchDatabase(const PluginHost& plugins, const OpCatalogue& catalogue, std::unique_ptr<DatabaseConfig> config)
      : plugins_(&plugins), catalogue_(&catalogue), config_(std::move(config)) {}
  Status connect();
  // Drops every view, then every table (foreign keys first) and the version table.
  Status drop_everything();
  // The views a replayed tree made (create_view, execute): no part of a compared schema, but one left
  // behind keeps PostgreSQL from dropping its tables, and the next replay from creating it again.
  Status drop_views();

  const PluginHost* plugins_;
  const OpCatalogue* catalogue_;
  std::unique_ptr<DatabaseConfig> config_;  // Database keeps a pointer to it
  std::unique_ptr<Database> db_;
  std::unique_ptr<TemporaryDatabase> temporary_;  // scratch = "auto"
  bool in_memory_ = false;
};

}  // namespace retort
