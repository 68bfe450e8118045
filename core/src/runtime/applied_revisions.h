// What a database has applied, as its own tables say: the version rows, the history rows, and from them
// which revisions are applied (the rows, their ancestors and what they depend on) and the last recorded
// event of each. What validate, repair and `history -v` read; a run reads the same inside its lock.
#pragma once

#include "graph/revision_map.h"
#include "ops/op_catalogue.h"
#include "runtime/database.h"
#include "runtime/history_table.h"
#include "util/status.h"

#include <initializer_list>
#include <string>
#include <unordered_map>
#include <vector>

namespace retort {

struct AppliedRevisions {
  std::vector<std::string> version_ids;  // the version rows as stored
  std::vector<HistoryEntry> history;     // oldest first; none before the history table exists
};

// Reads the version and history tables of a live database; either may not exist yet.
Result<AppliedRevisions> read_applied(Database& db, const OpCatalogue& catalogue);

// The revisions of `map` that version rows `ids` make applied: each row, its ancestors and what they
// depend on. Rows naming no revision of `map` are left out (unknown_rows names them).
RevisionSet applied_set(const RevisionMap& map, const std::vector<std::string>& ids);
// The rows among `ids` that name no revision of `map`: applied revisions whose file is missing.
std::vector<std::string> unknown_rows(const RevisionMap& map, const std::vector<std::string>& ids);

// The newest successful row of each revision in a history whose direction is one of `directions`, found in
// one pass: asking for every applied revision of a 10,000-revision tree scans the history once, not 10,000
// times.
class LatestEntries {
 public:
  LatestEntries(const std::vector<HistoryEntry>& history, std::initializer_list<const char*> directions);
  // Null when `revision` has no such row.
  const HistoryEntry* find(const std::string& revision) const;

 private:
  std::unordered_map<std::string, HistoryEntry> latest_;
};

}  // namespace retort
