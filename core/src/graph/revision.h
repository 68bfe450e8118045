// One node of the revision graph: a revision's identity, its edges, and Alembic's notions of head,
// base, branch point and merge point derived from them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace retort {

using RevIndex = uint32_t;

// What the graph needs from a revision file.
struct RevisionHeader {
  std::string id;
  std::vector<std::string> down_revisions;  // empty for a base; several for a merge
  std::vector<std::string> depends_on;      // revision ids or branch labels
  std::vector<std::string> branch_labels;
  std::string message;
  std::string location;  // "path:line" for errors
  std::string path;      // the file, for `show`
};

// Edge lists keep the order written in the file, without repeats; Alembic's sets of the same names
// carry no order, so none of its results depends on one.
struct Revision {
  RevisionHeader header;
  std::vector<RevIndex> down;             // versioned parents (down_revision)
  std::vector<RevIndex> deps;             // resolved depends_on
  std::vector<RevIndex> normalized_deps;  // deps not already declared by a versioned ancestor
  std::vector<RevIndex> next;             // versioned children (Alembic's nextrev)
  std::vector<RevIndex> dependents;       // revisions whose depends_on names this one
  std::vector<RevIndex> all_next;         // next and dependents together (Alembic's _all_nextrev)
  std::vector<RevIndex> normalized_down;  // down then normalized_deps: what a step of this revision replaces
  // Every label of the branch this revision is on: its own, those of labelled ancestors on its line, and
  // those of labelled descendants down to the branch point it grew from (Alembic's branch_labels).
  std::vector<std::string> labels;

  const std::string& id() const { return header.id; }
  bool is_head() const { return next.empty(); }
  bool is_real_head() const { return all_next.empty(); }
  bool is_base() const { return down.empty(); }
  bool is_real_base() const { return down.empty() && header.depends_on.empty(); }
  bool is_branch_point() const { return next.size() > 1; }
  bool is_real_branch_point() const { return all_next.size() > 1; }
  bool is_merge_point() const { return down.size() > 1; }
  bool has_label(const std::string& label) const;
};

}  // namespace retort
