// The databases of `scratch = "auto"` (DESIGN.md §7): retort_scratch_<12 hex> on the live database's
// server, created for one run and dropped when it ends. Whoever uses one holds its session lock, so a
// database left behind by a killed run is recognised by the next run (lock free, older than the lock
// timeout) and dropped then.
#pragma once

#include "config/config.h"
#include "plugin/plugin_host.h"
#include "runtime/database.h"
#include "util/interrupt_cleanup.h"
#include "util/status.h"

#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace retort {

class TemporaryDatabase {
 public:
  // Drops the stale scratch databases on the live database's server, then creates a new one. Databases
  // created less than `stale_after_seconds` ago are never taken for stale: their creator may not have
  // locked them yet (and never those younger than 10 s).
  static Result<std::unique_ptr<TemporaryDatabase>> create(const PluginHost& plugins, const DatabaseConfig& live,
                                                           int stale_after_seconds);
  TemporaryDatabase(const TemporaryDatabase&) = delete;
  TemporaryDatabase& operator=(const TemporaryDatabase&) = delete;
  // Drops the database, as an interrupt does (best effort: the next run drops it if this fails).
  ~TemporaryDatabase();

  // The live database's config pointed at the temporary database.
  const DatabaseConfig& config() const { return *config_; }
  // Drops the database and creates it again, empty; no session may be connected to it.
  Status recreate();
  // Marks the database as in use for as long as `session` (a connection to it) lives.
  static Status hold(Database& session);

  static constexpr const char* kPrefix = "retort_scratch_";

 private:
  TemporaryDatabase(std::unique_ptr<DatabaseConfig> admin_config, Database admin, std::unique_ptr<DatabaseConfig> config);
  void drop();

  std::unique_ptr<DatabaseConfig> admin_config_;  // the live database's; admin_ keeps a pointer to it
  Database admin_;                                // a session on the live database that creates and drops
  std::unique_ptr<DatabaseConfig> config_;
  std::optional<InterruptCleanup> on_interrupt_;  // drops the database when retort is interrupted
  // admin_ is used by the run (recreate) and by an interrupt (drop) from another thread; once dropped,
  // the database is never created again.
  std::mutex admin_mutex_;
  bool dropped_ = false;
};

}  // namespace retort
