#include "graph/revision_query.h"

#include "graph/target.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>

namespace retort {
namespace {

// Python's `if branch_label:`: an empty label counts as none.
bool given(const std::optional<std::string>& branch) { return branch && !branch->empty(); }

// Python's int() on a revision name, as Alembic tries it to spot "-2" and "core@-2".
std::optional<long long> as_integer(std::string_view text) {
  std::string_view digits = text;
  if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) digits.remove_prefix(1);
  if (digits.empty() || digits.size() > 12) return std::nullopt;
  for (char c : digits)
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  long long n = std::stoll(std::string(digits));
  return text.front() == '-' ? -n : n;
}

std::string quoted_list(const std::vector<std::string_view>& names, size_t limit) {
  std::vector<std::string> out;
  for (size_t k = 0; k < names.size() && k < limit; ++k) out.push_back("'" + std::string(names[k]) + "'");
  return join(out, ", ") + (names.size() > limit ? ", ..." : "");
}

}  // namespace

Names Names::ids(const RevisionMap& map, const std::vector<RevIndex>& revs) {
  Names n;
  n.items.reserve(revs.size());
  for (RevIndex r : revs) n.items.push_back(map.id(r));
  return n;
}

std::vector<RevIndex> revisions_of(const RevisionRefs& refs) {
  std::vector<RevIndex> out;
  out.reserve(refs.size());
  for (const auto& r : refs)
    if (r.is_revision()) out.push_back(r.rev);
  return out;
}

std::string id_list(const RevisionMap& map, const std::vector<RevIndex>& revs) {
  std::vector<std::string> out;
  for (RevIndex r : revs) out.push_back(map.id(r));
  return id_list(out);
}

std::string id_list(const std::vector<std::string>& ids) { return ids.empty() ? "<base>" : join(ids, ", "); }

std::string RevisionQuery::labelled(const std::optional<std::string>& branch, std::string_view name) const {
  return given(branch) ? *branch + "@" + std::string(name) : std::string(name);
}

Result<RevisionQuery::Expanded> RevisionQuery::expand(std::string_view name) const {
  LabelledName parts = split_label(name);
  Expanded out;
  out.branch = parts.branch;
  if (parts.name == "heads") {
    if (given(parts.branch)) {
      RETORT_ASSIGN_OR_RETURN(auto heads, filter_for_lineage(map_.heads(), *parts.branch));
      for (RevIndex h : heads) out.ids.push_back(map_.id(h));
    } else {
      for (RevIndex h : map_.real_heads()) out.ids.push_back(map_.id(h));
    }
  } else if (parts.name == "head") {
    RETORT_ASSIGN_OR_RETURN(auto head, current_head(parts.branch));
    if (head) out.ids.push_back(map_.id(*head));
  } else if (parts.name != "base") {
    out.ids.push_back(std::move(parts.name));
  }
  return out;
}

Result<RevisionRefs> RevisionQuery::revisions(std::string_view name) const {
  RETORT_ASSIGN_OR_RETURN(Expanded e, expand(name));
  RevisionRefs out;
  if (e.ids.size() == 1) {
    if (auto steps = as_integer(e.ids.front()); steps && *steps < 0) {
      // "-2" and "core@-2" count down from every head (carrying the label).
      for (RevIndex h : map_.real_heads()) {
        if (e.branch && !map_.at(h).has_label(*e.branch)) continue;
        RETORT_ASSIGN_OR_RETURN(RevisionRef r, walk(RevisionRef::of(h), *steps, std::nullopt));
        out.push_back(r);
      }
      return out;
    }
  }
  for (const auto& id : e.ids) {
    RETORT_ASSIGN_OR_RETURN(RevisionRef r, revision_for_ident(id, e.branch));
    out.push_back(r);
  }
  return out;
}

Result<RevisionRefs> RevisionQuery::revisions(const Names& names) const {
  if (names.typed) return revisions(names.items.front());
  RevisionRefs out;
  for (const auto& item : names.items) {
    RETORT_ASSIGN_OR_RETURN(auto refs, revisions(item));
    out.insert(out.end(), refs.begin(), refs.end());
  }
  return out;
}

