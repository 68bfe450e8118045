#include "runtime/migration_runner.h"

#include "ops/op_resolution.h"
#include "ops/op_validation.h"
#include "ops/revision_ops.h"
#include "runtime/migration_lock.h"
#include "util/toml_file.h"
#include "util/strings.h"

#include <algorithm>
#include <functional>
#include <ostream>
#include <sstream>

namespace retort {

// Where the statements of a run go: executed on the database, or written out as a script.
class MigrationRunner::StatementTarget {
 public:
  virtual ~StatementTarget() = default;
  virtual Status statement(const std::string& sql) = 0;
  virtual void comment(const std::string& text) = 0;
  virtual Status begin() = 0;
  virtual Status commit() = 0;
  virtual void rollback() = 0;
  bool open() const { return open_; }

 protected:
  bool open_ = false;
};

class MigrationRunner::OnlineTarget : public StatementTarget {
 public:
  OnlineTarget(Database& db, const RunOutput& out) : db_(db), out_(out) {}
  Status statement(const std::string& sql) override {
    if (out_.verbose) out_.progress << sql << ";\n";
    return db_.execute(sql);
  }
  void comment(const std::string& /*text*/) override {}
  Status begin() override {
    RETORT_TRY(db_.begin());
    open_ = true;
    return Status();
  }
  Status commit() override {
    open_ = false;
    return db_.commit();
  }
  void rollback() override {
    if (open_) (void)db_.rollback();
    open_ = false;
  }

 private:
  Database& db_;
  const RunOutput& out_;
};

class MigrationRunner::OfflineTarget : public StatementTarget {
 public:
  OfflineTarget(Database& db, std::ostream& out) : db_(db), out_(out) {}
  Status statement(const std::string& sql) override {
    out_ << sql << ";\n\n";
    return Status();
  }
  void comment(const std::string& text) override { out_ << "-- " << text << "\n\n"; }
  Status begin() override {
    open_ = true;
    return emit(RETORT_STMT_BEGIN);
  }
  Status commit() override {
    open_ = false;
    return emit(RETORT_STMT_COMMIT);
  }
  void rollback() override { open_ = false; }

