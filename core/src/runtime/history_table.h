// The history table of one database (DESIGN.md §6): append-only, one row per step run, stamp and repair,
// kept beside the version table (`history_table`, default retort_history). It is created with the
// create_table operation and written with plain INSERTs, so every dialect spells it.
#pragma once

#include "ops/op_catalogue.h"
#include "runtime/database.h"
#include "util/status.h"

#include <string>
#include <vector>

namespace retort {

struct HistoryEntry {
  std::string revision;
  std::string direction;  // "upgrade", "downgrade", "stamp", "repair"
  std::string checksum;   // "" when not known (a revision applied before the table existed)
  std::string tag;
  std::string started;    // ISO 8601 UTC, "2026-12-02T15:57:45Z"
  std::string finished;
  bool success = true;
  std::string failed_statement;
  std::string error;
  int statements_done = 0;
  int statements_total = 0;
};

class HistoryTable {
 public:
  HistoryTable(Database& db, const OpCatalogue& catalogue) : db_(db), catalogue_(catalogue) {}

  std::string name() const;
  Result<bool> exists();
  Result<std::vector<std::string>> create_statements();
  Result<std::vector<std::string>> insert_statements(const HistoryEntry& entry);
  // Every row, oldest first; none when the table does not exist.
  Result<std::vector<HistoryEntry>> read();

 private:
  Result<std::string> qualified();

  Database& db_;
  const OpCatalogue& catalogue_;
};

// Now, as the history table writes times.
std::string utc_timestamp();

}  // namespace retort
