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

  Status upgrade(const Target& target);
  Status downgrade(const Target& target);
  Status stamp(const Target& target, bool purge);

  // Offline: the script that takes the database from `from` (base when absent) to `to`.
  Status upgrade_sql(const std::optional<Target>& from, const Target& to);
  Status downgrade_sql(const Target& from, const Target& to);
  Status stamp_sql(const std::optional<Target>& from, const Target& to, bool purge);

  // The version rows as stored (empty when the version table does not exist yet).
  Result<std::vector<RevIndex>> current_rows();

 private:
  class StatementTarget;
  class OnlineTarget;
  class OfflineTarget;
  struct PreparedStep;
  using PlanFn = std::function<Result<std::vector<MigrationStep>>(const Planner&)>;
  // The work of a run, given where statements go and the version rows as stored.
  using WorkFn = std::function<Status(StatementTarget&, const std::vector<std::string>& version_ids)>;

  // Lock, open the transaction, make sure the version table exists, read it, do `work`, commit, unlock.
  Status run_online(const WorkFn& work);
  Status run_offline(const std::vector<RevIndex>& start_rows, const WorkFn& work);
  WorkFn migrate(PlanFn plan);
  WorkFn stamp_to(const Target& to, bool purge);
  // The database's migration lock (advisory lock, GET_LOCK, busy timeout), waited for up to lock_timeout.
  Status take_lock();
  Status release_lock();
  std::vector<std::string> lock_args() const;
  // Adds to a failure inside a step what a database without transactional DDL kept of that step.
  Error partial_step_failure(Error error, const Revision& rev, const std::vector<std::string>& done) const;
  Status ensure_version_table(StatementTarget& target, bool known_empty);
  Result<bool> version_table_exists();
  Result<std::vector<std::string>> read_version_ids();
  Result<std::vector<PreparedStep>> prepare(const std::vector<MigrationStep>& steps);
  Status apply_steps(StatementTarget& target, VersionRows& rows, std::vector<PreparedStep>& steps);
  // Fails unless the stored version rows are exactly `rows`.
  Status expect_rows(const VersionRows& rows);
  Status apply_version_changes(StatementTarget& target, const std::vector<VersionChange>& changes);
  Result<std::vector<RevIndex>> rows_from_target(const std::optional<Target>& from);
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
};

}  // namespace retort
