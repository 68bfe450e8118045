// Which revisions lie between two ends of the graph, and in what order, exactly as Alembic 1.8 decides it
// (its iterate_revisions): for an upgrade, everything the upper end needs that the lower end lacks; for a
// downgrade, everything the current revisions have applied above the target, together with what depends
// on it; for history, the revisions of a range. retort's deliberate differences from Alembic are not
// made here but in migration_plan, so this file can be checked against Alembic's own test cases.
#pragma once

#include "graph/revision_query.h"

#include <optional>
#include <string>
#include <vector>

namespace retort {

class RevisionTraversal {
 public:
  // Decides the wording of an error about ends that do not form a range.
  enum class Purpose { kUpgrade, kDowngrade, kHistory };

  struct Options {
    bool implicit_base = false;           // upgrade: also what other branches need; downgrade: wind them back
    bool inclusive = false;               // include the lower end itself
    bool assert_relative_length = true;   // a relative end that runs off the graph is an error
  };

  explicit RevisionTraversal(const RevisionMap& map) : query_(map), map_(map) {}
  const RevisionQuery& query() const { return query_; }

  // Revisions from `upper` down to `lower` in Alembic's order: each after every revision above it that
  // is also listed, one branch finished before the next. Reverse it to apply upgrades.
  Result<std::vector<RevIndex>> iterate(const Names& upper, const Names& lower, const Options& options,
                                        bool select_for_downgrade, Purpose purpose) const;

  // The pieces of iterate, kept apart as Alembic has them.
  struct Collected {
    RevisionSet revisions;
    std::vector<RevIndex> heads;  // where the topological sort starts
  };
  Result<Collected> collect_upgrade(const Names& upper, const Names& lower, const Options& options,
                                    Purpose purpose) const;
  Result<Collected> collect_downgrade(const Names& upper, const Names& target, const Options& options,
                                      Purpose purpose) const;
  // The members of `revisions` below `heads`, children first; a member no head reaches is left out.
  std::vector<RevIndex> topological_sort(const RevisionSet& revisions, const std::vector<RevIndex>& heads) const;

  // What an upgrade target names, relative steps counted from `current` (the lower end).
  Result<RevisionRefs> parse_upgrade_target(const Names& current, const Names& target,
                                            bool assert_relative_length) const;
  // What a downgrade target names and the branch it is restricted to. The branch is the label written
  // before '@' or, for "-N" without one, the current revision the steps count from.
  struct DowngradeTarget {
    std::optional<std::string> branch;
    RevisionRef target;
  };
  Result<DowngradeTarget> parse_downgrade_target(const Names& current, const std::optional<std::string>& target,
                                                 bool assert_relative_length) const;
  // Where "-N" or "LABEL@-N" starts counting: the current revision on that branch (what
  // parse_downgrade_target walks down from).
  Result<DowngradeTarget> relative_downgrade_start(const Names& current, const std::optional<std::string>& branch,
                                                   const std::string& steps_text) const;

 private:
  Error not_a_range(Purpose purpose, const Names& lower, const Names& upper) const;
  std::string shown(const Names& names) const;

  RevisionQuery query_;
  const RevisionMap& map_;
};

}  // namespace retort
