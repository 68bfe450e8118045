// What a command does to one database, given its version rows: the steps of an upgrade or downgrade,
// the rows after a stamp, the revisions of a history range, what the database is at. Alembic's
// semantics (revision_traversal) plus retort's documented improvements (DESIGN.md §5):
//   - "downgrade -1" from a revision with several parents undoes exactly that revision;
//   - "downgrade -N" while the database has several heads is refused instead of picking one;
//   - version rows are always minimal.
// A database that follows only some branches sees the graph of those branches alone.
#pragma once

#include "graph/revision_map.h"
#include "graph/revision_traversal.h"
#include "graph/version_rows.h"
#include "util/status.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace retort {

struct MigrationStep {
  RevIndex revision;
  bool upgrade;
};

// One step of a stamp, as Alembic records it: the rows it takes away and the one it leaves.
struct StampStep {
  std::vector<RevIndex> from;
  std::vector<RevIndex> to;
};

struct StampPlan {
  std::vector<StampStep> steps;
  std::vector<VersionChange> changes;  // the row statements, in Alembic's order (with purge: after the purge)
  std::vector<RevIndex> rows;          // the version rows afterwards
};

// The revisions a database following only `labels` sees: every revision sharing lineage with a
// labelled revision, and everything those depend on. An unknown label is an error.
Result<RevisionSet> branch_scope(const RevisionMap& map, const std::vector<std::string>& labels);

class Planner {
 public:
  // `rows`: the database's version rows (indexes of `map`). `scope`: the revisions this database
  // follows; empty means all.
  Planner(const RevisionMap& map, std::vector<RevIndex> rows, const RevisionSet& scope = {});
  Planner(Planner&&) = default;

  Result<std::vector<MigrationStep>> plan_upgrade(const std::string& target) const;
  Result<std::vector<MigrationStep>> plan_downgrade(const std::string& target) const;
  // The steps and the rows after `stamp targets...` (with purge: as if the table were empty).
  Result<StampPlan> plan_stamp(const std::vector<std::string>& targets, bool purge) const;

  // The revisions a name stands for (`show`, offline starting points).
  Result<std::vector<RevIndex>> revisions(const std::string& name) const;
  // Exactly one revision, or none for base (the FROM of an offline FROM:TO script).
  Result<std::optional<RevIndex>> revision(const std::string& name) const;
  // A history range, newest first. An empty end is base (lower) or heads (upper); "current" is the rows.
  Result<std::vector<RevIndex>> history(const std::string& lower, const std::string& upper) const;
  // What the database is at, effective heads (applied only as a dependency) included.
  Result<std::vector<RevIndex>> current() const;
  // The heads within scope: without children (resolve_dependencies), or without versioned children.
  std::vector<RevIndex> heads(bool resolve_dependencies) const;

  // The map plans are made on: the scope's own graph, or the whole one.
  const RevisionMap& map() const { return *map_; }

 private:
  Status rows_ok() const;
  std::vector<RevIndex> to_full(const std::vector<RevIndex>& revs) const;
  std::vector<MigrationStep> steps(const std::vector<RevIndex>& order, bool upgrade) const;
  Names row_names() const;
  // DESIGN.md §5: the step a relative downgrade stops at when it is the revision with several parents.
  Result<std::optional<RevIndex>> unmerge_stop(const std::string& target) const;
  std::string alternatives(const std::vector<RevIndex>& choices, const std::string& steps_text) const;

  std::unique_ptr<RevisionMap> scoped_;  // when the scope leaves revisions out
  const RevisionMap* map_;
  std::vector<RevIndex> original_;  // scoped index -> full index
  std::vector<RevIndex> rows_;      // in map_'s indexes
  std::vector<std::string> outside_;  // rows that are not in scope
};

}  // namespace retort
