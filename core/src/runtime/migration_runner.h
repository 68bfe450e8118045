// Runs upgrade, downgrade and stamp on one database, online or as an offline SQL script: takes the lock,
// reads the version rows, plans, checks every operation before anything runs, then applies each step
// and its version-table change inside the configured transaction scope.
#pragma once

#include "graph/migration_plan.h"
#include "graph/version_rows.h"
#include "ops/op_catalogue.h"
#include "runtime/database.h"
#include "script/script_directory.h"

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace retort {

struct RunOptions {
  bool transaction_per_migration = false;
  // Every configured database name: [[upgrade_NAME]] sections must name one of them.
  std::vector<std::string> database_names;
  int lock_timeout_seconds = 300;
  std::string tag;
  // check_revision_files() already passed (a run over several databases makes it once, up front).
  bool revision_files_checked = false;
  // `retort check`: offline scripts render every operation and report every problem at once; what only
  // the live database makes possible (a SQLite table rebuild) is not a problem.
  bool check_only = false;
};

// One migration command: upgrade, downgrade or stamp to `targets` (TARGET syntax, DESIGN.md §5).
struct MigrationRequest {
  enum class Command { kUpgrade, kDowngrade, kStamp };
  Command command = Command::kUpgrade;
  std::vector<std::string> targets;  // one, except for a stamp of several heads
  std::optional<std::string> from;   // offline: the FROM of FROM:TO, one revision (base when absent)
  bool from_heads = false;           // offline, without `from`: start at every head this database follows
  bool purge = false;                // stamp: delete every version row first
};

// What a run that succeeded did to one database, for the summary of a run over several.
struct RunReport {
  std::vector<std::string> after;  // version rows it left
  size_t steps = 0;                // revisions applied or reverted
};

// Where a run reports: SQL scripts and listings to `out`, progress to `progress`.
struct RunOutput {
  std::ostream& out;
  std::ostream& progress;
  bool quiet = false;
  bool verbose = false;  // echo each statement to `progress`
};

class MigrationRunner {
 public:
  MigrationRunner(const ScriptDirectory& scripts, Database& db, const OpCatalogue& catalogue, RunOptions options,
                  const RunOutput& output);

  // Online: takes the lock and migrates the database.
  Status run(const MigrationRequest& request);
  // Offline: writes the script that takes the database from `request.from` to `request.target`.
  Status write_sql(const MigrationRequest& request);
  // Online and read-only: plans `request` from the version rows as they are now and checks every
  // operation of the plan, without taking the lock or changing anything. A run over several databases
  // checks them all this way before migrating any.
  Status preflight(const MigrationRequest& request);
  // What the last successful run or write_sql did.
  const RunReport& report() const { return report_; }

  // The version rows as stored (empty when the version table does not exist yet).
  Result<std::vector<RevIndex>> current_rows();

 private:
  class StatementTarget;
  class OnlineTarget;
  class OfflineTarget;
  struct PreparedStep;
  // The work of a run, given where statements go and the version rows as stored.
  using WorkFn = std::function<Status(StatementTarget&, const std::vector<std::string>& version_ids)>;

  // Lock, open the transaction, make sure the version table exists, read it, do `work`, commit, unlock.
  Status run_online(const WorkFn& work);
  Status run_offline(const std::vector<RevIndex>& start_rows, const WorkFn& work);
  WorkFn migrate(const MigrationRequest& request);
  // The version rows a stamp starts from (none with purge) and the rows it leaves.
  Result<StampPlan> plan_stamp(const MigrationRequest& request, const std::vector<std::string>& ids);
  WorkFn stamp_to(const MigrationRequest& request);
  WorkFn work_for(const MigrationRequest& request);
  // The steps of `request` from `rows`, each checked and resolved for this database's dialect.
  Result<std::vector<PreparedStep>> plan(const MigrationRequest& request, const std::vector<RevIndex>& rows);
  // Adds to a failure inside a step what a database without transactional DDL kept of that step.
  Error partial_step_failure(Error error, const Revision& rev, const std::vector<std::string>& done) const;
  Status ensure_version_table(StatementTarget& target, bool known_empty);
  // Offline scripts create the version table before a step that starts from no rows and drop it when a
  // run leaves none, as Alembic's do.
  Status before_offline_step(StatementTarget& target, const std::vector<RevIndex>& rows);
  Status after_offline_run(StatementTarget& target, const std::vector<RevIndex>& rows);
  Result<bool> version_table_exists();
  Result<std::vector<std::string>> read_version_ids();
  Result<std::vector<PreparedStep>> prepare(const std::vector<MigrationStep>& steps);
  Status apply_steps(StatementTarget& target, VersionRows& rows, std::vector<PreparedStep>& steps);
  // The version rows as stored, sorted.
  Result<std::vector<std::string>> stored_rows();
  // The sorted version rows before each step of `steps` and after the last.
  std::vector<std::vector<std::string>> trajectory(VersionRows rows, const std::vector<PreparedStep>& steps) const;
  // Which step of the plan the stored rows say comes next (`next` or later, when another run applied some
  // of the plan meanwhile); an error when the rows are not on the plan at all.
  Result<size_t> resume_point(const std::vector<std::vector<std::string>>& planned, size_t next);
  Status apply_version_changes(StatementTarget& target, const std::vector<VersionChange>& changes);
  // The version rows as stored, unresolved (empty when the version table does not exist yet).
  Result<std::vector<std::string>> current_ids();
  Result<std::vector<RevIndex>> offline_start(const MigrationRequest& request);
  Result<std::vector<RevIndex>> resolve_rows(const std::vector<std::string>& ids);
  // A planner for this database: its rows, within the branches it follows.
  Result<Planner> planner(const std::vector<RevIndex>& rows) const;
  std::string step_line(const MigrationStep& step) const;
  std::vector<std::string> version_args(std::initializer_list<std::string> extra) const;
  Status with_context(Status status) const;

  const ScriptDirectory& scripts_;
  Database& db_;
  const OpCatalogue& catalogue_;
  RunOptions options_;
  RunOutput output_;
  RunReport report_;
};

}  // namespace retort
