// The history table of one database (DESIGN.md §6): append-only, one row per step run, stamp and repair,
// kept beside the version table (`history_table`, default retort_history). It is created with the
// create_table operation and written with plain INSERTs, so every dialect spells it.
#pragma once

#include "ops/op_catalogue.h"
#include "runtime/database.h"
#include "util/status.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace retort {

// Where a step run statement by statement stands: the next statement to run is statement `statement`
// (from 0) of operation `operation` (from 0). Operations are rendered only when reached (MySQL restates a
// column from the live one), so a position names the operation, not a count of statements.
struct StatementPosition {
  int operation = 0;
  int statement = 0;
};

// The checksum each revision's newest successful upgrade, stamp or repair row recorded ("" when that row
// has none): what its file is validated against.
using RecordedChecksums = std::unordered_map<std::string, std::string>;

struct HistoryEntry {
  long id = 0;  // 0 until it is stored
  std::string revision;
  std::string direction;  // "upgrade", "downgrade", "stamp", "repair"
  std::string checksum;   // "" when not known (a revision applied before the table existed)
  std::string tag;
  std::string started;    // ISO 8601 UTC, "2026-12-02T15:57:45Z"
  std::string finished;   // "" while the step runs, and for ever when it was killed
  bool success = true;
  std::string failed_statement;
  std::string error;
  int statements_done = 0;
  int statements_total = 0;
  // Steps run statement by statement (MySQL, `transaction = false`) keep where they are.
  std::optional<StatementPosition> position;
  // While a schema change runs whose effect its operation does not show (an `execute`), the live schema's
  // fingerprint before it: a rerun after a kill compares it with the schema then.
  std::string schema_before;
  // Instead of `schema_before`: a query whose value the row stores (the dialect's fingerprint query), so
  // the record written just before such a statement takes the fingerprint in the same round trip.
  std::string schema_before_query;

  // A row that says a step is part done: a statement-by-statement run that failed or was killed.
  bool unfinished_step() const { return !success && position && (direction == "upgrade" || direction == "downgrade"); }
};

class HistoryTable {
 public:
  HistoryTable(Database& db, const OpCatalogue& catalogue) : db_(db), catalogue_(catalogue) {}

  std::string name() const;
  Result<bool> exists();
  // The table's CREATE, after a fleet member's CREATE SCHEMA (runtime/member_schema.h).
  Result<std::vector<std::string>> create_statements();
  // Appends `entry`, numbered after the last row (or `entry.id` when it has one).
  Result<std::vector<std::string>> insert_statements(const HistoryEntry& entry);
  // Rows that belong to the open transaction but can wait for its end, where they go several to an INSERT
  // (a 10,000-revision upgrade wrote 10,000 INSERTs of one row). Numbered now, like insert_statements().
  Status defer_insert(HistoryEntry entry);
  // The INSERTs of the deferred rows, which are then forgotten: for the transaction's end, before COMMIT.
  Result<std::vector<std::string>> take_deferred();
  // Forgets the deferred rows: their transaction was rolled back.
  void drop_deferred() { deferred_.clear(); }
  // Rewrites the stored row `entry.id` with `entry`'s times, outcome and progress: only a step that runs
  // statement by statement changes its own row, as it goes.
  Result<std::vector<std::string>> update_statements(const HistoryEntry& entry);
  // The id the next row gets (runs are serialised, so it is still free when the row is written). Read
  // once, then counted on from the rows this table numbers itself: the run holds the lock throughout.
  Result<long> next_id();
  // Every row, oldest first; none when the table does not exist.
  Result<std::vector<HistoryEntry>> read();
  // What validation compares files with, read as two columns of the rows that matter instead of every
  // row in full (a run validates before every deploy); empty when the table does not exist.
  Result<RecordedChecksums> recorded_checksums();
  // The newest row of `revision`, if any (of a table known to exist).
  Result<std::optional<HistoryEntry>> latest(const std::string& revision);
  // The newest row of `revision` when it is an unfinished step (a run to resume), else none. The rows
  // that could be one are read once per run instead of once per step; a revision this table has written
  // a row for since is asked for again.
  Result<std::optional<HistoryEntry>> unfinished_step(const std::string& revision);

 private:
  Result<std::vector<std::string>> create_table_statements();
  Result<std::string> qualified();
  Result<std::vector<HistoryEntry>> select(const std::string& where);
  // A text cell: NULL for "", else the dialect's literal.
  Result<std::string> literal(const std::string& text);
  // `entry`'s cells in the order of the table's columns after id, as SQL literals.
  Result<std::vector<std::string>> values(const HistoryEntry& entry);

  Database& db_;
  const OpCatalogue& catalogue_;
  long next_id_ = 0;  // 0: not known (not read yet, or a row was numbered by the database)
  std::optional<std::unordered_map<std::string, HistoryEntry>> unfinished_;  // newest failed row per revision
  std::unordered_set<std::string> written_;  // revisions this table has added a row for
  std::vector<HistoryEntry> deferred_;        // numbered rows not written yet (defer_insert)
};

// Now, as the history table writes times.
std::string utc_timestamp();

}  // namespace retort
