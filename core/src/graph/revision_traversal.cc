#include "graph/revision_traversal.h"

#include "graph/target.h"
#include "util/strings.h"

#include <algorithm>

namespace retort {
namespace {

bool given(const std::optional<std::string>& branch) { return branch && !branch->empty(); }

RevisionRefs refs_of(const std::vector<RevIndex>& revs) {
  RevisionRefs out;
  out.reserve(revs.size());
  for (RevIndex r : revs) out.push_back(RevisionRef::of(r));
  return out;
}

Error did_not_produce(const std::string& text, long long steps) {
  const long long n = steps < 0 ? -steps : steps;
  return Error("relative target '" + text + "' does not give " + std::to_string(n) + " migration" + (n == 1 ? "" : "s") +
               " from where the database is")
      .hint(steps > 0 ? "`retort heads` and `retort current` show how far up it can go"
                      : "`retort current` shows what is applied; 'base' removes everything");
}

Error walked_too_far(const std::string& text) {
  return Error("target '" + text + "' goes past the end of the revision graph")
      .hint("`retort history` shows how many revisions there are on each side");
}

}  // namespace

std::string RevisionTraversal::shown(const Names& names) const {
  if (names.typed) return names.items.front();
  return names.items.empty() ? std::string("base") : join(names.items, ", ");
}

Error RevisionTraversal::not_a_range(Purpose purpose, const Names& lower, const Names& upper) const {
  switch (purpose) {
    case Purpose::kUpgrade:
      return Error("upgrade target '" + shown(upper) + "' is not above the current revision(s) (" + shown(lower) + ")")
          .hint("to go down, use `retort downgrade " + shown(upper) + "`; `retort current` shows where the database is");
    case Purpose::kDowngrade:
      return Error("downgrade target '" + shown(lower) + "' is not below the current revision(s) (" + shown(upper) + ")")
          .hint("to go up, use `retort upgrade " + shown(lower) + "`; `retort current` shows where the database is");
    case Purpose::kHistory:
      break;
  }
  return Error("history range '" + shown(lower) + ":" + shown(upper) +
               "' does not run from a revision to one of its descendants on the same branch")
      .hint("write OLDER:NEWER along one branch, e.g. base:heads or LABEL@base:LABEL@head");
}

Result<std::vector<RevIndex>> RevisionTraversal::iterate(const Names& upper, const Names& lower, const Options& options,
                                                         bool select_for_downgrade, Purpose purpose) const {
  RETORT_ASSIGN_OR_RETURN(Collected c, select_for_downgrade ? collect_downgrade(upper, lower, options, purpose)
                                                            : collect_upgrade(upper, lower, options, purpose));
  std::vector<RevIndex> order = topological_sort(c.revisions, c.heads);
  // Alembic gives up (an assertion) when a revision of the range lies below none of its upper ends: the
  // ends then do not describe a range along the graph.
  if (order.size() != static_cast<size_t>(std::count(c.revisions.begin(), c.revisions.end(), 1)))
    return not_a_range(purpose, lower, upper);
  return order;
}

Result<RevisionRefs> RevisionTraversal::parse_upgrade_target(const Names& current, const Names& target,
                                                             bool assert_relative_length) const {
  std::optional<RelativeTarget> m;
  if (target.typed) m = match_relative(target.items.front());
  if (!m) return query_.revisions(target);
  const std::string& text = target.items.front();
  if (m->steps <= 0) {
    if (!m->symbol) return did_not_produce(text, m->steps);
    RETORT_ASSIGN_OR_RETURN(RevisionRef start, query_.revision(m->branch ? *m->branch + "@" + *m->symbol : *m->symbol));
    RETORT_ASSIGN_OR_RETURN(RevisionRef r, query_.walk(start, m->steps, std::nullopt, assert_relative_length));
    return RevisionRefs{r};
  }
  if (m->symbol) {
    RETORT_ASSIGN_OR_RETURN(RevisionRef start, query_.revision(*m->symbol));
    RETORT_ASSIGN_OR_RETURN(RevisionRef r, query_.walk(start, m->steps, m->branch, assert_relative_length));
    return RevisionRefs{r};
  }
  // "+N" and "LABEL@+N" count from the current revision (on that branch).
  RevisionRefs start;
  if (given(m->branch)) {
    RETORT_ASSIGN_OR_RETURN(RevisionRefs cur, query_.revisions(current));
    std::vector<RevIndex> applied = revisions_of(cur);
    RETORT_ASSIGN_OR_RETURN(std::vector<RevIndex> on_branch, query_.filter_for_lineage(applied, *m->branch));
    if (on_branch.empty()) {
      // The branch's own revisions are not heads of the database: start from the highest applied
      // revision on it, or from base when none is.
      RETORT_ASSIGN_OR_RETURN(std::vector<RevIndex> active,
                              query_.filter_for_lineage(members(map_.ancestors(applied)), *m->branch));
      RevisionSet below(map_.size(), 0);
      for (RevIndex a : active)
        for (RevIndex d : map_.at(a).normalized_down) below[d] = 1;
      for (RevIndex a : active)
        if (!below[a]) on_branch.push_back(a);
    }
    start = refs_of(on_branch);
  } else {
    for (const auto& id : current.items) {
      RETORT_ASSIGN_OR_RETURN(RevisionRef r, query_.revision(id));
      start.push_back(r);
    }
  }
  if (start.empty()) start.push_back(RevisionRef::none());
  if (start.size() > 1)
    return Error("relative target '" + text + "' is ambiguous: the database is at several revisions (" +
                 id_list(map_, revisions_of(start)) + ")")
        .hint("name the branch to go up: LABEL@" + m->steps_text + ", or REV" + m->steps_text + " from one of them");
  RETORT_ASSIGN_OR_RETURN(RevisionRef r, query_.walk(start.front(), m->steps, m->branch, assert_relative_length));
  if (r.is_none()) return did_not_produce(text, m->steps);
  return RevisionRefs{r};
}

Result<RevisionTraversal::DowngradeTarget> RevisionTraversal::relative_downgrade_start(
    const Names& current, const std::optional<std::string>& branch, const std::string& steps_text) const {
  DowngradeTarget start;
  std::string symbol;
  if (given(branch)) {
    // Alembic takes each current name as an id or prefix here, never as a symbol such as "heads".
    std::vector<RevIndex> applied;
    for (const auto& item : current.items) {
      RETORT_ASSIGN_OR_RETURN(RevisionRef r, query_.revision_for_ident(item, std::nullopt));
      if (r.is_revision()) applied.push_back(r.rev);
    }
    RETORT_ASSIGN_OR_RETURN(std::vector<RevIndex> on_branch, query_.filter_for_lineage(applied, *branch));
    if (on_branch.empty()) {
      // A branch whose head is applied only as what another branch depends on is current too.
      RETORT_ASSIGN_OR_RETURN(on_branch, query_.filter_for_lineage(query_.all_current(applied), *branch));
    }
    if (on_branch.empty())
      return Error("nothing on branch '" + *branch + "' is applied, so '" + *branch + "@" + steps_text +
                   "' has nowhere to go down from")
          .hint("`retort current` shows what is applied");
    if (on_branch.size() > 1)
      return Error("'" + *branch + "@" + steps_text + "' is ambiguous: the database is at several revisions of branch '" +
                   *branch + "' (" + id_list(map_, on_branch) + ")")
          .hint("count from one of them: REV" + steps_text);
    symbol = map_.id(on_branch.front());
    start.branch = branch;
  } else {
    if (current.empty()) return did_not_produce(steps_text, -1);
    symbol = current.items.front();
    start.branch = symbol;
  }
  RETORT_ASSIGN_OR_RETURN(start.target, query_.revision(*start.branch + "@" + symbol));
  return start;
}

Result<RevisionTraversal::DowngradeTarget> RevisionTraversal::parse_downgrade_target(
    const Names& current, const std::optional<std::string>& target, bool assert_relative_length) const {
  if (!target) return DowngradeTarget{};
  if (auto m = match_relative(*target)) {
    if (m->steps >= 0) {
      if (!m->symbol) return did_not_produce(*target, m->steps);
      RETORT_ASSIGN_OR_RETURN(RevisionRef start, query_.revision(*m->symbol));
      RETORT_ASSIGN_OR_RETURN(RevisionRef r, query_.walk(start, m->steps, m->branch, assert_relative_length));
      if (r.is_none()) return walked_too_far(*target);
      return DowngradeTarget{m->branch, r};
    }
    DowngradeTarget start;
    if (!m->symbol) {
      RETORT_ASSIGN_OR_RETURN(start, relative_downgrade_start(current, m->branch, m->steps_text));
    } else {
      start.branch = m->branch;
      RETORT_ASSIGN_OR_RETURN(start.target, query_.revision(m->branch ? *m->branch + "@" + *m->symbol : *m->symbol));
    }
    RETORT_ASSIGN_OR_RETURN(RevisionRef r, query_.walk(start.target, m->steps, std::nullopt, assert_relative_length));
    if (r.is_none()) return m->symbol ? walked_too_far(*target) : did_not_produce(*target, m->steps);
    return DowngradeTarget{start.branch, r};
  }
  // An absolute target: the label is everything before the last '@'.
  DowngradeTarget out;
  size_t at = target->rfind('@');
  std::string symbol = *target;
  if (at != std::string::npos) {
    if (at > 0) out.branch = target->substr(0, at);
    symbol = target->substr(at + 1);
  }
  RETORT_ASSIGN_OR_RETURN(out.target, query_.revision(symbol));
  return out;
}

Result<RevisionTraversal::Collected> RevisionTraversal::collect_upgrade(const Names& upper, const Names& lower_in,
                                                                        const Options& options, Purpose purpose) const {
  Names lower = lower_in;
  RETORT_ASSIGN_OR_RETURN(RevisionRefs parsed, parse_upgrade_target(lower, upper, options.assert_relative_length));
  std::vector<RevIndex> targets;
  for (const auto& r : parsed) {
    if (!r.is_revision())
      return Error("target '" + shown(upper) + "' names no revision to go up to")
          .hint(r.is_base() ? "it lies below every revision: use `retort downgrade` to go down"
                            : "it goes past the end of the revision graph; `retort heads` shows the heads");
    targets.push_back(r.rev);
  }
  // "LABEL@..." as the lower end keeps only the targets on that branch.
  if (lower.typed && lower.items.front().find('@') != std::string::npos) {
    std::string branch = lower.items.front().substr(0, lower.items.front().find('@'));
    RETORT_ASSIGN_OR_RETURN(RevisionRef as_rev, query_.revision(branch));
    if (as_rev.is_revision() && map_.id(as_rev.rev) == branch) {
      const auto& labels = map_.at(as_rev.rev).labels;
      if (labels.size() != 1)
        return Error("revision " + branch + " stands for a branch in '" + lower.items.front() + "' but carries " +
                     (labels.empty() ? std::string("no branch label") : "several branch labels (" + join(labels, ", ") + ")"))
            .hint("name the branch by its label instead");
      branch = labels.front();
    }
    targets.erase(std::remove_if(targets.begin(), targets.end(), [&](RevIndex t) { return !map_.at(t).has_label(branch); }),
                  targets.end());
  }
  RETORT_TRY(query_.check_overlap(targets, false));
  RevisionSet required = map_.ancestors(targets);

  RETORT_ASSIGN_OR_RETURN(RevisionRefs current, query_.revisions(lower));
  if (!options.implicit_base)
    for (const auto& r : current)
      if (!r.is_none() && (!r.is_revision() || !required[r.rev])) return not_a_range(purpose, lower, upper);
  if (!current.empty() && current.front().is_none()) {
    // A relative lower end that ran off the graph counts from the upper end instead.
    std::optional<std::string> lower_text;
    if (!lower.empty()) lower_text = lower.items.front();
    RETORT_ASSIGN_OR_RETURN(DowngradeTarget d, parse_downgrade_target(upper, lower_text, options.assert_relative_length));
    if (d.target.is_none()) return walked_too_far(shown(lower));
    if (d.target.is_base()) {
      current.clear();
      lower = Names{};
    } else {
      current = {d.target};
      lower = Names::typed_text(map_.id(d.target.rev));
    }
  }
  std::vector<RevIndex> current_revs;
  for (const auto& r : current) {
    if (!r.is_revision()) return not_a_range(purpose, lower, upper);
    current_revs.push_back(r.rev);
  }
  RETORT_TRY(query_.check_overlap(current_revs, false));
  RevisionSet have = map_.ancestors(current_revs);

  Collected out;
  out.revisions.assign(map_.size(), 0);
  for (size_t k = 0; k < required.size(); ++k) out.revisions[k] = static_cast<char>(required[k] && !have[k]);
  if (options.inclusive) {
    RETORT_ASSIGN_OR_RETURN(RevisionRefs lower_refs, query_.revisions(lower));
    for (const auto& r : lower_refs) {
      if (!r.is_revision()) return not_a_range(purpose, lower, upper);
      out.revisions[r.rev] = 1;
    }
  }
  if (!current_revs.empty() && !options.implicit_base) {
    RETORT_TRY(query_.check_overlap(current_revs, true));
    RevisionSet above = map_.descendants(current_revs, false);
    for (size_t k = 0; k < above.size(); ++k) out.revisions[k] = static_cast<char>(out.revisions[k] && above[k]);
  }
  out.heads = std::move(targets);
  return out;
}

Result<RevisionTraversal::Collected> RevisionTraversal::collect_downgrade(const Names& upper, const Names& target,
                                                                          const Options& options, Purpose purpose) const {
  std::optional<std::string> target_text;
  if (!target.empty()) target_text = target.items.front();
  RETORT_ASSIGN_OR_RETURN(DowngradeTarget d, parse_downgrade_target(upper, target_text, options.assert_relative_length));
  const bool to_base = !d.target.is_revision();

  std::vector<RevIndex> roots;
  // Alembic finds the bases among the values of its table of names, where a labelled base is listed once
  // per label too; so LABEL@base checks the label even on a tree with one (labelled) base.
  size_t listed = 0;
  if (to_base) {
    roots = map_.bases();
    for (RevIndex b : roots) listed += 1 + map_.at(b).header.branch_labels.size();
  } else if (options.inclusive) {
    roots = {d.target.rev};
    listed = 1;
  } else {
    roots = map_.at(d.target.rev).next;
    listed = roots.size();
  }
  if (given(d.branch) && listed > 1) {
    // Only the roots on the named branch: a branch-scoped downgrade leaves the other branches alone.
    RETORT_ASSIGN_OR_RETURN(RevIndex branch_rev, query_.resolve_branch(*d.branch));
    RevisionSet line = map_.ancestors({branch_rev}, false);
    roots.erase(std::remove_if(roots.begin(), roots.end(), [&](RevIndex r) { return !line[r]; }), roots.end());
    if (roots.empty())
      return Error("'" + shown(target) + "' is not a valid downgrade target from the current revisions (" + shown(upper) + ")")
          .hint("nothing on branch '" + *d.branch + "' lies above that revision");
  }

  RETORT_ASSIGN_OR_RETURN(RevisionRefs head_refs, query_.revisions(upper));
  Collected out;
  for (const auto& r : head_refs) {
    if (!r.is_revision()) return not_a_range(purpose, target, upper);
    out.heads.push_back(r.rev);
  }
  RevisionSet active = map_.ancestors(out.heads);
  out.revisions = map_.descendants(roots);
  for (size_t k = 0; k < active.size(); ++k) out.revisions[k] = static_cast<char>(out.revisions[k] && active[k]);
  if (options.implicit_base) {
    RevisionSet kept = map_.ancestors(roots);
    for (size_t k = 0; k < active.size(); ++k)
      if (active[k] && !kept[k]) out.revisions[k] = 1;
  }
  if (!to_base && std::none_of(out.revisions.begin(), out.revisions.end(), [](char c) { return c != 0; }) &&
      std::find(out.heads.begin(), out.heads.end(), d.target.rev) == out.heads.end())
    return not_a_range(purpose, target, upper);
  return out;
}

// Alembic's order: start from the heads (in file order) and walk down, emitting a revision once no
// other pending head still needs it, so one branch is finished before the next is started.
std::vector<RevIndex> RevisionTraversal::topological_sort(const RevisionSet& revisions,
                                                          const std::vector<RevIndex>& heads_in) const {
  RevisionSet todo = revisions;
  std::vector<RevIndex> heads;
  for (RevIndex h : heads_in)
    if (todo[h] && std::find(heads.begin(), heads.end(), h) == heads.end()) heads.push_back(h);
  std::sort(heads.begin(), heads.end());
  std::vector<RevisionSet> above;  // above[i]: what head i still has to pass through, itself included
  above.reserve(heads.size());
  for (RevIndex h : heads) above.push_back(map_.ancestors({h}));

  std::vector<RevIndex> out;
  size_t idx = 0;
  while (!heads.empty()) {
    const RevIndex candidate = heads[idx];
    bool wait = false;
    for (size_t j = 0; j < heads.size(); ++j) {
      if (j != idx && above[j][candidate]) {
        idx = j;  // another head still needs the candidate: finish that one first
        wait = true;
        break;
      }
    }
    if (wait) continue;
    if (todo[candidate]) {
      out.push_back(candidate);
      todo[candidate] = 0;
    }
    const Revision& r = map_.at(candidate);
    std::vector<RevIndex> next;
    for (RevIndex d : r.normalized_down)
      if (todo[d] && std::find(heads.begin(), heads.end(), d) == heads.end()) next.push_back(d);
    if (next.empty()) {
      heads.erase(heads.begin() + static_cast<std::ptrdiff_t>(idx));
      above.erase(above.begin() + static_cast<std::ptrdiff_t>(idx));
      idx = idx > 0 ? idx - 1 : 0;
    } else if (r.normalized_deps.empty() && r.down.size() == 1) {
      heads[idx] = next.front();
      above[idx][candidate] = 0;
    } else {
      heads[idx] = next.front();
      above[idx] = map_.ancestors({next.front()});
      for (size_t k = 1; k < next.size(); ++k) {
        heads.push_back(next[k]);
        above.push_back(map_.ancestors({next[k]}));
      }
    }
  }
  return out;  // without the members no head reaches (iterate refuses such a range)
}

}  // namespace retort
