#include "graph/version_rows.h"

#include <algorithm>

namespace retort {

VersionRows::VersionRows(const RevisionMap& map, const std::vector<RevIndex>& rows)
    : map_(map), applied_(map.ancestors(rows)), rows_(rows) {}

std::vector<VersionChange> VersionRows::upgrade(RevIndex rev) {
  const Revision& r = map_.at(rev);
  std::vector<RevIndex> removed;
  for (RevIndex row : rows_) {
    bool parent = std::find(r.down.begin(), r.down.end(), row) != r.down.end() ||
                  std::find(r.deps.begin(), r.deps.end(), row) != r.deps.end();
    if (parent) removed.push_back(row);
  }
  applied_[rev] = 1;
  return diff(removed, {rev});
}

std::vector<VersionChange> VersionRows::downgrade(RevIndex rev) {
  const Revision& r = map_.at(rev);
  applied_[rev] = 0;
  // A parent becomes a row again unless another applied revision still implies it.
  auto implied = [&](RevIndex p) {
    for (RevIndex c : map_.at(p).next)
      if (applied_[c]) return true;
    for (RevIndex c : map_.at(p).dependents)
      if (applied_[c]) return true;
    return false;
  };
  std::vector<RevIndex> added;
  auto consider = [&](RevIndex p) {
    if (!applied_[p] || implied(p)) return;
    if (std::find(rows_.begin(), rows_.end(), p) != rows_.end()) return;
    if (std::find(added.begin(), added.end(), p) == added.end()) added.push_back(p);
  };
  for (RevIndex p : r.down) consider(p);
  for (RevIndex p : r.deps) consider(p);
  std::vector<RevIndex> removed;
  if (std::find(rows_.begin(), rows_.end(), rev) != rows_.end()) removed.push_back(rev);
  return diff(removed, added);
}

std::vector<VersionChange> VersionRows::replace(const std::vector<RevIndex>& new_rows) {
  std::vector<RevIndex> removed, added;
  for (RevIndex row : rows_)
    if (std::find(new_rows.begin(), new_rows.end(), row) == new_rows.end()) removed.push_back(row);
  for (RevIndex row : new_rows)
    if (std::find(rows_.begin(), rows_.end(), row) == rows_.end()) added.push_back(row);
  applied_ = map_.ancestors(new_rows);
  return diff(removed, added);
}

// Pairs a removed row with an added one as an UPDATE (so a linear step is one UPDATE, as in Alembic);
// the rest become DELETEs (a merge) or INSERTs (a new branch, an unmerge).
std::vector<VersionChange> VersionRows::diff(const std::vector<RevIndex>& removed_in,
                                             const std::vector<RevIndex>& added_in) {
  auto by_topo = [&](RevIndex a, RevIndex b) { return map_.topo_position(a) < map_.topo_position(b); };
  std::vector<RevIndex> removed = removed_in, added = added_in;
  std::sort(removed.begin(), removed.end(), by_topo);
  std::sort(added.begin(), added.end(), by_topo);
  std::vector<VersionChange> changes;
  size_t paired = std::min(removed.size(), added.size());
  for (size_t k = paired; k < removed.size(); ++k)
    changes.push_back({VersionChange::Kind::kDelete, map_.id(removed[k]), ""});
  for (size_t k = 0; k < paired; ++k)
    changes.push_back({VersionChange::Kind::kUpdate, map_.id(removed[k]), map_.id(added[k])});
  for (size_t k = paired; k < added.size(); ++k)
    changes.push_back({VersionChange::Kind::kInsert, "", map_.id(added[k])});

  for (RevIndex row : removed) rows_.erase(std::find(rows_.begin(), rows_.end(), row));
  rows_.insert(rows_.end(), added.begin(), added.end());
  return changes;
}

std::vector<RevIndex> rows_for(const RevisionMap& map, const RevisionSet& applied) {
  std::vector<RevIndex> rows;
  for (RevIndex i : map.topological()) {
    if (!applied[i]) continue;
    bool implied = false;
    for (RevIndex c : map.at(i).next) implied = implied || applied[c];
    for (RevIndex c : map.at(i).dependents) implied = implied || applied[c];
    if (!implied) rows.push_back(i);
  }
  return rows;
}

}  // namespace retort
