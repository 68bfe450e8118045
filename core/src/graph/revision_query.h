// What a symbol names in the revision graph, exactly as Alembic 1.8 reads it: full ids and prefixes of
// any length, branch labels and their prefixes, head, heads, base, LABEL@REV, LABEL@head, a walk of N
// steps up or down, and the revisions a set of version rows implies. Every answer is a value or an
// error that says what was asked and what to write instead.
#pragma once

#include "graph/revision_map.h"
#include "util/status.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace retort {

// One thing a lookup can name: a revision, "base" (a walk down that stepped below a base revision) or
// nothing (an empty name, or a walk that ran off the graph).
struct RevisionRef {
  enum class Kind : uint8_t { kNone, kBase, kRevision };
  Kind kind = Kind::kNone;
  RevIndex rev = 0;

  static RevisionRef none() { return {}; }
  static RevisionRef base() { return {Kind::kBase, 0}; }
  static RevisionRef of(RevIndex r) { return {Kind::kRevision, r}; }
  bool is_revision() const { return kind == Kind::kRevision; }
  bool is_none() const { return kind == Kind::kNone; }
  bool is_base() const { return kind == Kind::kBase; }
  bool operator==(const RevisionRef& o) const { return kind == o.kind && (kind != Kind::kRevision || rev == o.rev); }
};
using RevisionRefs = std::vector<RevisionRef>;

// Where Alembic takes either a symbol as typed ("heads", "ae1@-1") or a tuple of revision ids (a
// database's version rows): a few of its rules differ between the two, so the difference is kept.
struct Names {
  std::vector<std::string> items;
  bool typed = false;  // one symbol as the user wrote it

  static Names typed_text(std::string text) { return Names{{std::move(text)}, true}; }
  static Names ids(const class RevisionMap& map, const std::vector<RevIndex>& revs);
  bool empty() const { return items.empty(); }
};

class RevisionQuery {
 public:
  explicit RevisionQuery(const RevisionMap& map) : map_(map) {}
  const RevisionMap& map() const { return map_; }

  // The revisions a name stands for (Alembic's get_revisions): a name with relative steps such as
  // "-2" or "core@-1" walks down from every head (of that label) and may give "base" or nothing.
  Result<RevisionRefs> revisions(std::string_view name) const;
  Result<RevisionRefs> revisions(const Names& names) const;
  // Exactly one revision, or none for "base" (Alembic's get_revision); several is an error.
  Result<RevisionRef> revision(std::string_view name) const;
  // A branch label, a prefix of one, or a revision id standing for the branch it is on.
  Result<RevIndex> resolve_branch(std::string_view label) const;
  // `ident` as an id, label or unique prefix (none: Alembic's empty tuple, which names nothing); with a
  // branch, the prefix is looked for within that branch and the result must be on it.
  Result<RevisionRef> revision_for_ident(std::optional<std::string_view> ident,
                                         const std::optional<std::string>& branch) const;

  // The members of `targets` that share lineage with what `check_against` names.
  Result<std::vector<RevIndex>> filter_for_lineage(const std::vector<RevIndex>& targets, std::string_view check_against,
                                                   bool include_dependencies = false) const;
  // `steps` up (towards heads, within `branch` when given) or down from `start`; from nothing, up starts
  // at the bases and down at the heads. More than one way to go is "ambiguous"; running off the graph
  // gives nothing when `no_overwalk`, else the last revision reached.
  Result<RevisionRef> walk(RevisionRef start, long long steps, const std::optional<std::string>& branch,
                           bool no_overwalk = true) const;
  // The single head (of a branch), none when there are no revisions; several heads is an error.
  Result<std::optional<RevIndex>> current_head(const std::optional<std::string>& branch) const;
  // What a database at `rows` is at, effective heads included: every applied revision (through
  // down_revision and depends_on) without an applied versioned child (Alembic's _get_all_current).
  std::vector<RevIndex> all_current(const std::vector<RevIndex>& rows) const;

  // Fails when one of `targets` is an ancestor of another (descendant, with `downwards`), naming both.
  Status check_overlap(const std::vector<RevIndex>& targets, bool downwards) const;

 private:
  // Alembic's _resolve_revision_number: the ids a name expands to, and the label before '@'.
  struct Expanded {
    std::vector<std::string> ids;
    std::optional<std::string> branch;
  };
  Result<Expanded> expand(std::string_view name) const;
  std::string labelled(const std::optional<std::string>& branch, std::string_view name) const;

  const RevisionMap& map_;
};

// The revisions among `refs` (dropping "base" and nothing).
std::vector<RevIndex> revisions_of(const RevisionRefs& refs);
// "a, b" for messages; "<base>" when empty.
std::string id_list(const RevisionMap& map, const std::vector<RevIndex>& revs);
std::string id_list(const std::vector<std::string>& ids);

}  // namespace retort
