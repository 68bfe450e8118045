#include "graph/revision_map.h"

#include "util/strings.h"

#include <algorithm>
#include <memory>
#include <queue>

namespace retort {
namespace {

// Revision ids and labels may not hold what the TARGET syntax uses (@ + -) nor be a keyword.
std::optional<std::string> invalid_name(const std::string& name, const char* what) {
  if (name.empty()) return std::string(what) + " is empty";
  if (name.size() > 32) return std::string(what) + " '" + name + "' is longer than 32 characters (version_num is VARCHAR(32))";
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok)
      return std::string(what) + " '" + name + "' may only contain letters, digits and '_' (found '" +
             std::string(1, c) + "')";
  }
  if (name == "head" || name == "heads" || name == "base" || name == "current")
    return std::string(what) + " '" + name + "' is a reserved word";
  return std::nullopt;
}

}  // namespace

Result<RevisionMap> RevisionMap::build(std::vector<RevisionHeader> headers) {
  RevisionMap map;
  ErrorList errors;
  map.revs_.reserve(headers.size());
  for (auto& h : headers) {
    Revision r;
    r.header = std::move(h);
    map.revs_.push_back(std::move(r));
  }
  const auto n = static_cast<RevIndex>(map.revs_.size());
  map.by_id_.reserve(n);

  for (RevIndex i = 0; i < n; ++i) {
    const RevisionHeader& h = map.revs_[i].header;
    if (auto why = invalid_name(h.id, "revision id")) {
      errors.add(Error(*why).at(h.location));
      continue;
    }
    auto [it, inserted] = map.by_id_.emplace(h.id, i);
    if (!inserted)
      errors.add(Error("duplicate revision id '" + h.id + "', also used by " + map.revs_[it->second].header.location)
                     .at(h.location)
                     .hint("give one of them a new id (retort revision generates unique ones)"));
  }
  for (RevIndex i = 0; i < n; ++i) {
    const RevisionHeader& h = map.revs_[i].header;
    for (const auto& label : h.branch_labels) {
      if (auto why = invalid_name(label, "branch label")) {
        errors.add(Error(*why).at(h.location));
        continue;
      }
      if (map.by_id_.count(label)) {
        errors.add(Error("branch label '" + label + "' is also a revision id").at(h.location));
        continue;
      }
      auto [it, inserted] = map.by_label_.emplace(label, i);
      if (!inserted)
        errors.add(Error("branch label '" + label + "' in revision " + h.id + " is already used by revision " +
                         map.revs_[it->second].id() + " (" + map.revs_[it->second].header.location + ")")
                       .at(h.location)
                       .hint("a label names one branch: rename one of them"));
    }
  }
  if (!errors.empty()) return errors.combined("the revision files have problems:");

  for (RevIndex i = 0; i < n; ++i) {
    Revision& r = map.revs_[i];
    for (const auto& d : r.header.down_revisions) {
      auto it = map.by_id_.find(d);
      if (it == map.by_id_.end()) {
        Error e = Error("down_revision '" + d + "' of revision " + r.id() + " does not exist").at(r.header.location);
        std::string near;
        for (const auto& [id, idx] : map.by_id_)
          if (starts_with(id, d) || starts_with(d, id)) near = std::string(id);
        if (!near.empty()) e.hint("did you mean '" + near + "'? down_revision takes a full revision id");
        errors.add(std::move(e));
        continue;
      }
      if (it->second == i) {
        errors.add(Error("revision " + r.id() + " names itself as its down_revision").at(r.header.location));
        continue;
      }
      if (std::find(r.down.begin(), r.down.end(), it->second) == r.down.end()) r.down.push_back(it->second);
    }
    for (const auto& d : r.header.depends_on) {
      auto it = map.by_id_.find(d);
      std::optional<RevIndex> target;
      if (it != map.by_id_.end()) target = it->second;
      if (!target) target = map.find_label(d);
      if (!target) {
        errors.add(Error("depends_on '" + d + "' of revision " + r.id() + " is neither a revision id nor a branch label")
                       .at(r.header.location));
        continue;
      }
      if (*target == i) {
        errors.add(Error("revision " + r.id() + " depends on itself").at(r.header.location));
        continue;
      }
      if (std::find(r.deps.begin(), r.deps.end(), *target) == r.deps.end()) r.deps.push_back(*target);
    }
  }
  if (!errors.empty()) return errors.combined("the revision files have problems:");

  for (RevIndex i = 0; i < n; ++i) {
    for (RevIndex d : map.revs_[i].down) map.revs_[d].next.push_back(i);
    for (RevIndex d : map.revs_[i].deps) map.revs_[d].dependents.push_back(i);
  }

  // Kahn's algorithm over versioned and dependency edges; a min-heap on the index makes sibling order
  // follow file order, so every run picks the same order.
  std::vector<uint32_t> indegree(n);
  for (RevIndex i = 0; i < n; ++i)
    indegree[i] = static_cast<uint32_t>(map.revs_[i].down.size() + map.revs_[i].deps.size());
  std::priority_queue<RevIndex, std::vector<RevIndex>, std::greater<>> ready;
  for (RevIndex i = 0; i < n; ++i)
    if (indegree[i] == 0) ready.push(i);
  map.topo_.reserve(n);
  while (!ready.empty()) {
    RevIndex i = ready.top();
    ready.pop();
    map.topo_.push_back(i);
    auto release = [&](RevIndex c) {
      if (--indegree[c] == 0) ready.push(c);
    };
    for (RevIndex c : map.revs_[i].next) release(c);
    for (RevIndex c : map.revs_[i].dependents) release(c);
  }
  if (map.topo_.size() != n) {
    // Every revision left has a parent that is left too; follow parents until one repeats.
    RevIndex start = 0;
    while (indegree[start] == 0) ++start;
    std::vector<int> seen_at(n, -1);
    std::vector<RevIndex> path;
    RevIndex cur = start;
    while (seen_at[cur] < 0) {
      seen_at[cur] = static_cast<int>(path.size());
      path.push_back(cur);
      const Revision& r = map.revs_[cur];
      RevIndex parent = cur;
      for (RevIndex p : r.down)
        if (indegree[p] > 0) parent = p;
      for (RevIndex p : r.deps)
        if (indegree[p] > 0 && parent == cur) parent = p;
      cur = parent;
    }
    std::vector<std::string> cycle;
    std::string where;
    for (size_t k = static_cast<size_t>(seen_at[cur]); k < path.size(); ++k) {
      cycle.push_back(map.revs_[path[k]].id());
      where += "\n    " + map.revs_[path[k]].id() + " at " + map.revs_[path[k]].header.location;
    }
    std::reverse(cycle.begin(), cycle.end());
    cycle.push_back(cycle.front());
    return Error("cycle in the revision graph: " + join(cycle, " -> ") + where)
        .hint("a revision cannot be its own ancestor: fix down_revision or depends_on in one of these files");
  }
  map.topo_pos_.assign(n, 0);
  for (uint32_t k = 0; k < n; ++k) map.topo_pos_[map.topo_[k]] = k;

  for (RevIndex i : map.topo_)
    if (map.revs_[i].is_head()) map.heads_.push_back(i);

  map.normalize_dependencies();

  map.sorted_ids_.reserve(n);
  for (const auto& [id, idx] : map.by_id_) map.sorted_ids_.emplace_back(id, idx);
  std::sort(map.sorted_ids_.begin(), map.sorted_ids_.end());
  return map;
}

