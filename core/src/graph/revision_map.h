// The revision graph with Alembic 1.8's semantics: lookups by id, unique prefix or branch label; heads,
// bases, ancestry; and a deterministic topological order. Built once, read-only afterwards.
#pragma once

#include "graph/revision.h"
#include "util/status.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace retort {

// A set of revisions as one flag per revision: O(1) membership, O(n) to build.
using RevisionSet = std::vector<char>;

class RevisionMap {
 public:
  RevisionMap() = default;
  RevisionMap(RevisionMap&&) = default;
  RevisionMap& operator=(RevisionMap&&) = default;
  // The lookup tables point into revs_, so a copy would dangle.
  RevisionMap(const RevisionMap&) = delete;
  RevisionMap& operator=(const RevisionMap&) = delete;

  // Checks and links the revisions: duplicate ids, unknown down_revision/depends_on, a branch label used
  // twice, cycles. Every problem is reported with its file location.
  static Result<RevisionMap> build(std::vector<RevisionHeader> headers);

  size_t size() const { return revs_.size(); }
  const Revision& at(RevIndex i) const { return revs_[i]; }
  const std::string& id(RevIndex i) const { return revs_[i].header.id; }

  std::optional<RevIndex> find(std::string_view id) const;
  std::optional<RevIndex> find_label(std::string_view label) const;
  // An exact id, a branch label, or a unique prefix of at least four characters (Alembic's rule).
  Result<RevIndex> resolve(std::string_view text) const;

  // Revisions with no versioned children (depends_on children do not count), in topological order.
  const std::vector<RevIndex>& heads() const { return heads_; }
  // Heads that nothing depends on either (`heads --resolve-dependencies`).
  std::vector<RevIndex> real_heads() const;
  std::vector<RevIndex> bases() const;

  // Ancestors of `seeds`, including the seeds. With dependencies, depends_on edges count as parents.
  RevisionSet ancestors(const std::vector<RevIndex>& seeds, bool include_dependencies = true) const;
  // Descendants of `seeds`, including the seeds.
  RevisionSet descendants(const std::vector<RevIndex>& seeds, bool include_dependencies = true) const;
  // Everything that shares lineage with `rev` (its ancestors and descendants, versioned edges only):
  // what a branch label selects.
  RevisionSet lineage(RevIndex rev) const;
  // The lowest revision of the branch `rev` is on: walks down while the parent is not a branch point
  // or merge, so "label@base" removes the branch and not the trunk it grew from.
  RevIndex branch_root(RevIndex rev) const;

  // Parents before children; siblings in file order. Position i of topo_position() is i's rank.
  const std::vector<RevIndex>& topological() const { return topo_; }
  uint32_t topo_position(RevIndex i) const { return topo_pos_[i]; }

 private:
  void normalize_dependencies();

  std::vector<Revision> revs_;
  std::unordered_map<std::string_view, RevIndex> by_id_;
  std::unordered_map<std::string_view, RevIndex> by_label_;
  std::vector<std::pair<std::string_view, RevIndex>> sorted_ids_;  // for prefix lookups
  std::vector<RevIndex> heads_;
  std::vector<RevIndex> topo_;
  std::vector<uint32_t> topo_pos_;
};

// The members of a set, in topological order.
std::vector<RevIndex> members(const RevisionMap& map, const RevisionSet& set);

}  // namespace retort