Result<RevisionRef> RevisionQuery::revision(std::string_view name) const {
  RETORT_ASSIGN_OR_RETURN(Expanded e, expand(name));
  if (e.ids.size() > 1)
    return Error("'" + std::string(name) + "' names several heads: " + join(e.ids, ", "))
        .hint("name one revision, LABEL@head for one branch's head, or use 'heads' where several are allowed");
  if (e.ids.empty()) return revision_for_ident(std::nullopt, e.branch);
  return revision_for_ident(e.ids.front(), e.branch);
}

Result<RevIndex> RevisionQuery::resolve_branch(std::string_view label) const {
  if (auto r = map_.find_name(label)) return *r;
  auto r = revision_for_ident(label, std::nullopt);
  if (!r.ok())
    return Error("no branch '" + std::string(label) + "'")
        .hint("a branch is named by its label, a unique prefix of one, or a revision on it; `retort branches` and "
              "`retort heads` show the labels");
  return r->rev;
}

Result<RevisionRef> RevisionQuery::revision_for_ident(std::optional<std::string_view> ident,
                                                      const std::optional<std::string>& branch) const {
  std::optional<RevIndex> branch_rev;
  if (given(branch)) {
    RETORT_ASSIGN_OR_RETURN(RevIndex b, resolve_branch(*branch));
    branch_rev = b;
  }
  if (!ident) return RevisionRef::none();
  const std::string shown = labelled(branch, *ident);
  RevIndex rev = 0;
  if (auto exact = map_.find_name(*ident)) {
    rev = *exact;
  } else {
    std::vector<std::string_view> names = map_.names_with_prefix(*ident);
    if (branch_rev) {
      RevisionSet line = map_.lineage({*branch_rev});
      names.erase(std::remove_if(names.begin(), names.end(), [&](std::string_view n) { return !line[*map_.find_name(n)]; }),
                  names.end());
    }
    if (names.empty()) {
      Error e("no revision or branch '" + std::string(*ident) + "'" +
              (branch_rev ? " on branch '" + *branch + "'" : std::string()));
      if (ident->size() < 4 && !map_.names_with_prefix("").empty())
        e.hint("a prefix only matches ids and labels longer than three characters; `retort history` lists the revisions");
      else
        e.hint("`retort history` lists the revisions and `retort branches` the labels");
      return e;
    }
    if (names.size() > 1)
      return Error("'" + shown + "' is ambiguous: " + std::to_string(names.size()) + " revisions and labels start with '" +
                   std::string(*ident) + "': " + quoted_list(names, 3))
          .hint("give more characters of the id");
    rev = *map_.find_name(names.front());
  }
  if (branch_rev && !map_.lineage({*branch_rev})[rev])
    return Error("revision " + map_.id(rev) + " is not on branch '" + *branch + "'")
        .hint("`retort history` shows which branch each revision is on");
  return RevisionRef::of(rev);
}

Result<std::vector<RevIndex>> RevisionQuery::filter_for_lineage(const std::vector<RevIndex>& targets,
                                                               std::string_view check_against,
                                                               bool include_dependencies) const {
  RETORT_ASSIGN_OR_RETURN(Expanded e, expand(check_against));
  std::vector<std::string> shares;
  if (given(e.branch)) shares.push_back(*e.branch);
  shares.insert(shares.end(), e.ids.begin(), e.ids.end());
  if (shares.empty()) return targets;
  std::vector<RevIndex> against;
  for (const auto& s : shares) {
    RETORT_ASSIGN_OR_RETURN(RevisionRef r, revision_for_ident(s, std::nullopt));
    if (r.is_revision()) against.push_back(r.rev);
  }
  // Sharing lineage is symmetric (a is an ancestor of b exactly when b is a descendant of a), so one pass
  // from the revisions checked against covers every target.
  RevisionSet line = map_.lineage(against, include_dependencies);
  std::vector<RevIndex> out;
  for (RevIndex t : targets)
    if (line[t]) out.push_back(t);
  return out;
}