// Alembic's normalisation: a dependency already declared by a versioned ancestor adds no edge. The set
// of dependencies declared above each revision is carried down in topological order; a plain chain
// link shares its parent's set, so this stays linear unless many revisions declare dependencies.
void RevisionMap::normalize_dependencies() {
  bool any = false;
  for (const auto& r : revs_) any = any || !r.deps.empty();
  if (!any) return;
  using DepSet = std::shared_ptr<const std::vector<RevIndex>>;  // sorted, unique
  static const DepSet kEmpty = std::make_shared<const std::vector<RevIndex>>();
  std::vector<DepSet> declared_through(revs_.size());  // above plus the revision's own deps
  for (RevIndex i : topo_) {
    Revision& r = revs_[i];
    DepSet above = kEmpty;
    if (r.down.size() == 1) {
      above = declared_through[r.down.front()];
    } else if (r.down.size() > 1) {
      std::vector<RevIndex> merged;
      for (RevIndex p : r.down) merged.insert(merged.end(), declared_through[p]->begin(), declared_through[p]->end());
      std::sort(merged.begin(), merged.end());
      merged.erase(std::unique(merged.begin(), merged.end()), merged.end());
      above = std::make_shared<const std::vector<RevIndex>>(std::move(merged));
    }
    for (RevIndex d : r.deps)
      if (!std::binary_search(above->begin(), above->end(), d)) r.normalized_deps.push_back(d);
    if (r.deps.empty()) {
      declared_through[i] = above;
    } else {
      std::vector<RevIndex> through(above->begin(), above->end());
      through.insert(through.end(), r.deps.begin(), r.deps.end());
      std::sort(through.begin(), through.end());
      through.erase(std::unique(through.begin(), through.end()), through.end());
      declared_through[i] = std::make_shared<const std::vector<RevIndex>>(std::move(through));
    }
  }
}

