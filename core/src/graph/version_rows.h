// The rows of a version table, kept as Alembic keeps them: one row per head of what is applied, where a
// revision implied by another row (its ancestor or a depends_on target) is not stored. Each step
// reports the INSERT/UPDATE/DELETE it needs, as Alembic does on branch, merge and unmerge.
#pragma once

#include "graph/revision_map.h"

#include <string>
#include <vector>

namespace retort {

struct VersionChange {
  enum class Kind { kInsert, kUpdate, kDelete };
  Kind kind;
  std::string from;  // for kUpdate and kDelete
  std::string to;    // for kUpdate and kInsert
};

class VersionRows {
 public:
  // `rows` as read from the database (every id must be in the map).
  VersionRows(const RevisionMap& map, const std::vector<RevIndex>& rows);

  const std::vector<RevIndex>& rows() const { return rows_; }

  // Marks `rev` applied (its parents and dependencies must be) and returns the row changes.
  std::vector<VersionChange> upgrade(RevIndex rev);
  // Marks `rev` unapplied (nothing applied may depend on it) and returns the row changes.
  std::vector<VersionChange> downgrade(RevIndex rev);
  // Replaces the rows by `new_rows` and returns the changes (stamp).
  std::vector<VersionChange> replace(const std::vector<RevIndex>& new_rows);

 private:
  // The statements that take `removed` out and put `added` in. As Alembic's HeadMaintainer: the others are
  // deleted or inserted first, then the last of each (in `order`, a step's normalized down revisions) is
  // paired into one UPDATE.
  std::vector<VersionChange> diff(std::vector<RevIndex> removed, std::vector<RevIndex> added,
                                  const std::vector<RevIndex>& order);

  const RevisionMap& map_;
  RevisionSet applied_;
  std::vector<RevIndex> rows_;
};

// The rows that describe an applied set: its members that no other member has as parent or dependency.
std::vector<RevIndex> rows_for(const RevisionMap& map, const RevisionSet& applied);

}  // namespace retort
