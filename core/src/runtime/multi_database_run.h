// Runs one migration command on several configured databases: the part of Alembic's multidb env.py
// that every team rewrites, done once. Every database is checked first (connected, planned, every
// operation checked) and only when all pass is any of them changed; beyond kPrecheckAllUpTo databases,
// for a selection with fleet members (or with Precheck::kEach) each is checked instead right before it
// runs, so memory does not grow with open connections. Either way each database is connected once, and
// nothing of a database (connection, plan, output) is kept after its outcome is reported but the
// outcome itself. Then they are migrated in config order, `jobs` at a time, each under its own lock and
// transaction scope. After a failure no further database is started unless `continue_on_error` (always
// on for a selection with fleet members: one tenant's failure must not hold back the others); those
// already migrated or in flight finish and stay consistent, so a rerun after the fix goes on where each
// one stopped.
#pragma once

#include "config/config.h"
#include "runtime/database_selection.h"
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
// The same for a selection: kAuto is kEach as soon as it has a fleet member.
Precheck effective_precheck(Precheck precheck, const std::vector<const DatabaseConfig*>& databases);
// Whether a run over `databases` goes on after a failure: when asked to, and always with fleet members.
bool effective_continue_on_error(bool continue_on_error, const std::vector<const DatabaseConfig*>& databases);

struct DatabaseOutcome {
  enum class State { kDone, kFailed, kSkipped };
  const DatabaseConfig* database = nullptr;
  State state = State::kSkipped;
  std::optional<Error> error;   // kFailed: what went wrong, with the database named
  bool failed_check = false;    // kFailed before any database was changed
  std::string skipped_because;  // kSkipped
  RunReport report;             // kDone; `revisions` also for kFailed
  double seconds = 0;           // wall time of this database's run (connecting included)
};

class MultiDatabaseRun {
 public:
  // Called exactly once per database with its final outcome (skipped ones too), one call at a time, in
  // completion order.
  using OutcomeFn = std::function<void(const DatabaseOutcome&)>;
  // Called as a database starts (after any check of all), one call at a time with the OutcomeFn calls.
  using StartFn = std::function<void(const DatabaseConfig&)>;

  MultiDatabaseRun(const CheckedScripts& scripts, const PluginHost& plugins, const OpCatalogue& catalogue,
                   RunOptions run_options, MultiRunOptions options);

  // Online. Progress goes to `output.progress`, each line prefixed with the database's name when
  // several run at once, else under a heading per database. A selection reported in groups
  // (runtime/database_selection.h) shows each database's progress only with `output.verbose`, every line
  // prefixed. Returns one outcome per database, in order; in a selection reported in groups each keeps
  // only what a summary needs once reported (no `revisions`).
  Result<std::vector<DatabaseOutcome>> run(const std::vector<const DatabaseConfig*>& databases,
                                           const MigrationRequest& request, const RunOutput& output,
                                           const OutcomeFn& on_outcome = {}, const StartFn& on_start = {});

  // Offline: one script per database in config order, each under a heading naming it when there are
  // several. Scripts are written only when every database's script rendered (or, with
  // continue_on_error, those that did).
  // Outcomes are reported once every script has rendered, since a later failure can still withdraw
  // the others.
  Result<std::vector<DatabaseOutcome>> write_sql(const std::vector<const DatabaseConfig*>& databases,
                                                 const MigrationRequest& request, const RunOutput& output,
                                                 const OutcomeFn& on_outcome = {}, const StartFn& on_start = {});

 private:
  // Connects and checks `request` on every database, keeping each connection for the run; true when all
  // passed.
  bool preflight(const std::vector<const DatabaseConfig*>& databases, const MigrationRequest& request,
                 std::vector<DatabaseOutcome>& outcomes, std::vector<std::optional<Database>>& connections,
                 bool continue_on_error, const std::function<void(DatabaseOutcome&)>& report);

  const CheckedScripts& scripts_;
  const PluginHost& plugins_;
  const OpCatalogue& catalogue_;

  RunOptions run_options_;
  MultiRunOptions options_;
};

// Every outcome kDone?
bool all_done(const std::vector<DatabaseOutcome>& outcomes);

}  // namespace retort
