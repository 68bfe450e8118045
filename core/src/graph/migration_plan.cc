#include "graph/migration_plan.h"

#include "graph/version_rows.h"

#include "util/strings.h"

#include <algorithm>
#include <functional>

namespace retort {
namespace {

std::string ids(const RevisionMap& map, const std::vector<RevIndex>& revs) {
  std::vector<std::string> out;
  for (RevIndex r : revs) out.push_back(map.id(r));
  return out.empty() ? "<base>" : join(out, ", ");
}

std::string step_text(int n, char sign) { return std::string(1, sign) + std::to_string(n); }

}  // namespace

Result<RevisionSet> branch_scope(const RevisionMap& map, const std::vector<std::string>& labels) {
  if (labels.empty()) return RevisionSet(map.size(), 1);
  std::vector<RevIndex> members_of_labels;
  for (const auto& label : labels) {
    auto rev = map.find_label(label);
    if (!rev) return Error("branches names '" + label + "', which is not a branch label of any revision");
    RevisionSet line = map.lineage(*rev);
    for (RevIndex i = 0; i < map.size(); ++i)
      if (line[i]) members_of_labels.push_back(i);
  }
  return map.ancestors(members_of_labels, true);
}

Planner::Planner(const RevisionMap& map, std::vector<RevIndex> rows, RevisionSet scope)
    : map_(map), rows_(std::move(rows)), scope_(std::move(scope)), applied_(map.ancestors(rows_)) {
  scoped_ = std::find(scope_.begin(), scope_.end(), 0) != scope_.end();
  if (scope_.empty()) scope_.assign(map_.size(), 1);
}

Result<RevisionSet> Planner::label_lineage(const Target& target) const {
  if (target.label.empty()) return scope_;
  auto rev = map_.find_label(target.label);
  if (!rev) {
    // Alembic also accepts a revision before '@' to mean "the branch this revision is on".
    auto resolved = map_.resolve(target.label);
    if (!resolved.ok())
      return Error("no branch label '" + target.label + "' in target '" + target.text + "'")
          .hint("`retort branches` and `retort heads` show the labels");
    rev = *resolved;
  }
  RevisionSet set = map_.lineage(*rev);
  for (size_t k = 0; k < set.size(); ++k) set[k] = static_cast<char>(set[k] & scope_[k]);
  return set;
}

Result<std::vector<RevIndex>> Planner::heads(const std::string& label) const {
  Target t;
  t.label = label;
  t.text = label.empty() ? "heads" : label + "@heads";
  RETORT_ASSIGN_OR_RETURN(RevisionSet within, label_lineage(t));
  std::vector<RevIndex> out;
  // A head of the scoped graph: no versioned child inside the scope. A database that follows some
  // branches also does not count what those merely depend on as heads of its own.
  for (RevIndex i : map_.topological()) {
    if (!within[i]) continue;
    bool has_child = false;
    for (RevIndex c : map_.at(i).next) has_child = has_child || within[c];
    if (scoped_)
      for (RevIndex c : map_.at(i).dependents) has_child = has_child || within[c];
    if (!has_child) out.push_back(i);
  }
  return out;
}

std::string Planner::alternatives(const std::vector<RevIndex>& choices, int remaining, char sign) const {
  std::vector<std::string> names;
  for (RevIndex c : choices) {
    std::string name = map_.id(c) + (remaining ? step_text(remaining, sign) : "");
    // A label on the branch above the choice names it more readably.
    RevisionSet above = map_.descendants({c}, false);
    for (RevIndex i : map_.topological()) {
      if (!above[i] || map_.at(i).header.branch_labels.empty()) continue;
      name += " (or " + map_.at(i).header.branch_labels.front() + "@" + step_text(remaining + 1, sign) + ")";
      break;
    }
    names.push_back(name);
  }
  return join(names, ", ");
}

Result<std::optional<RevIndex>> Planner::current_in(const Target& target, const RevisionSet& within) const {
  std::vector<RevIndex> here;
  for (RevIndex r : rows_)
    if (within[r]) here.push_back(r);
  if (here.size() > 1)
    return Error("relative target '" + target.text + "' is ambiguous: the database has " +
                 std::to_string(here.size()) + " current heads (" + ids(map_, here) + ")")
        .hint("name the branch: " + alternatives(here, std::abs(target.relative), target.relative < 0 ? '-' : '+'));
  if (here.empty()) return std::optional<RevIndex>();
  return std::optional<RevIndex>(here.front());
}

Result<Planner::WalkEnd> Planner::walk(const Target& target, std::optional<RevIndex> start, int steps,
                                       const RevisionSet& within, bool merge_last_step) const {
  WalkEnd end{start, 0};
  int total = std::abs(steps);
  for (int k = 0; k < total; ++k) {
    int remaining = total - k - 1;
    if (steps > 0) {
      std::vector<RevIndex> next;
      if (!end.rev) {
        for (RevIndex b : map_.bases())
          if (within[b]) next.push_back(b);
      } else {
        for (RevIndex c : map_.at(*end.rev).next)
          if (within[c]) next.push_back(c);
      }
      if (next.empty())
        return Error("target '" + target.text + "' is past the head: only " + std::to_string(k) +
                     " revision(s) above " + (start ? map_.id(*start) : std::string("base")))
            .hint("use 'heads' to upgrade to the latest revision");
      if (next.size() > 1)
        return Error("relative target '" + target.text + "' is ambiguous: " +
                     (end.rev ? map_.id(*end.rev) + " is a branch point into " : std::string("there are several bases: ")) +
                     ids(map_, next))
            .hint("name one: " + alternatives(next, remaining, '+'));
      end.rev = next.front();
    } else {
      if (!end.rev)
        return Error("target '" + target.text + "' is past base: only " + std::to_string(k) + " revision(s) below " +
                     (start ? map_.id(*start) : std::string("base")))
            .hint("use 'base' to remove everything");
      std::vector<RevIndex> down;
      for (RevIndex p : map_.at(*end.rev).down)
        if (within[p]) down.push_back(p);
      // The last step below a merge is unambiguous for a downgrade: it removes the merge and keeps
      // both parents. Only a step further down has to pick a side.
      if (down.size() > 1 && remaining == 0 && merge_last_step) {
        end.root = *end.rev;
        end.rev.reset();
        continue;
      }
      if (down.size() > 1)
        return Error("relative target '" + target.text + "' is ambiguous: " + map_.id(*end.rev) + " is a merge of " +
                     ids(map_, down))
            .hint("name one: " + alternatives(down, remaining, '-'));
      if (down.empty()) {
        end.root = *end.rev;
        end.rev.reset();
      } else {
        end.rev = down.front();
      }
    }
  }
  return end;
}

Result<std::vector<RevIndex>> Planner::anchor(const Target& target, const RevisionSet& within) const {
  switch (target.anchor) {
    case Target::Anchor::kHeads:
    case Target::Anchor::kHead: {
      RETORT_ASSIGN_OR_RETURN(std::vector<RevIndex> hs, heads(target.label));
      if (target.anchor == Target::Anchor::kHead && hs.size() > 1)
        return Error("several heads are present for '" + target.text + "': " + ids(map_, hs))
            .hint("use 'heads' for all of them, LABEL@head for one branch, or a revision id");
      if (target.has_relative && hs.size() > 1)
        return Error("relative target '" + target.text + "' is ambiguous: several heads (" + ids(map_, hs) + ")")
            .hint("name one: " + alternatives(hs, std::abs(target.relative), target.relative < 0 ? '-' : '+'));
      return hs;
    }
    case Target::Anchor::kBase:
      return std::vector<RevIndex>{};
    case Target::Anchor::kRevision: {
      RETORT_ASSIGN_OR_RETURN(RevIndex rev, map_.resolve(target.revision));
      if (!target.label.empty() && !within[rev])
        return Error("revision " + map_.id(rev) + " is not on branch '" + target.label + "'")
            .hint("`retort history` shows which branch each revision is on");
      return std::vector<RevIndex>{rev};
    }
    case Target::Anchor::kCurrent: {
      RETORT_ASSIGN_OR_RETURN(std::optional<RevIndex> cur, current_in(target, within));
      return cur ? std::vector<RevIndex>{*cur} : std::vector<RevIndex>{};
    }
  }
  return Error("unhandled target");
}

Result<std::vector<RevIndex>> Planner::upgrade_destination(const Target& target) const {
  if (target.anchor == Target::Anchor::kCurrent && target.relative < 0)
    return Error("upgrade target '" + target.text + "' goes down").hint("use `retort downgrade " + target.text + "`");
  return point(target);
}

Result<std::vector<RevIndex>> Planner::point(const Target& target) const {
  RETORT_ASSIGN_OR_RETURN(RevisionSet within, label_lineage(target));
  RETORT_ASSIGN_OR_RETURN(std::vector<RevIndex> start, anchor(target, within));
  if (!target.has_relative || target.relative == 0) return start;
  std::optional<RevIndex> from = start.empty() ? std::nullopt : std::optional<RevIndex>(start.front());
  RETORT_ASSIGN_OR_RETURN(WalkEnd end, walk(target, from, target.relative, within));
  return end.rev ? std::vector<RevIndex>{*end.rev} : std::vector<RevIndex>{};
}

Result<RevisionSet> Planner::downgrade_removal(const Target& target) const {
  if (target.anchor == Target::Anchor::kCurrent && target.relative > 0)
    return Error("downgrade target '" + target.text + "' goes up").hint("use `retort upgrade " + target.text + "`");
  RETORT_ASSIGN_OR_RETURN(RevisionSet within, label_lineage(target));
  RevisionSet remove(map_.size(), 0);
  auto remove_from = [&](const std::vector<RevIndex>& roots, bool inclusive) {
    RevisionSet below = map_.descendants(roots);
    for (size_t k = 0; k < remove.size(); ++k) {
      bool is_root = std::find(roots.begin(), roots.end(), static_cast<RevIndex>(k)) != roots.end();
      if (below[k] && applied_[k] && (inclusive || !is_root)) remove[k] = 1;
    }
  };

  if (target.anchor == Target::Anchor::kBase && !target.has_relative) {
    if (target.label.empty()) {
      for (size_t k = 0; k < remove.size(); ++k) remove[k] = static_cast<char>(applied_[k] & scope_[k]);
    } else {
      RETORT_ASSIGN_OR_RETURN(RevisionSet lineage, label_lineage(target));
      auto label_rev = map_.find_label(target.label);
      RevIndex root = map_.branch_root(label_rev ? *label_rev : members(map_, lineage).front());
      remove_from({root}, true);
    }
    return remove;
  }
  if (target.anchor == Target::Anchor::kCurrent && target.has_relative) {
    RETORT_ASSIGN_OR_RETURN(std::optional<RevIndex> cur, current_in(target, within));
    if (!cur) return Error("nothing is applied, so '" + target.text + "' has nowhere to go down from");
  }
  RETORT_ASSIGN_OR_RETURN(std::vector<RevIndex> dest, anchor(target, within));
  if (target.has_relative && target.relative != 0) {
    std::optional<RevIndex> from = dest.empty() ? std::nullopt : std::optional<RevIndex>(dest.front());
    RETORT_ASSIGN_OR_RETURN(WalkEnd end, walk(target, from, target.relative, within, true));
    if (!end.rev) {
      remove_from({end.root}, true);
      return remove;
    }
    dest = {*end.rev};
  }
  if (dest.empty()) {  // "base+0" and the like
    for (size_t k = 0; k < remove.size(); ++k) remove[k] = static_cast<char>(applied_[k] & scope_[k]);
    return remove;
  }
  for (RevIndex d : dest)
    if (!applied_[d])
      return Error("revision " + map_.id(d) + " is not applied here (current: " + ids(map_, rows_) +
                   "), so it is not a downgrade target")
          .hint("downgrade to a revision below the current one, or use upgrade");
  remove_from(dest, false);
  return remove;
}

// Kahn's algorithm over the chosen revisions with a stack, so one branch is finished before the next
// starts; ties go to graph order, so every run picks the same order. Upgrades walk parent -> child,
// downgrades child -> parent.
std::vector<RevIndex> Planner::dependency_order(const RevisionSet& set, bool parents_first) const {
  auto before = [&](const Revision& r) { return parents_first ? std::pair(&r.down, &r.deps) : std::pair(&r.next, &r.dependents); };
  auto after = [&](const Revision& r) { return parents_first ? std::pair(&r.next, &r.dependents) : std::pair(&r.down, &r.deps); };
  // Pushed so the revision earliest in graph order (latest, for downgrades) is popped first.
  auto push_sorted = [&](std::vector<RevIndex>& newly, std::vector<RevIndex>& ready) {
    std::sort(newly.begin(), newly.end(), [&](RevIndex a, RevIndex b) {
      return parents_first ? map_.topo_position(a) > map_.topo_position(b) : map_.topo_position(a) < map_.topo_position(b);
    });
    ready.insert(ready.end(), newly.begin(), newly.end());
  };
  std::vector<uint32_t> waiting(map_.size(), 0);
  std::vector<RevIndex> ready, initial;
  for (RevIndex i : map_.topological()) {
    if (!set[i]) continue;
    auto [a, b] = before(map_.at(i));
    for (RevIndex p : *a) waiting[i] += set[p] ? 1 : 0;
    for (RevIndex p : *b) waiting[i] += set[p] ? 1 : 0;
    if (waiting[i] == 0) initial.push_back(i);
  }
  push_sorted(initial, ready);
  std::vector<RevIndex> order;
  while (!ready.empty()) {
    RevIndex i = ready.back();
    ready.pop_back();
    order.push_back(i);
    std::vector<RevIndex> newly;
    auto [a, b] = after(map_.at(i));
    for (const auto* edges : {a, b})
      for (RevIndex c : *edges)
        if (set[c] && --waiting[c] == 0) newly.push_back(c);
    push_sorted(newly, ready);
  }
  return order;
}

Result<std::vector<MigrationStep>> Planner::plan_upgrade(const Target& target) const {
  RETORT_ASSIGN_OR_RETURN(std::vector<RevIndex> dest, upgrade_destination(target));
  RevisionSet needed = map_.ancestors(dest);
  for (size_t k = 0; k < needed.size(); ++k) needed[k] = static_cast<char>(needed[k] && !applied_[k]);
  std::vector<MigrationStep> steps;
  for (RevIndex r : dependency_order(needed, true)) steps.push_back({r, true});
  return steps;
}

Result<std::vector<MigrationStep>> Planner::plan_downgrade(const Target& target) const {
  RETORT_ASSIGN_OR_RETURN(RevisionSet remove, downgrade_removal(target));
  std::vector<MigrationStep> steps;
  for (RevIndex r : dependency_order(remove, false)) steps.push_back({r, false});
  return steps;
}

Result<std::vector<RevIndex>> Planner::stamp_rows(const Target& target, bool purge) const {
  RevisionSet applied = purge ? RevisionSet(map_.size(), 0) : applied_;
  bool downward = target.anchor == Target::Anchor::kBase || (target.has_relative && target.relative < 0);
  if (downward && !purge) {
    RETORT_ASSIGN_OR_RETURN(RevisionSet remove, downgrade_removal(target));
    for (size_t k = 0; k < applied.size(); ++k) applied[k] = static_cast<char>(applied[k] && !remove[k]);
    return rows_for(map_, applied);
  }
  std::vector<RevIndex> dest;
  if (downward) {
    // With --purge nothing is applied to walk down from; resolve against the graph alone.
    RETORT_ASSIGN_OR_RETURN(RevisionSet within, label_lineage(target));
    if (target.anchor != Target::Anchor::kBase) {
      RETORT_ASSIGN_OR_RETURN(dest, anchor(target, within));
      RETORT_ASSIGN_OR_RETURN(WalkEnd end, walk(target, dest.empty() ? std::nullopt : std::optional<RevIndex>(dest.front()),
                                                target.relative, within));
      dest = end.rev ? std::vector<RevIndex>{*end.rev} : std::vector<RevIndex>{};
    }
  } else {
    RETORT_ASSIGN_OR_RETURN(dest, upgrade_destination(target));
  }
  // As in Alembic, stamping to a revision replaces the rows on its line (its ancestors and descendants)
  // and keeps the rows of other branches.
  std::vector<RevIndex> rows;
  if (!purge) {
    RevisionSet line = map_.ancestors(dest);
    RevisionSet above = map_.descendants(dest);
    for (RevIndex r : rows_)
      if (!line[r] && !above[r]) rows.push_back(r);
  }
  rows.insert(rows.end(), dest.begin(), dest.end());
  return rows_for(map_, map_.ancestors(rows));
}

}  // namespace retort
