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

struct Revision {
  RevisionHeader header;
  std::vector<RevIndex> down;             // versioned parents (down_revision)
  std::vector<RevIndex> deps;             // resolved depends_on
  std::vector<RevIndex> normalized_deps;  // deps not already declared by a versioned ancestor
  std::vector<RevIndex> next;             // versioned children
  std::vector<RevIndex> dependents;       // revisions whose depends_on names this one

  const std::string& id() const { return header.id; }
  bool is_head() const { return next.empty(); }
  bool is_real_head() const { return next.empty() && dependents.empty(); }
  bool is_base() const { return down.empty(); }
  bool is_real_base() const { return down.empty() && deps.empty(); }
  bool is_branch_point() const { return next.size() > 1; }
  bool is_merge_point() const { return down.size() > 1; }
  // down + normalized_deps, without repeats: the rows a step of this revision replaces (Alembic's
  // _normalized_down_revisions).
  std::vector<RevIndex> normalized_down() const;
};

}  // namespace retort