 private:
  Status emit(retort_statement_kind kind) {
    if (!db_.transactional_ddl()) return Status();
    RETORT_ASSIGN_OR_RETURN(auto stmts, db_.render_statement(kind, {}));
    for (const auto& s : stmts) RETORT_TRY(statement(s));
    return Status();
  }
  Database& db_;
  std::ostream& out_;
};

struct MigrationRunner::PreparedStep {
  MigrationStep step;
  std::vector<PlannedOp> ops;       // resolved for the dialect
  std::vector<toml::table> resolved;
};

MigrationRunner::MigrationRunner(const ScriptDirectory& scripts, Database& db, const OpCatalogue& catalogue,
                                 RunOptions options, const RunOutput& output)
    : scripts_(scripts), db_(db), catalogue_(catalogue), options_(std::move(options)), output_(output) {}

Status MigrationRunner::with_context(Status status) const {
  if (status.ok()) return status;
  return std::move(status).error().at("database '" + db_.name() + "'");
}

std::vector<std::string> MigrationRunner::version_args(std::initializer_list<std::string> extra) const {
  std::vector<std::string> args = {db_.config().version_table_schema, db_.config().version_table};
  args.insert(args.end(), extra);
  return args;
}

Result<std::vector<RevIndex>> MigrationRunner::resolve_rows(const std::vector<std::string>& ids) {
  std::vector<RevIndex> rows;
  for (const auto& id : ids) {
    auto idx = scripts_.map().find(id);
    if (!idx)
      return Error("the version table " + db_.config().version_table + " names revision '" + id +
                   "', which is not in the revision files")
          .hint("check out the revision files that match this database, or fix the rows with `retort stamp --purge`");
    rows.push_back(*idx);
  }
  return rows;
}

Result<Planner> MigrationRunner::planner(const std::vector<RevIndex>& rows) const {
  auto scope = branch_scope(scripts_.map(), db_.config().branches);
  if (!scope.ok()) return std::move(scope).error().at(db_.config().location);
  return Planner(scripts_.map(), rows, std::move(scope).value());
}

Result<std::vector<std::string>> MigrationRunner::current_ids() {
  RETORT_ASSIGN_OR_RETURN(bool exists, version_table_exists());
  if (!exists) return std::vector<std::string>{};
  return read_version_ids();
}

Result<std::vector<RevIndex>> MigrationRunner::current_rows() {
  RETORT_ASSIGN_OR_RETURN(auto ids, current_ids());
  return resolve_rows(ids);
}

std::string MigrationRunner::step_line(const MigrationStep& step) const {
  const Revision& r = scripts_.map().at(step.revision);
  // As Alembic writes it: the down_revisions only, never depends_on.
  std::vector<std::string> down;
  for (RevIndex d : r.down) down.push_back(scripts_.map().id(d));
  std::string lower = join(down, ", ");
  std::string text = step.upgrade ? "Running upgrade " + lower + " -> " + r.id() : "Running downgrade " + r.id() + " -> " + lower;
  return text;
}

Result<std::vector<MigrationRunner::PreparedStep>> MigrationRunner::prepare(const std::vector<MigrationStep>& steps) {
  if (!options_.revision_files_checked) RETORT_TRY(check_revision_files(scripts_, catalogue_, options_.database_names));
  ErrorList errors;
  std::vector<PreparedStep> prepared;
  const DialectVariants dialect = db_.variants();
  for (const auto& step : steps) {
    const RevisionFile& file = scripts_.file(step.revision);
    auto ops = operations_for_step(file, step.upgrade, db_.name(), catalogue_);
    if (!ops.ok()) {
      errors.add(std::move(ops).error());
      continue;
    }
    PreparedStep p{step, std::move(ops).value(), {}};
    for (const auto& op : p.ops) {
      if (!op.derived) validate_operation(op.args, catalogue_, file.path, dialect, errors);
      toml::table resolved = resolve_for_dialect(op.args, *op.spec, dialect);
      Status st = db_.check_operation(*op.spec, resolved);
      if (!st.ok()) errors.add(Error("operation '" + op.name + "' cannot run on " + st.error().to_string()).at(op.location));
      p.resolved.push_back(std::move(resolved));
    }
    prepared.push_back(std::move(p));
  }
  if (!errors.empty())
    return errors.combined("nothing was applied; " + std::to_string(errors.errors().size()) + " problems:");
  return prepared;
}

Status MigrationRunner::apply_version_changes(StatementTarget& target, const std::vector<VersionChange>& changes) {
  for (const auto& c : changes) {
    Result<std::vector<std::string>> stmts = std::vector<std::string>{};
    switch (c.kind) {
      case VersionChange::Kind::kInsert:
        stmts = db_.render_statement(RETORT_STMT_VERSION_INSERT, version_args({c.to}));
        break;
      case VersionChange::Kind::kUpdate:
        stmts = db_.render_statement(RETORT_STMT_VERSION_UPDATE, version_args({c.from, c.to}));
        break;
      case VersionChange::Kind::kDelete:
        stmts = db_.render_statement(RETORT_STMT_VERSION_DELETE, version_args({c.from}));
        break;
    }
    if (!stmts.ok()) return std::move(stmts).error();
    for (const auto& s : *stmts) RETORT_TRY(target.statement(s));
  }
  return Status();
}

Result<std::vector<std::string>> MigrationRunner::stored_rows() {
  RETORT_ASSIGN_OR_RETURN(auto stored, read_version_ids());
  std::sort(stored.begin(), stored.end());
  return stored;
}

std::vector<std::vector<std::string>> MigrationRunner::trajectory(VersionRows rows,
                                                                  const std::vector<PreparedStep>& steps) const {
  std::vector<std::vector<std::string>> after;
  auto sorted_ids = [&]() {
    std::vector<std::string> ids;
    for (RevIndex r : rows.rows()) ids.push_back(scripts_.map().id(r));
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  after.push_back(sorted_ids());
  for (const auto& p : steps) {
    (void)(p.step.upgrade ? rows.upgrade(p.step.revision) : rows.downgrade(p.step.revision));
    after.push_back(sorted_ids());
  }
  return after;
}

Result<size_t> MigrationRunner::resume_point(const std::vector<std::vector<std::string>>& planned, size_t next) {
  RETORT_ASSIGN_OR_RETURN(auto stored, stored_rows());
  for (size_t k = next; k < planned.size(); ++k)
    if (planned[k] == stored) return k;
  std::vector<std::string> expected = planned[next];
  return Error(db_.config().version_table + " changed while this run was going on (now: " +
               (stored.empty() ? std::string("<empty>") : join(stored, ", ")) + "; expected: " +
               (expected.empty() ? std::string("<empty>") : join(expected, ", ")) + ")")
      .hint("another retort is migrating this database towards another target; run again once it has finished");
}

Status MigrationRunner::apply_steps(StatementTarget& target, VersionRows& rows, std::vector<PreparedStep>& steps) {
  // Where DDL commits implicitly, each step's version change is committed with it, so the version table
  // always names the last migration that completed.
  const bool per_step = options_.transaction_per_migration || !db_.transactional_ddl();
  if (per_step && target.open()) RETORT_TRY(target.commit());
  // Between two steps SQLite holds no lock, so another run may apply part of this same plan meanwhile:
  // each step first finds where the version table is on the plan, skips what the other run did, and
  // refuses a table that is off the plan. A revision is never applied twice.
  const bool watch = per_step && db_.online();
  const std::vector<std::vector<std::string>> planned = watch ? trajectory(rows, steps) : decltype(planned){};
  size_t ran = 0;
  ErrorList problems;  // check_only
  for (size_t i = 0; i < steps.size(); ++i) {
    if (per_step) {
      RETORT_TRY(target.begin());
      if (watch) {
        RETORT_ASSIGN_OR_RETURN(size_t at, resume_point(planned, i));
        if (at > i) {
          std::vector<std::string> skipped;
          for (; i < at; ++i) {
            const PreparedStep& done = steps[i];
            (void)(done.step.upgrade ? rows.upgrade(done.step.revision) : rows.downgrade(done.step.revision));
            skipped.push_back(scripts_.map().id(done.step.revision));
          }
          if (!output_.quiet)
            output_.progress << "Another run applied " << join(skipped, ", ") << " meanwhile\n" << std::flush;
          if (i == steps.size()) {
            RETORT_TRY(target.commit());
            break;
          }
        }
      }
    }
    PreparedStep& p = steps[i];
    const Revision& rev = scripts_.map().at(p.step.revision);
    std::string line = step_line(p.step);
    if (!output_.quiet) output_.progress << line << ", " << rev.header.message << "\n" << std::flush;
    RETORT_TRY(before_offline_step(target, rows.rows()));
    target.comment(line);
    std::vector<std::string> done;  // this step's statements that ran
    for (size_t k = 0; k < p.ops.size(); ++k) {
      const PlannedOp& op = p.ops[k];
      std::string what = (p.step.upgrade ? "upgrade " : "downgrade ") + rev.id() + ", operation '" + op.name + "'" +
                         (op.derived ? " (automatic inverse)" : "");
      bool needs_live = false;
      auto stmts = db_.render_operation(*op.spec, p.resolved[k], &needs_live);
      if (!stmts.ok() && options_.check_only) {
        // Nothing runs in a check, so every operation is tried and every real problem kept.
        if (!needs_live) problems.add(std::move(stmts).error().at(op.location + ": " + what));
        continue;
      }
      if (!stmts.ok()) return std::move(stmts).error().at(op.location + ": " + what);
      for (const auto& s : *stmts) {
        Status st = target.statement(s);
        if (!st.ok()) return partial_step_failure(std::move(st).error().at(op.location + ": " + what), rev, done);
        done.push_back(s);
      }
    }
    auto changes = p.step.upgrade ? rows.upgrade(p.step.revision) : rows.downgrade(p.step.revision);
    Status st = apply_version_changes(target, changes);
    if (!st.ok()) return std::move(st).error().at("updating " + db_.config().version_table + " for " + rev.id());
    if (per_step) RETORT_TRY(target.commit());
    ++ran;
  }
  if (!problems.empty())
    return problems.combined(std::to_string(problems.errors().size()) + (problems.errors().size() == 1 ? " problem:" : " problems:"));
  std::vector<std::string> after;
  for (RevIndex r : rows.rows()) after.push_back(scripts_.map().id(r));
  report_ = RunReport{std::move(after), ran};
  return Status();
}

Error MigrationRunner::partial_step_failure(Error error, const Revision& rev, const std::vector<std::string>& done) const {
  if (db_.transactional_ddl() || !db_.online()) return error;
  std::string hint = db_.dialect_name() + " commits DDL as it goes: " + db_.config().version_table +
                     " names the last migration that completed, and " + rev.id() + " will run again from its start.";
  if (done.empty()) {
    hint += " Nothing of " + rev.id() + " had run; fix it and run again.";
  } else {
    hint += " These statements of " + rev.id() + " had already run and may have stayed applied (DDL cannot be rolled "
            "back): " + join(done, "; ") + ". Undo them by hand (or fix the migration so it can run over them), then run again.";
  }
  return std::move(error.hint(hint));
}

Status MigrationRunner::ensure_version_table(StatementTarget& target, bool known_empty) {
  if (!known_empty) {
    RETORT_ASSIGN_OR_RETURN(bool exists, version_table_exists());
    if (exists) return Status();
  }
  RETORT_ASSIGN_OR_RETURN(auto create, db_.render_statement(RETORT_STMT_VERSION_TABLE_CREATE, version_args({})));
  for (const auto& s : create) RETORT_TRY(target.statement(s));
  return Status();
}

Status MigrationRunner::before_offline_step(StatementTarget& target, const std::vector<RevIndex>& rows) {
  if (db_.online() || !rows.empty()) return Status();
  return ensure_version_table(target, true);
}

Status MigrationRunner::after_offline_run(StatementTarget& target, const std::vector<RevIndex>& rows) {
  if (db_.online() || !rows.empty()) return Status();
  RETORT_ASSIGN_OR_RETURN(auto drop, db_.render_statement(RETORT_STMT_VERSION_TABLE_DROP, version_args({})));
  if (drop.empty()) {
    // A dialect built before ABI 1.2 does not know the statement; DROP TABLE is the same everywhere.
    const DatabaseConfig& c = db_.config();
    RETORT_ASSIGN_OR_RETURN(std::string table, db_.quote_identifier(c.version_table));
    if (!c.version_table_schema.empty()) {
      RETORT_ASSIGN_OR_RETURN(std::string schema, db_.quote_identifier(c.version_table_schema));
      table = schema + "." + table;
    }
    drop.push_back("DROP TABLE " + table);
  }
  for (const auto& s : drop) RETORT_TRY(target.statement(s));
  return Status();
}

Result<bool> MigrationRunner::version_table_exists() {
  RETORT_ASSIGN_OR_RETURN(auto queries, db_.render_statement(RETORT_STMT_VERSION_TABLE_EXISTS, version_args({})));
  for (const auto& q : queries) {
    RETORT_ASSIGN_OR_RETURN(auto found, db_.query(q));
    if (found.empty()) return false;
  }
  return true;
}

Result<std::vector<std::string>> MigrationRunner::read_version_ids() {
  RETORT_ASSIGN_OR_RETURN(auto select, db_.render_statement(RETORT_STMT_VERSION_SELECT, version_args({})));
  std::vector<std::string> ids;
  for (const auto& q : select) {
    RETORT_ASSIGN_OR_RETURN(auto rows, db_.query(q));
    for (const auto& r : rows)
      if (!r.empty() && r[0]) ids.push_back(*r[0]);
  }
  return ids;
}

Status MigrationRunner::run_online(const WorkFn& work) {
  OnlineTarget target(db_, output_);
  auto lock = MigrationLock::take(db_, options_.lock_timeout_seconds);
  if (!lock.ok()) return with_context(std::move(lock).error());

  // The version table is read after the lock (or, on SQLite, inside the write transaction), so two
  // runs can never plan from the same rows.
  Status result = [&]() -> Status {
    Status begun = target.begin();
    if (!begun.ok())
      return std::move(begun).error().at("starting the run's transaction").default_hint(
          "if another retort is migrating this database, wait for it to finish or raise [retort] lock_timeout (now " +
          std::to_string(options_.lock_timeout_seconds) + " s)");
    Status st = [&]() -> Status {
      RETORT_TRY(ensure_version_table(target, false));
      RETORT_ASSIGN_OR_RETURN(auto ids, read_version_ids());
      return work(target, ids);
    }();
    if (!st.ok()) {
      target.rollback();
      return st;
    }
    return target.open() ? target.commit() : Status();
  }();

  Status released = lock->release();
  if (result.ok() && !released.ok()) result = released;
  if (!result.ok() && result.error().hint_text().empty()) {
    Error e = std::move(result).error();
    if (!db_.transactional_ddl()) {
      e.hint(db_.dialect_name() + " commits DDL as it goes: " + db_.config().version_table +
             " names the last migration that completed; fix the failing one and run again to go on from there");
    } else if (options_.transaction_per_migration) {
      e.hint("the failing migration was rolled back; the ones before it stay applied");
    } else {
      e.hint("the whole run was rolled back; the database is as it was before");
    }
    result = e;
  }
  return with_context(result);
}

Status MigrationRunner::run_offline(const std::vector<RevIndex>& start_rows, const WorkFn& work) {
  // The script is written out only when all of it rendered: a failed check leaves no half script.
  std::ostringstream script;
  OfflineTarget target(db_, script);
  Status result = [&]() -> Status {
    if (!options_.tag.empty()) target.comment("tag: " + options_.tag);
    RETORT_TRY(target.begin());
    std::vector<std::string> ids;
    for (RevIndex r : start_rows) ids.push_back(scripts_.map().id(r));
    RETORT_TRY(work(target, ids));
    return target.open() ? target.commit() : Status();
  }();
  if (result.ok()) output_.out << script.str() << std::flush;
  return with_context(result);
}

Result<std::vector<MigrationRunner::PreparedStep>> MigrationRunner::plan(const MigrationRequest& request,
                                                                         const std::vector<RevIndex>& rows) {
  RETORT_ASSIGN_OR_RETURN(Planner p, planner(rows));
  RETORT_ASSIGN_OR_RETURN(auto steps, request.command == MigrationRequest::Command::kDowngrade
                                          ? p.plan_downgrade(request.targets.front())
                                          : p.plan_upgrade(request.targets.front()));
  return prepare(steps);
}

MigrationRunner::WorkFn MigrationRunner::migrate(const MigrationRequest& request) {
  return [this, &request](StatementTarget& target, const std::vector<std::string>& ids) -> Status {
    RETORT_ASSIGN_OR_RETURN(auto rows, resolve_rows(ids));
    RETORT_ASSIGN_OR_RETURN(auto prepared, plan(request, rows));
    VersionRows version_rows(scripts_.map(), rows);
    RETORT_TRY(apply_steps(target, version_rows, prepared));
    return after_offline_run(target, version_rows.rows());
  };
}

Result<StampPlan> MigrationRunner::plan_stamp(const MigrationRequest& request, const std::vector<std::string>& ids) {
  // --purge clears rows that may not even be in the revision files, so they are not resolved.
  std::vector<RevIndex> rows;
  if (!request.purge) {
    RETORT_ASSIGN_OR_RETURN(rows, resolve_rows(ids));
  }
  RETORT_ASSIGN_OR_RETURN(Planner p, planner(rows));
  return p.plan_stamp(request.targets, request.purge);
}

MigrationRunner::WorkFn MigrationRunner::stamp_to(const MigrationRequest& request) {
  return [this, &request](StatementTarget& target, const std::vector<std::string>& ids) -> Status {
    RETORT_ASSIGN_OR_RETURN(StampPlan plan, plan_stamp(request, ids));
    std::vector<RevIndex> start;
    if (request.purge) {
      for (const auto& id : ids) {
        RETORT_ASSIGN_OR_RETURN(auto stmts, db_.render_statement(RETORT_STMT_VERSION_DELETE, version_args({id})));
        for (const auto& s : stmts) RETORT_TRY(target.statement(s));
      }
    } else {
      RETORT_ASSIGN_OR_RETURN(start, resolve_rows(ids));
    }
    const RevisionMap& map = scripts_.map();
    auto listed = [&](const std::vector<RevIndex>& revs) {
      std::vector<std::string> out;
      for (RevIndex r : revs) out.push_back(map.id(r));
      return join(out, ", ");
    };
    if (!plan.steps.empty()) RETORT_TRY(before_offline_step(target, start));
    for (const auto& step : plan.steps) {
      std::string line = "Running stamp_revision " + listed(step.from) + " -> " + listed(step.to);
      if (!output_.quiet) output_.progress << line << "\n";
      target.comment(line);
    }
    RETORT_TRY(apply_version_changes(target, plan.changes));
    RETORT_TRY(after_offline_run(target, plan.rows));
    std::vector<std::string> after;
    for (RevIndex r : plan.rows) after.push_back(map.id(r));
    report_ = RunReport{std::move(after), 0};
    return Status();
  };
}

MigrationRunner::WorkFn MigrationRunner::work_for(const MigrationRequest& request) {
  return request.command == MigrationRequest::Command::kStamp ? stamp_to(request) : migrate(request);
}

Status MigrationRunner::run(const MigrationRequest& request) { return run_online(work_for(request)); }

Result<std::vector<RevIndex>> MigrationRunner::offline_start(const MigrationRequest& request) {
  RETORT_ASSIGN_OR_RETURN(Planner p, planner({}));
  if (!request.from) return request.from_heads ? p.heads(true) : std::vector<RevIndex>{};
  RETORT_ASSIGN_OR_RETURN(std::optional<RevIndex> start, p.revision(*request.from));
  if (!start) return std::vector<RevIndex>{};
  return std::vector<RevIndex>{*start};
}

Status MigrationRunner::write_sql(const MigrationRequest& request) {
  auto start = offline_start(request);
  if (!start.ok()) return with_context(std::move(start).error());
  return run_offline(*start, work_for(request));
}

Status MigrationRunner::preflight(const MigrationRequest& request) {
  return with_context([&]() -> Status {
    RETORT_ASSIGN_OR_RETURN(auto ids, current_ids());
    if (request.command == MigrationRequest::Command::kStamp) return plan_stamp(request, ids).status();
    RETORT_ASSIGN_OR_RETURN(auto rows, resolve_rows(ids));
    return plan(request, rows).status();
  }());
}

}  // namespace retort
