#include "runtime/resumable_step.h"

#include "runtime/statement_kind.h"
#include "schema/operation_effect.h"
#include "util/strings.h"

#include <ostream>

namespace retort {
namespace {

std::string ordinal_statement(int n) { return "statement " + std::to_string(n); }

}  // namespace

void ResumableStep::note(const std::string& line) {
  if (notes_) *notes_ << "  " << line << "\n" << std::flush;
}

Status ResumableStep::save(const HistoryEntry& entry) { return db_.execute_each(history_.update_statements(entry)); }

HistoryEntry ResumableStep::moved_on(HistoryEntry entry, StatementPosition next, bool fingerprint_next) const {
  ++entry.statements_done;
  entry.position = next;
  entry.schema_before.clear();
  entry.schema_before_query = fingerprint_next ? db_.fingerprint_query() : std::string();
  return entry;
}

Status ResumableStep::advance(HistoryEntry& entry, StatementPosition next, bool fingerprint_next) {
  entry = moved_on(std::move(entry), next, fingerprint_next);
  return save(entry);
}

bool ResumableStep::judged_by_fingerprint(const PlannedStep& step, size_t op, const std::vector<std::string>& statements,
                                          size_t j) {
  return classify_statement(statements[j]) != StatementKind::kDataChange &&
         !(statements.size() == 1 && effect_readable(step.ops[op].name, step.resolved[op]));
}

bool ResumableStep::wants_fingerprint(const PlannedStep& step, StatementPosition next, size_t op,
                                      const std::vector<std::string>* statements) {
  size_t j = static_cast<size_t>(next.statement);
  for (size_t k = static_cast<size_t>(next.operation); k < step.ops.size(); ++k, j = 0) {
    std::vector<std::string> preview;
    const std::vector<std::string>* list = k == op ? statements : nullptr;
    if (!list) {
      auto previewed = db_.preview_operation(*step.ops[k].spec, step.resolved[k]);
      // Not told offline: taken anyway, which costs the server a little and no round trip.
      if (!previewed.ok()) return true;
      preview = std::move(*previewed);
      list = &preview;
    }
    // Asked only now, the query costs its one trial run only to a run that needs it.
    if (j < list->size()) return judged_by_fingerprint(step, k, *list, j) && !db_.fingerprint_query().empty();
    // An operation with no statements for this dialect: the next one's first statement is the next.
  }
  return false;  // the version change comes next
}

Result<StatementPosition> ResumableStep::start(HistoryEntry& entry, const PlannedStep& step, const Revision& revision,
                                               bool* killed) {
  *killed = false;
  RETORT_ASSIGN_OR_RETURN(auto previous, history_.unfinished_step(entry.revision));
  StatementPosition at;
  if (previous && previous->direction == entry.direction) {
    at = *previous->position;
    *killed = previous->finished.empty();
    schema_before_ = previous->schema_before;
    entry.statements_done = previous->statements_done;
    if (at.operation > 0 || at.statement > 0) {
      note("resuming " + revision.id() + " at " + ordinal_statement(previous->statements_done + 1) + ": a run that " +
           (*killed ? "was stopped" : "failed") + " had completed the statements before it (history row " +
           std::to_string(previous->id) + ")");
      if (!previous->checksum.empty() && previous->checksum != entry.checksum)
        note(revision.header.path + " changed since; its operations before operation " +
             std::to_string(at.operation + 1) + " are taken as done");
    }
  }
  entry.position = at;
  entry.success = false;
  entry.statements_total = entry.statements_done;
  RETORT_ASSIGN_OR_RETURN(entry.id, history_.next_id());
  if (wants_fingerprint(step, at, step.ops.size(), nullptr)) entry.schema_before_query = db_.fingerprint_query();
  RETORT_TRY(db_.execute_each(history_.insert_statements(entry)));
  return at;
}

Result<bool> ResumableStep::needs_run(const PlannedStep& step, size_t op, bool shown_by_operation,
                                      const std::string& sql, const std::string& context) {
  if (uncertain_ == UncertainStatement::kSkip) {
    note("--resume skip: counting as completed: " + one_line(sql));
    return false;
  }
  if (uncertain_ == UncertainStatement::kRerun) {
    note("--resume rerun: running again: " + one_line(sql));
    return true;
  }
  OperationEffect effect;
  if (shown_by_operation) {
    effect = operation_effect(db_, step.ops[op].name, step.resolved[op]);
  } else if (!schema_before_.empty()) {
    const std::string now = schema_fingerprint_like(db_, schema_before_);
    if (now.empty()) {
      effect.evidence = "the schema could not be read back the way the stopped run read it";
    } else {
      effect.state = now == schema_before_ ? OperationEffect::State::kNotApplied : OperationEffect::State::kApplied;
      effect.evidence = now == schema_before_ ? "the schema is as it was before the statement started"
                                              : "the schema changed after the statement started";
    }
  } else if (db_.can_inspect() || !db_.fingerprint_query().empty()) {
    // A run records the fingerprint before such a statement starts: without one, it never started.
    effect.state = OperationEffect::State::kNotApplied;
    effect.evidence = "it had not started";
  } else {
    effect.evidence = "the " + db_.dialect_name() + " dialect cannot read the schema back";
  }
  switch (effect.state) {
    case OperationEffect::State::kApplied:
      note("the stopped run had completed " + one_line(sql) + " (" + effect.evidence + "): going on after it");
      return false;
    case OperationEffect::State::kNotApplied:
      note("the stopped run had not completed " + one_line(sql) + " (" + effect.evidence + "): running it");
      return true;
    case OperationEffect::State::kUnknown:
      break;
  }
  return Error("a run stopped while this statement ran, and it may or may not have completed: " + one_line(sql))
      .at(context)
      .hint("retort cannot tell from the live schema (" + effect.evidence +
            "). Check whether it took effect, then run the same command again with --resume skip if it did, or "
            "--resume rerun if it did not");
}

Status ResumableStep::remember_schema(HistoryEntry& entry) {
  entry.schema_before = schema_fingerprint(db_);
  return entry.schema_before.empty() ? Status() : save(entry);
}

Status ResumableStep::run_statement(const std::string& sql, bool data, HistoryEntry& entry, StatementPosition next,
                                    bool fingerprint_next) {
  if (data) {
    // The change and its record form one unit (on MariaDB one statement to the server, so recording costs
    // no round trip of its own); `entry` moves on only once both took effect.
    HistoryEntry done = moved_on(entry, next, fingerprint_next);
    auto record = history_.update_statements(done);
    if (!record.ok()) return std::move(record).error().at("recording progress in " + history_.name());
    RETORT_TRY(target_.atomically({sql}, *record));
    entry = std::move(done);
    return Status();
  }
  RETORT_TRY(target_.statement(sql));
  Status st = advance(entry, next, fingerprint_next);
  if (!st.ok()) return std::move(st).error().at("recording progress in " + history_.name());
  return st;
}

Error ResumableStep::failed(Error error, const std::string& sql, HistoryEntry& entry, const std::string& revision_id) {
  entry.finished = utc_timestamp();
  entry.failed_statement = sql;
  entry.error = error.message();
  entry.schema_before.clear();
  entry.schema_before_query.clear();
  if (!sql.empty() && entry.statements_total <= entry.statements_done) entry.statements_total = entry.statements_done + 1;
  Status recorded = save(entry);
  if (!recorded.ok()) note("warning: the failure could not be recorded in " + history_.name() + ": " + recorded.error().to_string());
  return std::move(error.default_hint(
      revision_id + " stopped at " + ordinal_statement(entry.statements_done + 1) + "; the " +
      std::to_string(entry.statements_done) + " before it stay applied and are recorded in " + history_.name() +
      ". Fix the failing statement (or the revision), then run again: it goes on from there"));
}

Status ResumableStep::run(const PlannedStep& step, const Revision& revision, HistoryEntry entry,
                          const std::function<Result<std::vector<std::string>>()>& version_change) {
  bool killed = false;
  RETORT_ASSIGN_OR_RETURN(StatementPosition at, start(entry, step, revision, &killed));
  if (static_cast<size_t>(at.operation) > step.ops.size())
    return Error(revision.header.path + " has " + std::to_string(step.ops.size()) +
                 " operations now, and an earlier run stopped after operation " + std::to_string(at.operation))
        .hint("restore the revision as it was when that run stopped, or finish it by hand and `retort stamp` it");
  bool first = true;  // the first statement this run reaches: the one a killed run may have completed
  for (size_t k = static_cast<size_t>(at.operation); k < step.ops.size(); ++k) {
    const std::string context = step.operation_context(k, revision.id());
    auto rendered = db_.render_operation(*step.ops[k].spec, step.resolved[k]);
    if (!rendered.ok()) return failed(std::move(rendered).error().at(context), "", entry, revision.id());
    const std::vector<std::string>& statements = *rendered;
    const size_t from = k == static_cast<size_t>(at.operation) ? static_cast<size_t>(at.statement) : 0;
    if (from > statements.size())
      return Error(context + " is " + std::to_string(statements.size()) + " statements now, and an earlier run stopped after " +
                   std::to_string(from) + " of them")
          .hint("restore the revision as it was when that run stopped, or finish it by hand and `retort stamp` it");
    entry.statements_total += static_cast<int>(statements.size() - from);
    for (size_t j = from; j < statements.size(); ++j) {
      const std::string& sql = statements[j];
      const StatementPosition next = j + 1 == statements.size() ? StatementPosition{static_cast<int>(k) + 1, 0}
                                                                : StatementPosition{static_cast<int>(k), static_cast<int>(j) + 1};
      // A data change commits with its record, so unrecorded means rolled back; a schema change commits on
      // its own, and the one a killed run was in may have completed.
      const bool data = classify_statement(sql) == StatementKind::kDataChange;
      const bool shown = statements.size() == 1 && effect_readable(step.ops[k].name, step.resolved[k]);
      const bool uncertain = killed && first && !data;
      first = false;
      // The record that says this statement is done takes the fingerprint the next one may need.
      const bool fingerprint_next = wants_fingerprint(step, next, k, &statements);
      if (uncertain) {
        RETORT_ASSIGN_OR_RETURN(bool run, needs_run(step, k, shown, sql, context));
        if (!run) {
          RETORT_TRY(advance(entry, next, fingerprint_next));
          continue;
        }
      }
      // Where the operation does not show whether it ran, a rerun after a kill compares the schema instead:
      // taken by the record before it where the dialect has a fingerprint query, else now.
      if (!data && !shown && entry.schema_before_query.empty()) RETORT_TRY(remember_schema(entry));
      Status st = run_statement(sql, data, entry, next, fingerprint_next);
      if (!st.ok()) return failed(std::move(st).error().at(context), sql, entry, revision.id());
    }
  }
  // The version rows and the row that says so change together.
  RETORT_ASSIGN_OR_RETURN(auto change, version_change());
  entry.success = true;
  entry.finished = utc_timestamp();
  entry.schema_before_query.clear();
  entry.statements_total = entry.statements_done;
  RETORT_ASSIGN_OR_RETURN(auto record, history_.update_statements(entry));
  return target_.atomically(change, record);
}

}  // namespace retort
