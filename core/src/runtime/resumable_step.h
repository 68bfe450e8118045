// One step run statement by statement outside any transaction: every step on a database that commits DDL
// as it goes (MySQL), and a revision that says `transaction = false`. Its history row records each
// statement as it completes (a data change in the same transaction as its record, so it runs exactly
// once), so a run that failed or was killed inside the step goes on at the first statement not recorded
// (DESIGN.md §6).
#pragma once

#include "graph/revision.h"
#include "runtime/database.h"
#include "runtime/history_table.h"
#include "runtime/run_plan.h"
#include "runtime/statement_target.h"

#include <functional>
#include <iosfwd>

namespace retort {

// What a rerun does with the one schema change a killed run may or may not have completed, where the
// live schema does not tell (`--resume`).
enum class UncertainStatement {
  kAsk,    // stop and say which statement to check
  kSkip,   // it completed: go on after it
  kRerun,  // it did not: run it again
};

class ResumableStep {
 public:
  // Statements run through `target` (which echoes them with -v); notes about resuming go to `notes`.
  ResumableStep(Database& db, HistoryTable& history, StatementTarget& target, UncertainStatement uncertain,
                std::ostream* notes)
      : db_(db), history_(history), target_(target), uncertain_(uncertain), notes_(notes) {}

  // Runs `step` of `revision` from where its last failed or killed run stopped (from its start when
  // none did). `entry` is the step's history row as a fresh run starts it. `version_change` gives the
  // version-table statements, committed together with the row that says the step succeeded.
  Status run(const PlannedStep& step, const Revision& revision, HistoryEntry entry,
             const std::function<Result<std::vector<std::string>>()>& version_change);

 private:
  // Where this step starts: after what an earlier run of it recorded. `*killed` says that run ended
  // without recording its end, so its next statement may have completed unrecorded.
  Result<StatementPosition> start(HistoryEntry& entry, const PlannedStep& step, const Revision& revision,
                                  bool* killed);
  // Whether schema change `sql`, the first one a killed run had not recorded, needs to run: read from the
  // live schema by operation `op` when `shown_by_operation`, else by the fingerprint taken before it.
  Result<bool> needs_run(const PlannedStep& step, size_t op, bool shown_by_operation, const std::string& sql,
                         const std::string& context);
  // Runs `sql` and records it done in `entry`: a `data` change and its record as one unit (all or nothing),
  // a schema change and then its record.
  Status run_statement(const std::string& sql, bool data, HistoryEntry& entry, StatementPosition next,
                       bool fingerprint_next);
  // `entry` with the statement before `next` done; the row takes the schema's fingerprint as it is written
  // when `fingerprint_next` (the statement at `next` wants it).
  HistoryEntry moved_on(HistoryEntry entry, StatementPosition next, bool fingerprint_next) const;
  // Records the statement before `next` as done.
  Status advance(HistoryEntry& entry, StatementPosition next, bool fingerprint_next);
  // Whether a rerun after a kill can only judge statement `j` of `statements` (operation `op`'s) by the
  // schema's fingerprint taken before it: a schema change whose effect its operation does not show.
  static bool judged_by_fingerprint(const PlannedStep& step, size_t op, const std::vector<std::string>& statements,
                                    size_t j);
  // Whether the statement at `next` is judged so, where the record before it can take the fingerprint:
  // told by `statements` when `next` is in operation `op`, else by later operations previewed (rendered
  // live, they might read a schema the statements before them have not changed yet).
  bool wants_fingerprint(const PlannedStep& step, StatementPosition next, size_t op,
                         const std::vector<std::string>* statements);
  // Records the failure of `sql` ("" when rendering failed) in `entry`'s row, with no transaction open.
  Error failed(Error error, const std::string& sql, HistoryEntry& entry, const std::string& revision_id);
  // Before a schema change whose effect its operation does not show, where the record before it did not
  // take the fingerprint (the dialect has no fingerprint query, or a preview misjudged): taken and stored.
  Status remember_schema(HistoryEntry& entry);
  Status save(const HistoryEntry& entry);
  void note(const std::string& line);

  Database& db_;
  HistoryTable& history_;
  StatementTarget& target_;
  UncertainStatement uncertain_;
  std::ostream* notes_;
  std::string schema_before_;  // the stopped run's fingerprint of the schema before its last statement
};

}  // namespace retort