std::optional<RevIndex> RevisionMap::find(std::string_view id) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

std::optional<RevIndex> RevisionMap::find_label(std::string_view label) const {
  auto it = by_label_.find(label);
  if (it == by_label_.end()) return std::nullopt;
  return it->second;
}

Result<RevIndex> RevisionMap::resolve(std::string_view text) const {
  if (auto i = find(text)) return *i;
  if (auto i = find_label(text)) return *i;
  std::string t(text);
  if (text.size() < 4)
    return Error("no revision or branch '" + t + "'")
        .hint("partial revision ids need at least four characters");
  auto lo = std::lower_bound(sorted_ids_.begin(), sorted_ids_.end(), std::make_pair(text, RevIndex{0}),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<RevIndex> found;
  for (auto it = lo; it != sorted_ids_.end() && starts_with(it->first, text); ++it) found.push_back(it->second);
  if (found.empty()) return Error("no revision or branch '" + t + "'").hint("`retort history` lists the revisions");
  if (found.size() > 1) {
    std::vector<std::string> ids;
    for (size_t k = 0; k < found.size() && k < 5; ++k) ids.push_back(id(found[k]));
    return Error("revision prefix '" + t + "' is ambiguous: it matches " + join(ids, ", ") +
                 (found.size() > 5 ? ", ..." : ""))
        .hint("give more characters of the revision id");
  }
  return found.front();
}

std::vector<RevIndex> RevisionMap::real_heads() const {
  std::vector<RevIndex> out;
  for (RevIndex i : topo_)
    if (revs_[i].is_real_head()) out.push_back(i);
  return out;
}

std::vector<RevIndex> RevisionMap::bases() const {
  std::vector<RevIndex> out;
  for (RevIndex i : topo_)
    if (revs_[i].is_base()) out.push_back(i);
  return out;
}

RevisionSet RevisionMap::ancestors(const std::vector<RevIndex>& seeds, bool include_dependencies) const {
  RevisionSet seen(revs_.size(), 0);
  std::vector<RevIndex> stack;
  for (RevIndex s : seeds)
    if (!seen[s]) {
      seen[s] = 1;
      stack.push_back(s);
    }
  while (!stack.empty()) {
    RevIndex i = stack.back();
    stack.pop_back();
    auto visit = [&](RevIndex p) {
      if (!seen[p]) {
        seen[p] = 1;
        stack.push_back(p);
      }
    };
    for (RevIndex p : revs_[i].down) visit(p);
    if (include_dependencies)
      for (RevIndex p : revs_[i].deps) visit(p);
  }
  return seen;
}

RevisionSet RevisionMap::descendants(const std::vector<RevIndex>& seeds, bool include_dependencies) const {
  RevisionSet seen(revs_.size(), 0);
  std::vector<RevIndex> stack;
  for (RevIndex s : seeds)
    if (!seen[s]) {
      seen[s] = 1;
      stack.push_back(s);
    }
  while (!stack.empty()) {
    RevIndex i = stack.back();
    stack.pop_back();
    auto visit = [&](RevIndex c) {
      if (!seen[c]) {
        seen[c] = 1;
        stack.push_back(c);
      }
    };
    for (RevIndex c : revs_[i].next) visit(c);
    if (include_dependencies)
      for (RevIndex c : revs_[i].dependents) visit(c);
  }
  return seen;
}

RevisionSet RevisionMap::lineage(RevIndex rev) const {
  RevisionSet up = ancestors({rev}, false);
  RevisionSet down = descendants({rev}, false);
  for (size_t k = 0; k < up.size(); ++k) up[k] = static_cast<char>(up[k] | down[k]);
  return up;
}

RevIndex RevisionMap::branch_root(RevIndex rev) const {
  RevIndex cur = rev;
  while (revs_[cur].down.size() == 1) {
    RevIndex parent = revs_[cur].down.front();
    if (revs_[parent].is_branch_point()) break;
    cur = parent;
  }
  return cur;
}

std::vector<RevIndex> members(const RevisionMap& map, const RevisionSet& set) {
  std::vector<RevIndex> out;
  for (RevIndex i : map.topological())
    if (set[i]) out.push_back(i);
  return out;
}

}  // namespace retort
