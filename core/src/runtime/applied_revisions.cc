#include "runtime/applied_revisions.h"

#include "runtime/version_table.h"

namespace retort {

Result<AppliedRevisions> read_applied(Database& db, const OpCatalogue& catalogue) {
  AppliedRevisions out;
  RETORT_ASSIGN_OR_RETURN(out.version_ids, VersionTable(db).read());
  RETORT_ASSIGN_OR_RETURN(out.history, HistoryTable(db, catalogue).read());
  return out;
}

RevisionSet applied_set(const RevisionMap& map, const std::vector<std::string>& ids) {
  std::vector<RevIndex> rows;
  for (const auto& id : ids)
    if (auto rev = map.find(id)) rows.push_back(*rev);
  return map.ancestors(rows, true);
}

std::vector<std::string> unknown_rows(const RevisionMap& map, const std::vector<std::string>& ids) {
  std::vector<std::string> unknown;
  for (const auto& id : ids)
    if (!map.find(id)) unknown.push_back(id);
  return unknown;
}

LatestEntries::LatestEntries(const std::vector<HistoryEntry>& history, std::initializer_list<const char*> directions) {
  for (const auto& e : history) {
    if (!e.success) continue;
    for (const char* d : directions) {
      if (e.direction != d) continue;
      latest_[e.revision] = e;
      break;
    }
  }
}

const HistoryEntry* LatestEntries::find(const std::string& revision) const {
  auto it = latest_.find(revision);
  return it == latest_.end() ? nullptr : &it->second;
}

}  // namespace retort
