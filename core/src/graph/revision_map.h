// The revision graph as Alembic 1.8 builds it: revisions linked by down_revision and depends_on, branch
// labels spread along their branch, heads and bases, ancestry. Built once, read-only afterwards; what a
// symbol such as "heads" or "core@-1" names is revision_query's job.
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

  // Checks and links the revisions: names, duplicate ids, unknown down_revision/depends_on, a branch label
  // used twice, cycles. Every problem is reported with its file location. The order of `headers` is the
  // file order, which decides ties between sibling branches wherever Alembic uses its load order.
  static Result<RevisionMap> build(std::vector<RevisionHeader> headers);
  // The graph of the revisions in `keep` alone (a database that follows some branches); `keep` must hold
  // every parent and dependency of its members. `original[i]` is this map's index of the subset's i.
  RevisionMap subset(const RevisionSet& keep, std::vector<RevIndex>& original) const;

  size_t size() const { return revs_.size(); }
  const Revision& at(RevIndex i) const { return revs_[i]; }
  const std::string& id(RevIndex i) const { return revs_[i].header.id; }

  std::optional<RevIndex> find(std::string_view id) const;
  std::optional<RevIndex> find_label(std::string_view label) const;
  // A revision id or, failing that, a branch label: Alembic keeps both in one table of names.
  std::optional<RevIndex> find_name(std::string_view name) const;
  // The names (ids, then labels) that start with `prefix`, in file order. As in Alembic, only names
  // longer than three characters take part, whatever the length of the prefix.
  std::vector<std::string_view> names_with_prefix(std::string_view prefix) const;

  // Revisions without versioned children, in file order (Alembic's heads).
  const std::vector<RevIndex>& heads() const { return heads_; }
  // Revisions without children of any kind (Alembic's _real_heads, what "heads" upgrades to).
  const std::vector<RevIndex>& real_heads() const { return real_heads_; }
  // Revisions without down_revision, in file order.
  const std::vector<RevIndex>& bases() const { return bases_; }

  // Ancestors of `seeds`, including the seeds. With dependencies, depends_on edges count as parents.
  RevisionSet ancestors(const std::vector<RevIndex>& seeds, bool include_dependencies = true) const;
  // Descendants of `seeds`, including the seeds.
  RevisionSet descendants(const std::vector<RevIndex>& seeds, bool include_dependencies = true) const;
  // The revisions that share lineage with one of `revs`: their ancestors and descendants.
  RevisionSet lineage(const std::vector<RevIndex>& revs, bool include_dependencies = false) const;

  // Parents and dependencies before children; siblings in file order.
  const std::vector<RevIndex>& topological() const { return topo_; }
  uint32_t topo_position(RevIndex i) const { return topo_pos_[i]; }

 private:
  Status link(ErrorList& errors);
  Status sort_topologically();
  void normalize_dependencies();
  void spread_branch_labels();

  std::vector<Revision> revs_;
  std::unordered_map<std::string_view, RevIndex> by_id_;
  std::unordered_map<std::string_view, RevIndex> by_label_;
  std::vector<RevIndex> heads_, real_heads_, bases_;
  std::vector<RevIndex> topo_;
  std::vector<uint32_t> topo_pos_;
};

// The members of a set, in file order.
std::vector<RevIndex> members(const RevisionSet& set);
// The members of a set, in topological order.
std::vector<RevIndex> members(const RevisionMap& map, const RevisionSet& set);

}  // namespace retort