Result<RevisionRef> RevisionQuery::walk(RevisionRef start, long long steps, const std::optional<std::string>& branch,
                                        bool no_overwalk) const {
  RevisionRef at = start;
  const long long total = steps < 0 ? -steps : steps;
  for (long long k = 0; k < total; ++k) {
    RevisionRefs choices;
    if (steps > 0) {
      if (at.is_base()) return Error("cannot walk up from below the base revisions");
      std::vector<RevIndex> up = at.is_none() ? map_.bases() : map_.at(at.rev).next;
      if (given(branch)) {
        RETORT_ASSIGN_OR_RETURN(up, filter_for_lineage(up, *branch));
      }
      for (RevIndex r : up) choices.push_back(RevisionRef::of(r));
    } else if (!at.is_base()) {
      const std::vector<RevIndex>& down = at.is_none() ? map_.heads() : map_.at(at.rev).down;
      for (RevIndex r : down) choices.push_back(RevisionRef::of(r));
      if (choices.empty()) choices.push_back(RevisionRef::base());
    }
    if (choices.empty()) return no_overwalk ? RevisionRef::none() : at;
    if (choices.size() > 1) {
      std::string from = at.is_none() ? std::string(steps > 0 ? "base" : "the heads") : map_.id(at.rev);
      std::string how = steps > 0 ? (at.is_none() ? "there are several bases: " : from + " is a branch point into ")
                                  : (at.is_none() ? "there are several heads: " : from + " is a merge of ");
      // Targets that pick one side and still take the steps that are left.
      const long long left = total - k - 1;
      const char sign = steps > 0 ? '+' : '-';
      std::vector<std::string> named;
      for (const auto& c : choices) {
        std::string name = map_.id(c.rev) + (left ? std::string(1, sign) + std::to_string(left) : "");
        if (steps > 0 && !map_.at(c.rev).labels.empty())
          name += " (or " + map_.at(c.rev).labels.front() + "@+" + std::to_string(left + 1) + ")";
        named.push_back(name);
      }
      return Error("ambiguous walk: " + how + id_list(map_, revisions_of(choices)))
          .hint("name the side to take: " + join(named, ", "));
    }
    at = choices.front();
  }
  return at;
}

Result<std::optional<RevIndex>> RevisionQuery::current_head(const std::optional<std::string>& branch) const {
  std::vector<RevIndex> heads = map_.heads();
  if (given(branch)) {
    RETORT_ASSIGN_OR_RETURN(heads, filter_for_lineage(heads, *branch));
  }
  if (heads.size() > 1)
    return Error("several heads are present for '" + labelled(branch, "head") + "': " + id_list(map_, heads))
        .hint("name a specific revision, LABEL@head to narrow to one branch's head, or 'heads' for all of them");
  if (heads.empty()) return std::optional<RevIndex>();
  return std::optional<RevIndex>(heads.front());
}

std::vector<RevIndex> RevisionQuery::all_current(const std::vector<RevIndex>& rows) const {
  RevisionSet applied = map_.ancestors(rows);
  std::vector<RevIndex> out;
  for (RevIndex i = 0; i < map_.size(); ++i) {
    if (!applied[i]) continue;
    const auto& next = map_.at(i).next;
    if (std::none_of(next.begin(), next.end(), [&](RevIndex c) { return applied[c] != 0; })) out.push_back(i);
  }
  return out;
}

Status RevisionQuery::check_overlap(const std::vector<RevIndex>& targets, bool downwards) const {
  for (RevIndex t : targets) {
    RevisionSet reach = downwards ? map_.descendants({t}, false) : map_.ancestors({t});
    std::vector<RevIndex> overlaps;
    for (RevIndex o : targets)
      if (o != t && reach[o] && std::find(overlaps.begin(), overlaps.end(), o) == overlaps.end()) overlaps.push_back(o);
    if (!overlaps.empty())
      return Error("revision " + map_.id(t) + " overlaps with " + id_list(map_, overlaps) + ": one is " +
                   (downwards ? "a descendant" : "an ancestor") + " of the other");
  }
  return Status();
}

}  // namespace retort
