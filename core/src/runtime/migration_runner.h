// Runs upgrade, downgrade and stamp on one database, online or as an offline SQL script: takes the lock,
// reads the version rows, plans, checks every operation before anything commits, then applies each step
// and its version-table change inside the configured transaction scope.
#pragma once

#include "graph/migration_plan.h"
#include "graph/version_rows.h"
#include "ops/op_catalogue.h"
#include "runtime/database.h"
#include "runtime/plan_feed.h"
#include "runtime/run_plan.h"
#include "runtime/statement_target.h"
#include "runtime/history_table.h"
#include "runtime/resumable_step.h"
#include "runtime/version_table.h"
#include "script/script_directory.h"
#include "util/held_stream.h"

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
  // `retort check`: offline scripts render every operation and report every problem at once; what only
  // the live database makes possible (a SQLite table rebuild) is not a problem.
  bool check_only = false;
  // `--resume`: the statement a killed run may have completed, where the schema does not tell.
  UncertainStatement resume = UncertainStatement::kAsk;
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

// What a run did to one database, for the summary and the --report of a run over several.
struct RunReport {
  std::vector<std::string> after;  // version rows it left (a run that succeeded)
  size_t steps = 0;                // revisions applied or reverted (a run that succeeded)
  // The revisions applied, reverted or stamped, in order; after a failure only those that stayed
  // committed (a run rolled back as a whole lists none).
  std::vector<std::string> revisions;
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
  MigrationRunner(const CheckedScripts& scripts, Database& db, const OpCatalogue& catalogue, RunOptions options,
                  const RunOutput& output);

  // Online: takes the lock and migrates the database.
  Status run(const MigrationRequest& request);
  // Offline: writes the script that takes the database from `request.from` to `request.target`.
  Status write_sql(const MigrationRequest& request);
  // Online and read-only: plans `request` from the version rows as they are now and checks every
  // operation of the plan, without taking the lock or changing anything. A run over several databases
  // checks them all this way before migrating any.
  Status preflight(const MigrationRequest& request);
  // What the last run or write_sql did (`revisions` also after a failure).
  const RunReport& report() const { return report_; }

 private:
  // Inside the lock: open the transaction, make sure the version table exists, read it, carry out.
  Status run_locked(const MigrationRequest& request, StatementTarget& target);
  // What a run and a script share: `request` carried out on `target` from the version rows `ids`.
  Status carry_out(const MigrationRequest& request, StatementTarget& target, const std::vector<std::string>& ids);
  // The steps `request` takes from `rows`, in order.
  Result<std::vector<MigrationStep>> steps_for(const MigrationRequest& request, const std::vector<RevIndex>& rows);
  Result<Plan> plan(const MigrationRequest& request, const std::vector<RevIndex>& rows);
  // Whether the run may execute `steps` while later ones are still being prepared: when each passed the
  // same checks on an earlier run, its file unchanged, and everything runs in one transaction that a
  // rollback would undo, should preparing find a problem all the same.
  bool prepares_while_running(const std::vector<MigrationStep>& steps) const;
  // Applies each step of `plan` and its version-table change, in the configured transaction scope; a plan
  // with problems reports them, and whatever ran of it is left to the caller's rollback.
  Status apply(PlanFeed& plan, StatementTarget& target, VersionRows& rows);
  Status apply_steps(PlanFeed& plan, StatementTarget& target, VersionRows& rows);
  // One step's statements, then its version-table change. In a check, problems are collected instead.
  Status apply_step(PlannedStep& step, StatementTarget& target, VersionRows& rows, ErrorList& problems);
  // The same, statement by statement outside any transaction, resuming where a stopped run left it.
  Status apply_step_by_statement(PlannedStep& step, StatementTarget& target, VersionRows& rows);
  // Whether `step` runs inside a transaction of the run's (else it commits statement by statement).
  bool in_transaction(const PlannedStep& step) const;
  // "Running upgrade a -> b, message" on the progress stream and as a script comment.
  void announce(const PlannedStep& step, StatementTarget& target) const;
  // The next step to run, past the steps of `plan` another run applied meanwhile (per-step runs only).
  Result<size_t> skip_done_elsewhere(const PlanFeed& plan, const std::vector<std::vector<std::string>>& planned,
                                     size_t next, VersionRows& rows);
  Status stamp(const MigrationRequest& request, StatementTarget& target, const std::vector<std::string>& ids);
  // The version rows a stamp starts from (none with purge) and the rows it leaves.
  Result<StampPlan> plan_stamp(const MigrationRequest& request, const std::vector<std::string>& ids);
  // A planner for this database: its rows, within the branches it follows.
  Result<Planner> planner(const std::vector<RevIndex>& rows) const;
  Result<std::vector<RevIndex>> offline_start(const MigrationRequest& request);

  // The version and history tables, created where missing.
  Status ensure_tables(StatementTarget& target);
  // A history row for `revision` going in `direction`, started now.
  HistoryEntry history_entry(RevIndex revision, const std::string& direction) const;
  // Appends `entry`, finished now, to the history table (online only), when the transaction commits.
  Status record(HistoryEntry entry);
  // Commits the open transaction, with the history rows recorded in it; rolls it back instead when they
  // cannot be written.
  Status commit(StatementTarget& target);
  // Rolls the open transaction back, and the history rows recorded in it.
  void rollback(StatementTarget& target);
  // Appends a failed step's row in a transaction of its own, after the run's was rolled back.
  Status record_failure(StatementTarget& target, HistoryEntry entry);
  // Offline scripts create the version table before a step that starts from no rows and drop it when a
  // run leaves none, as Alembic's do.
  Status before_offline_step(StatementTarget& target, const std::vector<RevIndex>& rows);
  Status after_offline_run(StatementTarget& target, const std::vector<RevIndex>& rows);
  // The version rows as stored, sorted.
  Result<std::vector<std::string>> stored_rows();
  // The sorted version rows before each step of `plan` and after the last.
  std::vector<std::vector<std::string>> trajectory(VersionRows rows, const PlanFeed& plan) const;
  // Which step of the plan the stored rows say comes next (`next` or later, when another run applied some
  // of the plan meanwhile); an error when the rows are not on the plan at all.
  Result<size_t> resume_point(const std::vector<std::vector<std::string>>& planned, size_t next);
  // The revisions of the steps run so far are committed: into report_.revisions.
  void commit_revisions();
  // What a failed run left, as the hint of an error that has none.
  Status with_recovery_hint(Status status) const;
  std::string step_line(const MigrationStep& step) const;
  Status with_context(Status status) const;

  const CheckedScripts& scripts_;
  Database& db_;
  const OpCatalogue& catalogue_;
  RunOptions options_;
  HeldStream progress_;  // output_.progress: held back while the plan is still being prepared
  RunOutput output_;
  VersionTable versions_;
  HistoryTable history_;
  bool session_locked_ = false;  // the run holds a session lock throughout (not on SQLite)
  std::optional<HistoryEntry> failed_step_;  // the step a failed run stopped in
  RunReport report_;
  std::vector<std::string> uncommitted_;  // revisions of steps whose transaction is still open
};

}  // namespace retort
