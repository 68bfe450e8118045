#include "runtime/migration_runner.h"

#include "graph/revision_query.h"
#include "runtime/alembic_adoption.h"
#include "runtime/checksum_check.h"
#include "runtime/member_schema.h"
#include "runtime/migration_lock.h"
#include "runtime/step_clock.h"
#include "util/strings.h"

#include <algorithm>
#include <ostream>
#include <sstream>

namespace retort {

MigrationRunner::MigrationRunner(const CheckedScripts& scripts, Database& db, const OpCatalogue& catalogue,
                                 RunOptions options, const RunOutput& output)
    : scripts_(scripts),
      db_(db),
      catalogue_(catalogue),
      options_(std::move(options)),
      progress_(output.progress),
      output_{output.out, progress_, output.quiet, output.verbose},
      versions_(db),
      history_(db, catalogue) {}

Status MigrationRunner::with_context(Status status) const {
  if (status.ok()) return status;
  return std::move(status).error().at("database '" + db_.name() + "'");
}

Result<Planner> MigrationRunner::planner(const std::vector<RevIndex>& rows) const {
  auto scope = branch_scope(scripts_.map(), db_.config().branches);
  if (!scope.ok()) return std::move(scope).error().at(db_.config().location);
  return Planner(scripts_.map(), rows, std::move(scope).value());
}

Status MigrationRunner::run(const MigrationRequest& request) {
  auto lock = MigrationLock::take(db_, options_.lock_timeout_seconds, output_.quiet ? nullptr : &output_.progress);
  if (!lock.ok()) return with_context(std::move(lock).error());
  session_locked_ = lock->held();
  OnlineTarget target(db_, output_.verbose ? &output_.progress : nullptr);
  Status result = run_locked(request, target);
  // The step that failed is recorded after its rollback, in a transaction of its own, so it stays.
  if (!result.ok() && failed_step_) {
    failed_step_->error = result.error().message();
    Status recorded = record_failure(target, *failed_step_);
    if (!recorded.ok() && !output_.quiet)
      output_.progress << "warning: the failure could not be recorded in " << history_.name() << ": "
                       << recorded.error().to_string() << "\n";
  }
  Status released = lock->release();
  if (result.ok() && !released.ok()) result = released;
  return with_context(with_recovery_hint(std::move(result)));
}

Status MigrationRunner::run_locked(const MigrationRequest& request, StatementTarget& target) {
  // The version table is read after the lock (or, on SQLite, inside the write transaction), so two
  // runs can never plan from the same rows.
  Status begun = target.begin();
  if (!begun.ok())
    return std::move(begun).error().at("starting the run's transaction").default_hint(
        "if another retort is migrating this database, wait for it to finish or raise [retort] lock_timeout (now " +
        std::to_string(options_.lock_timeout_seconds) + " s)");
  Status st = ensure_tables(target);
  std::vector<std::string> ids;
  if (st.ok()) {
    auto read = versions_.rows();
    if (read.ok()) ids = std::move(read).value();
    else st = std::move(read).error();
  }
  if (st.ok() && request.command != MigrationRequest::Command::kStamp)
    st = validate_before_run(scripts_.scripts(), db_, history_, ids);
  if (st.ok()) st = carry_out(request, target, ids);
  if (!st.ok()) {
    rollback(target);
    uncommitted_.clear();
    return st;
  }
  RETORT_TRY(target.open() ? commit(target) : Status());
  commit_revisions();
  return Status();
}

void MigrationRunner::commit_revisions() {
  report_.revisions.insert(report_.revisions.end(), uncommitted_.begin(), uncommitted_.end());
  uncommitted_.clear();
}

Status MigrationRunner::with_recovery_hint(Status status) const {
  if (status.ok() || !status.error().hint_text().empty()) return status;
  Error e = std::move(status).error();
  if (!db_.transactional_ddl()) {
    e.hint(db_.dialect_name() + " commits DDL as it goes: " + versions_.name() +
           " names the last migration that completed; fix the failing one and run again to go on from there");
  } else if (options_.transaction_per_migration) {
    e.hint("the failing migration was rolled back; the ones before it stay applied");
  } else {
    e.hint("the whole run was rolled back; the database is as it was before");
  }
  return e;
}

Status MigrationRunner::write_sql(const MigrationRequest& request) {
  auto start = offline_start(request);
  if (!start.ok()) return with_context(std::move(start).error());
  // The script is written out only when all of it rendered: a failed check leaves no half script.
  std::ostringstream script;
  ScriptTarget target(db_, script);
  Status result = [&]() -> Status {
    if (!options_.tag.empty()) target.comment("tag: " + options_.tag);
    RETORT_TRY(target.statements(search_path_statements(db_)));  // a fleet member's own schema
    RETORT_TRY(target.begin());
    RETORT_TRY(carry_out(request, target, Names::ids(scripts_.map(), *start).items));
    RETORT_TRY(target.open() ? target.commit() : Status());
    commit_revisions();
    return Status();
  }();
  if (result.ok()) output_.out << script.str() << std::flush;
  return with_context(result);
}

Status MigrationRunner::preflight(const MigrationRequest& request) {
  return with_context([&]() -> Status {
    RETORT_ASSIGN_OR_RETURN(auto ids, versions_.read());
    if (request.command == MigrationRequest::Command::kStamp) return plan_stamp(request, ids).status();
    RETORT_TRY(validate_before_run(scripts_.scripts(), db_, history_, ids));
    RETORT_ASSIGN_OR_RETURN(auto rows, versions_.resolve(scripts_.map(), ids));
    return plan(request, rows).status();
  }());
}

Status MigrationRunner::carry_out(const MigrationRequest& request, StatementTarget& target,
                                  const std::vector<std::string>& ids) {
  if (request.command == MigrationRequest::Command::kStamp) return stamp(request, target, ids);
  RETORT_ASSIGN_OR_RETURN(auto rows, versions_.resolve(scripts_.map(), ids));
  RETORT_ASSIGN_OR_RETURN(auto steps, steps_for(request, rows));
  std::optional<PlanFeed> feed;
  if (prepares_while_running(steps)) {
    feed.emplace(scripts_, db_, catalogue_, std::move(steps));
  } else {
    RETORT_ASSIGN_OR_RETURN(Plan p, Plan::prepare(scripts_, db_, catalogue_, steps));
    feed.emplace(std::move(p));
  }
  VersionRows version_rows(scripts_.map(), rows);
  RETORT_TRY(apply(*feed, target, version_rows));
  return after_offline_run(target, version_rows.rows());
}

Result<std::vector<MigrationStep>> MigrationRunner::steps_for(const MigrationRequest& request,
                                                              const std::vector<RevIndex>& rows) {
  RETORT_ASSIGN_OR_RETURN(Planner p, planner(rows));
  return request.command == MigrationRequest::Command::kDowngrade ? p.plan_downgrade(request.targets.front())
                                                                  : p.plan_upgrade(request.targets.front());
}

Result<Plan> MigrationRunner::plan(const MigrationRequest& request, const std::vector<RevIndex>& rows) {
  RETORT_ASSIGN_OR_RETURN(auto steps, steps_for(request, rows));
  return Plan::prepare(scripts_, db_, catalogue_, steps);
}

bool MigrationRunner::prepares_while_running(const std::vector<MigrationStep>& steps) const {
  // Offline scripts and checks gain nothing from it; a run that commits as it goes could not take back
  // the steps before a problem. Every file is still checked before anything runs: this run's checks were
  // made, with the same outcome, by the earlier one.
  return db_.online() && db_.transactional_ddl() && !options_.transaction_per_migration && !options_.check_only &&
         scripts_.plan_checked(db_, steps);
}

std::string MigrationRunner::step_line(const MigrationStep& step) const {
  const Revision& r = scripts_.map().at(step.revision);
  // As Alembic writes it: the down_revisions only, never depends_on.
  const std::string lower = join(Names::ids(scripts_.map(), r.down).items, ", ");
  std::string text = step.upgrade ? "Running upgrade " + lower + " -> " + r.id() : "Running downgrade " + r.id() + " -> " + lower;
  return text;
}

Result<std::vector<std::string>> MigrationRunner::stored_rows() {
  RETORT_ASSIGN_OR_RETURN(auto stored, versions_.rows());
  std::sort(stored.begin(), stored.end());
  return stored;
}

std::vector<std::vector<std::string>> MigrationRunner::trajectory(VersionRows rows,
                                                                  const PlanFeed& plan) const {
  std::vector<std::vector<std::string>> after;
  auto sorted_ids = [&]() {
    std::vector<std::string> ids = Names::ids(scripts_.map(), rows.rows()).items;
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  after.push_back(sorted_ids());
  for (size_t i = 0; i < plan.size(); ++i) {
    const MigrationStep& step = plan.step(i);
    (void)(step.upgrade ? rows.upgrade(step.revision) : rows.downgrade(step.revision));
    after.push_back(sorted_ids());
  }
  return after;
}

Result<size_t> MigrationRunner::resume_point(const std::vector<std::vector<std::string>>& planned, size_t next) {
  RETORT_ASSIGN_OR_RETURN(auto stored, stored_rows());
  for (size_t k = next; k < planned.size(); ++k)
    if (planned[k] == stored) return k;
  const std::vector<std::string>& expected = planned[next];
  return Error(versions_.name() + " changed while this run was going on (now: " +
               (stored.empty() ? std::string("<empty>") : join(stored, ", ")) + "; expected: " +
               (expected.empty() ? std::string("<empty>") : join(expected, ", ")) + ")")
      .hint("another retort is migrating this database towards another target; run again once it has finished");
}

bool MigrationRunner::in_transaction(const PlannedStep& step) const {
  // Online, a database that commits DDL as it goes has nothing to roll back: its steps are recorded
  // statement by statement instead, so a stopped run resumes inside the step.
  return step.transactional && (db_.transactional_ddl() || !db_.online());
}

Status MigrationRunner::apply(PlanFeed& plan, StatementTarget& target, VersionRows& rows) {
  // A plan still being prepared may turn out to have problems: its progress lines wait until it stands,
  // so such a plan prints its problems alone, as one prepared in full before the run would.
  if (plan.preparing()) progress_.hold();
  Status applied = apply_steps(plan, target, rows);
  Status whole = plan.finish();
  if (!whole.ok()) {
    // The problems come first, whatever else failed meanwhile; the caller rolls back what ran.
    progress_.discard();
    failed_step_.reset();
    return whole;
  }
  progress_.release();
  return applied;
}

Status MigrationRunner::apply_steps(PlanFeed& plan, StatementTarget& target, VersionRows& rows) {
  // Where DDL commits implicitly, each step's version change is committed with it, so the version table
  // always names the last migration that completed.
  const bool per_step = options_.transaction_per_migration || !db_.transactional_ddl();
  const VersionRows start = rows;
  // Nothing commits, and nothing runs outside a transaction, before the whole plan stands. Then: between
  // two transactions SQLite holds no lock, so another run may apply part of this same plan meanwhile:
  // each new transaction first finds where the version table is on the plan, skips what the other run
  // did, and refuses a table that is off the plan. A revision is never applied twice. Under a session
  // lock nobody else can, and the rows are not read again.
  bool stands = false;
  bool watch = false;
  std::vector<std::vector<std::string>> planned;
  auto whole_plan = [&]() -> Status {
    if (stands) return Status();
    RETORT_TRY(plan.finish());
    stands = true;
    progress_.release();
    bool any_alone = false;
    for (size_t i = 0; i < plan.size(); ++i) any_alone = any_alone || !(*plan.prepared(i))->transactional;
    watch = db_.online() && !session_locked_ && (per_step || any_alone);
    if (watch) planned = trajectory(start, plan);
    return Status();
  };
  auto commit_now = [&]() -> Status {
    RETORT_TRY(whole_plan());
    return commit(target);
  };
  // A step inside the run's transaction, or alone: `transaction = false` closes the one before it, and
  // the steps after it open another (offline scripts say COMMIT and BEGIN around it).
  auto scope_for = [&](const PlannedStep& step) -> Status {
    const bool inside = in_transaction(step);
    if (!inside) RETORT_TRY(whole_plan());
    if (target.open() && !inside) return commit(target);
    if (!target.open() && inside) return target.begin();
    return Status();
  };
  size_t ran = 0;
  ErrorList problems;  // check_only: every problem of every step
  for (size_t i = 0; i < plan.size(); ++i) {
    if (per_step && target.open()) RETORT_TRY(commit_now());
    const bool fresh = !target.open();
    if (fresh) RETORT_TRY(whole_plan());
    RETORT_ASSIGN_OR_RETURN(PlannedStep* step, plan.prepared(i));
    RETORT_TRY(scope_for(*step));
    if (watch && fresh) {
      RETORT_ASSIGN_OR_RETURN(size_t at, skip_done_elsewhere(plan, planned, i, rows));
      if (at == plan.size()) break;
      if (at != i) {
        i = at;
        RETORT_ASSIGN_OR_RETURN(step, plan.prepared(i));
        RETORT_TRY(scope_for(*step));
      }
    }
    const StepClock clock;
    // Offline, a step outside a transaction is written like any other, between COMMIT and BEGIN.
    RETORT_TRY(db_.online() && !in_transaction(*step) ? apply_step_by_statement(*step, target, rows)
                                                      : apply_step(*step, target, rows, problems));
    if (per_step && target.open()) RETORT_TRY(commit_now());
    ++ran;
    // A step counts as done for the report once nothing can roll it back any more.
    uncommitted_.push_back(scripts_.map().id(step->step.revision));
    if (!target.open()) commit_revisions();
    if (output_.verbose && db_.online()) output_.progress << clock.done_line() << std::flush;
  }
  RETORT_TRY(whole_plan());
  if (!problems.empty())
    return problems.combined(std::to_string(problems.errors().size()) + (problems.errors().size() == 1 ? " problem:" : " problems:"));
  report_.after = Names::ids(scripts_.map(), rows.rows()).items;
  report_.steps = ran;
  return Status();
}

Result<size_t> MigrationRunner::skip_done_elsewhere(const PlanFeed& plan, const std::vector<std::vector<std::string>>& planned,
                                                     size_t next, VersionRows& rows) {
  RETORT_ASSIGN_OR_RETURN(size_t at, resume_point(planned, next));
  if (at == next) return next;
  std::vector<std::string> skipped;
  for (size_t i = next; i < at; ++i) {
    const MigrationStep& done = plan.step(i);
    (void)(done.upgrade ? rows.upgrade(done.revision) : rows.downgrade(done.revision));
    skipped.push_back(scripts_.map().id(done.revision));
  }
  if (!output_.quiet) output_.progress << "Another run applied " << join(skipped, ", ") << " meanwhile\n" << std::flush;
  return at;
}

Status MigrationRunner::apply_step(PlannedStep& p, StatementTarget& target, VersionRows& rows, ErrorList& problems) {
  const Revision& rev = scripts_.map().at(p.step.revision);
  HistoryEntry entry = history_entry(p.step.revision, p.step.upgrade ? "upgrade" : "downgrade");
  RETORT_TRY(before_offline_step(target, rows.rows()));
  announce(p, target);
  int done = 0;  // this step's statements that ran
  for (size_t k = 0; k < p.ops.size(); ++k) {
    const PlannedOp& op = p.ops[k];
    const std::string what = p.operation_context(k, rev.id());
    bool needs_live = false;
    auto stmts = db_.render_operation(*op.spec, p.resolved[k], &needs_live);
    if (!stmts.ok() && options_.check_only) {
      // Nothing runs in a check, so every operation is tried and every real problem kept.
      if (!needs_live) problems.add(std::move(stmts).error().at(what));
      continue;
    }
    if (!stmts.ok()) return std::move(stmts).error().at(what);
    for (const auto& s : *stmts) {
      Status st = target.statement(s);
      if (!st.ok()) {
        entry.success = false;
        entry.failed_statement = s;
        // Later statements are rendered only once the earlier ones ran (a SQLite rebuild reads the schema),
        // so the total known is the statements up to the failing one.
        entry.statements_done = done;
        entry.statements_total = entry.statements_done + 1;
        failed_step_ = entry;
        return std::move(st).error().at(what);
      }
      ++done;
    }
  }
  const auto changes = p.step.upgrade ? rows.upgrade(p.step.revision) : rows.downgrade(p.step.revision);
  Status st = target.statements(versions_.change_statements(changes));
  if (!st.ok()) return std::move(st).error().at("updating " + versions_.name() + " for " + rev.id());
  entry.statements_done = entry.statements_total = done;
  return record(entry);
}

Status MigrationRunner::apply_step_by_statement(PlannedStep& p, StatementTarget& target, VersionRows& rows) {
  const Revision& rev = scripts_.map().at(p.step.revision);
  announce(p, target);
  ResumableStep step(db_, history_, target, options_.resume, output_.quiet ? nullptr : &output_.progress);
  return step.run(p, rev, history_entry(p.step.revision, p.step.upgrade ? "upgrade" : "downgrade"),
                  [&]() -> Result<std::vector<std::string>> {
                    const auto changes = p.step.upgrade ? rows.upgrade(p.step.revision) : rows.downgrade(p.step.revision);
                    auto statements = versions_.change_statements(changes);
                    if (!statements.ok()) return std::move(statements).error().at("updating " + versions_.name() + " for " + rev.id());
                    return statements;
                  });
}

void MigrationRunner::announce(const PlannedStep& p, StatementTarget& target) const {
  const std::string line = step_line(p.step);
  if (!output_.quiet) output_.progress << line << ", " << scripts_.map().at(p.step.revision).header.message << "\n" << std::flush;
  target.comment(line);
}

HistoryEntry MigrationRunner::history_entry(RevIndex revision, const std::string& direction) const {
  HistoryEntry e;
  e.revision = scripts_.map().id(revision);
  e.direction = direction;
  e.checksum = scripts_.scripts().checksum(revision);
  e.tag = options_.tag;
  e.started = utc_timestamp();
  return e;
}

Status MigrationRunner::record(HistoryEntry entry) {
  // An offline script writes no history: the times would be the script's, not the run's.
  if (!db_.online()) return Status();
  entry.finished = utc_timestamp();
  // Numbered here, not by the INSERT (SELECT MAX(id) + 1 FROM the table itself): SQLite copies such an
  // INSERT's source into a temporary table first, and on a 10,000-revision upgrade that cost a fifth of
  // the time. Written when the transaction commits (commit()), with the other rows of that transaction.
  return history_.defer_insert(std::move(entry));
}

Status MigrationRunner::record_failure(StatementTarget& target, HistoryEntry entry) {
  RETORT_TRY(target.begin());
  Status st = [&]() -> Status {
    // The run's transaction may have created the table and been rolled back with it.
    RETORT_ASSIGN_OR_RETURN(bool exists, history_.exists());
    if (!exists) RETORT_TRY(target.statements(history_.create_statements()));
    return record(std::move(entry));
  }();
  if (!st.ok()) {
    rollback(target);
    return st;
  }
  return commit(target);
}

Status MigrationRunner::commit(StatementTarget& target) {
  Status st = target.statements(history_.take_deferred());
  if (!st.ok()) {
    rollback(target);
    return std::move(st).error().at("writing " + history_.name());
  }
  return target.commit();
}

void MigrationRunner::rollback(StatementTarget& target) {
  history_.drop_deferred();
  target.rollback();
}

Status MigrationRunner::ensure_tables(StatementTarget& target) {
  RETORT_ASSIGN_OR_RETURN(bool versions, versions_.exists());
  if (!versions) {
    RETORT_ASSIGN_OR_RETURN(auto adoption, alembic_adoption_warning(db_));
    if (adoption) output_.progress << "warning: " << *adoption << "\n" << std::flush;
    RETORT_TRY(target.statements(versions_.create_statements()));
  }
  RETORT_ASSIGN_OR_RETURN(bool history, history_.exists());
  if (!history) RETORT_TRY(target.statements(history_.create_statements()));
  return Status();
}

Status MigrationRunner::before_offline_step(StatementTarget& target, const std::vector<RevIndex>& rows) {
  if (db_.online() || !rows.empty()) return Status();
  return target.statements(versions_.create_statements());
}

Status MigrationRunner::after_offline_run(StatementTarget& target, const std::vector<RevIndex>& rows) {
  if (db_.online() || !rows.empty()) return Status();
  return target.statements(versions_.drop_statements());
}

Result<StampPlan> MigrationRunner::plan_stamp(const MigrationRequest& request, const std::vector<std::string>& ids) {
  // --purge clears rows that may not even be in the revision files, so they are not resolved.
  std::vector<RevIndex> rows;
  if (!request.purge) {
    RETORT_ASSIGN_OR_RETURN(rows, versions_.resolve(scripts_.map(), ids));
  }
  RETORT_ASSIGN_OR_RETURN(Planner p, planner(rows));
  return p.plan_stamp(request.targets, request.purge);
}

Status MigrationRunner::stamp(const MigrationRequest& request, StatementTarget& target,
                              const std::vector<std::string>& ids) {
  RETORT_ASSIGN_OR_RETURN(StampPlan plan, plan_stamp(request, ids));
  std::vector<RevIndex> start;
  if (request.purge) {
    for (const auto& id : ids) RETORT_TRY(target.statements(versions_.delete_statements(id)));
  } else {
    RETORT_ASSIGN_OR_RETURN(start, versions_.resolve(scripts_.map(), ids));
  }
  auto listed = [&](const std::vector<RevIndex>& revs) { return join(Names::ids(scripts_.map(), revs).items, ", "); };
  if (!plan.steps.empty()) RETORT_TRY(before_offline_step(target, start));
  for (const auto& step : plan.steps) {
    std::string line = "Running stamp_revision " + listed(step.from) + " -> " + listed(step.to);
    if (!output_.quiet) output_.progress << line << "\n";
    target.comment(line);
  }
  RETORT_TRY(target.statements(versions_.change_statements(plan.changes)));
  for (const auto& step : plan.steps)
    for (RevIndex r : step.to) RETORT_TRY(record(history_entry(r, "stamp")));
  RETORT_TRY(after_offline_run(target, plan.rows));
  for (const auto& step : plan.steps)
    for (RevIndex r : step.to) uncommitted_.push_back(scripts_.map().id(r));
  report_.after = Names::ids(scripts_.map(), plan.rows).items;
  report_.steps = 0;
  return Status();
}

Result<std::vector<RevIndex>> MigrationRunner::offline_start(const MigrationRequest& request) {
  RETORT_ASSIGN_OR_RETURN(Planner p, planner({}));
  if (!request.from) return request.from_heads ? p.heads(true) : std::vector<RevIndex>{};
  RETORT_ASSIGN_OR_RETURN(std::optional<RevIndex> start, p.revision(*request.from));
  if (!start) return std::vector<RevIndex>{};
  return std::vector<RevIndex>{*start};
}

}  // namespace retort
