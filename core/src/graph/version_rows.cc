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
  return diff(removed, {rev}, r.normalized_down);
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
  return diff(removed, added, r.normalized_down);
}

std::vector<VersionChange> VersionRows::replace(const std::vector<RevIndex>& new_rows) {
  std::vector<RevIndex> removed, added;
  for (RevIndex row : rows_)
    if (std::find(new_rows.begin(), new_rows.end(), row) == new_rows.end()) removed.push_back(row);
  for (RevIndex row : new_rows)
    if (std::find(rows_.begin(), rows_.end(), row) == rows_.end()) added.push_back(row);
  applied_ = map_.ancestors(new_rows);
  return diff(removed, added, {});
}

std::vector<VersionChange> VersionRows::diff(std::vector<RevIndex> removed, std::vector<RevIndex> added,
                                             const std::vector<RevIndex>& order) {
  auto rank = [&](RevIndex r) -> size_t {
    auto it = std::find(order.begin(), order.end(), r);
    return it != order.end() ? static_cast<size_t>(it - order.begin()) : order.size() + map_.topo_position(r);
  };
  auto by_rank = [&](RevIndex a, RevIndex b) { return rank(a) < rank(b); };
  std::sort(removed.begin(), removed.end(), by_rank);
  std::sort(added.begin(), added.end(), by_rank);
  std::vector<VersionChange> changes;
  const bool pair = !removed.empty() && !added.empty();
  for (size_t k = 0; k + (pair ? 1 : 0) < removed.size(); ++k)
    changes.push_back({VersionChange::Kind::kDelete, map_.id(removed[k]), ""});
  for (size_t k = 0; k + (pair ? 1 : 0) < added.size(); ++k)
    changes.push_back({VersionChange::Kind::kInsert, "", map_.id(added[k])});
  if (pair) changes.push_back({VersionChange::Kind::kUpdate, map_.id(removed.back()), map_.id(added.back())});

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
