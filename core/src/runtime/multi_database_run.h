// Runs one migration command on several configured databases: the part of Alembic's multidb env.py
// that every team rewrites, done once. Every database is checked first (connected, planned, every
// operation checked) and only when all pass is any of them changed; beyond kPrecheckAllUpTo databases
// (or with Precheck::kEach) each is checked instead right before it runs, so memory does not grow with
// open connections. Either way each database is connected once. Then they are migrated in config
// order, `jobs` at a time, each under its own lock and transaction scope. After a failure no further
// database is started unless `continue_on_error`; those already migrated or in flight finish and stay
// consistent, so a rerun after the fix goes on where each one stopped.
#pragma once

#include "config/config.h"
#include "ops/op_catalogue.h"
#include "plugin/plugin_host.h"
#include "runtime/migration_runner.h"
#include "script/script_directory.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace retort {

// When the databases of a run are checked.
enum class Precheck {
  kAuto,  // kAll up to kPrecheckAllUpTo databases, else kEach
  kAll,   // every database before any is changed (its connection stays open until it runs)
  kEach,  // each database right before it runs
};
constexpr size_t kPrecheckAllUpTo = 64;

struct MultiRunOptions {
  size_t jobs = 1;                 // databases migrated at the same time
  bool continue_on_error = false;  // go on with the other databases after one fails
  Precheck precheck = Precheck::kAuto;
};

// What `precheck` means for `databases` databases: kAll or kEach.
Precheck effective_precheck(Precheck precheck, size_t databases);

struct DatabaseOutcome {
  enum class State { kDone, kFailed, kSkipped };
  const DatabaseConfig* database = nullptr;
  State state = State::kSkipped;
  std::optional<Error> error;   // kFailed: what went wrong, with the database named
  bool failed_check = false;    // kFailed before any database was changed
  std::string skipped_because;  // kSkipped
  RunReport report;             // kDone
};

class MultiDatabaseRun {
 public:
  // Called once per database as it finishes, one call at a time, in completion order.
  using OutcomeFn = std::function<void(const DatabaseOutcome&)>;

  MultiDatabaseRun(const CheckedScripts& scripts, const PluginHost& plugins, const OpCatalogue& catalogue,
                   RunOptions run_options, MultiRunOptions options);

  // Online. Progress goes to `output.progress`, each line prefixed with the database's name when
  // several run at once, else under a heading per database. Returns one outcome per database, in order.
  Result<std::vector<DatabaseOutcome>> run(const std::vector<const DatabaseConfig*>& databases,
                                           const MigrationRequest& request, const RunOutput& output,
                                           const OutcomeFn& on_outcome = {});

  // Offline: one script per database in config order, each under a heading naming it when there are
  // several. Scripts are written only when every database's script rendered (or, with
  // continue_on_error, those that did).
  Result<std::vector<DatabaseOutcome>> write_sql(const std::vector<const DatabaseConfig*>& databases,
                                                 const MigrationRequest& request, const RunOutput& output,
                                                 const OutcomeFn& on_outcome = {});

 private:
  // Connects and checks `request` on every database, keeping each connection for the run; true when all
  // passed.
  bool preflight(const std::vector<const DatabaseConfig*>& databases, const MigrationRequest& request,
                 std::vector<DatabaseOutcome>& outcomes, std::vector<std::optional<Database>>& connections,
                 const OutcomeFn& report);

  const CheckedScripts& scripts_;
  const PluginHost& plugins_;
  const OpCatalogue& catalogue_;

  RunOptions run_options_;
  MultiRunOptions options_;
};

// Every outcome kDone?
bool all_done(const std::vector<DatabaseOutcome>& outcomes);

}  // namespace retort
