// Turns a TARGET and a database's current version rows into an ordered list of migration steps, with
// Alembic's meaning of every target form. Ambiguous relative steps are refused with the targets that
// would be unambiguous.
#pragma once

#include "graph/revision_map.h"
#include "graph/target.h"
#include "util/status.h"

#include <optional>
#include <vector>

namespace retort {

struct MigrationStep {
  RevIndex revision;
  bool upgrade;
};

// The revisions a database following only `labels` sees: every revision sharing lineage with a
// labelled revision, and everything those depend on. An unknown label is an error.
Result<RevisionSet> branch_scope(const RevisionMap& map, const std::vector<std::string>& labels);

class Planner {
 public:
  // `rows`: the database's version rows. `scope`: the revisions this database follows (issue: branches
  // per database); empty means all.
  Planner(const RevisionMap& map, std::vector<RevIndex> rows, RevisionSet scope = {});

  // The revisions an upgrade to `target` must reach (empty for base).
  Result<std::vector<RevIndex>> upgrade_destination(const Target& target) const;
  // What a downgrade to `target` unapplies.
  Result<RevisionSet> downgrade_removal(const Target& target) const;

  Result<std::vector<MigrationStep>> plan_upgrade(const Target& target) const;
  Result<std::vector<MigrationStep>> plan_downgrade(const Target& target) const;
  // The rows after `stamp target` (with purge: ignoring the current rows).
  Result<std::vector<RevIndex>> stamp_rows(const Target& target, bool purge) const;

  // The revisions a target names, walking relative steps either way; empty for base. For history
  // ranges and `show`.
  Result<std::vector<RevIndex>> point(const Target& target) const;

  // Heads within scope (and within a label's lineage when given).
  Result<std::vector<RevIndex>> heads(const std::string& label) const;

  // `set` in an order that respects parents and depends_on: parents first for upgrades, children first
  // for downgrades. Deterministic; one branch is finished before the next starts.
  std::vector<RevIndex> dependency_order(const RevisionSet& set, bool parents_first) const;

 private:
  struct WalkEnd {
    std::optional<RevIndex> rev;  // where the walk stopped; empty when it stepped below `root`
    RevIndex root = 0;            // with rev empty: the lowest revision the walk removed (a base or a merge)
  };

  Result<RevisionSet> label_lineage(const Target& target) const;
  Result<std::vector<RevIndex>> anchor(const Target& target, const RevisionSet& within) const;
  // `merge_last_step`: a final step down from a merge ends below it (downgrades) instead of failing.
  Result<WalkEnd> walk(const Target& target, std::optional<RevIndex> start, int steps, const RevisionSet& within,
                       bool merge_last_step = false) const;
  Result<std::optional<RevIndex>> current_in(const Target& target, const RevisionSet& within) const;
  std::string alternatives(const std::vector<RevIndex>& choices, int remaining, char sign) const;

  const RevisionMap& map_;
  std::vector<RevIndex> rows_;
  RevisionSet scope_;
  bool scoped_ = false;  // the scope leaves some revisions out
  RevisionSet applied_;
};

}  // namespace retort
