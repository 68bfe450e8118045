#include "graph/revision_map.h"

#include "util/strings.h"

#include <algorithm>
#include <memory>
#include <queue>

namespace retort {
namespace {

bool reserved(const std::string& name) {
  return name == "head" || name == "heads" || name == "base" || name == "current";
}

// DESIGN.md §4: an id may hold anything but what the TARGET syntax and the files use as separators.
std::optional<std::string> invalid_id(const std::string& id) {
  if (id.empty()) return std::string("revision id is empty");
  if (id.size() > 32) return "revision id '" + id + "' is longer than 32 characters (version_num is VARCHAR(32))";
  for (char c : id) {
    bool bad = c == '@' || c == '-' || c == '+' || c == ':' || c == ',' || c == '/' || c == '\'' || c == '"' ||
               static_cast<unsigned char>(c) <= ' ' || c == 0x7f;
    if (bad)
      return "revision id '" + id + "' may not contain '" + std::string(1, c) +
             "' (ids may not hold whitespace, quotes, '/', '@', '-', '+', ':' or ',')";
  }
  if (reserved(id)) return "revision id '" + id + "' is a reserved word";
  return std::nullopt;
}

std::optional<std::string> invalid_label(const std::string& label) {
  if (label.empty()) return std::string("branch label is empty");
  if (label.size() > 64) return "branch label '" + label + "' is longer than 64 characters";
  for (char c : label) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    if (!ok)
      return "branch label '" + label + "' may only contain letters, digits, '_', '-' and '.' (found '" +
             std::string(1, c) + "')";
  }
  if (reserved(label)) return "branch label '" + label + "' is a reserved word";
  return std::nullopt;
}

void add_unique(std::vector<RevIndex>& list, RevIndex i) {
  if (std::find(list.begin(), list.end(), i) == list.end()) list.push_back(i);
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
    if (auto why = invalid_id(h.id)) {
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
      if (auto why = invalid_label(label)) {
        errors.add(Error(*why).at(h.location));
        continue;
      }
      if (map.by_id_.count(label)) {
        errors.add(Error("branch label '" + label + "' is also a revision id").at(h.location));
        continue;
      }
      auto [it, inserted] = map.by_label_.emplace(label, i);
      if (!inserted && it->second != i)
        errors.add(Error("branch label '" + label + "' in revision " + h.id + " is already used by revision " +
                         map.revs_[it->second].id() + " (" + map.revs_[it->second].header.location + ")")
                       .at(h.location)
                       .hint("a label names one branch: rename one of them"));
    }
  }
  if (!errors.empty()) return errors.combined("the revision files have problems:");
  RETORT_TRY(map.link(errors));
  RETORT_TRY(map.sort_topologically());
  map.normalize_dependencies();
  map.spread_branch_labels();
  return map;
}

// Resolves down_revision and depends_on into edges and derives every per-revision list from them.
Status RevisionMap::link(ErrorList& errors) {
  const auto n = static_cast<RevIndex>(revs_.size());
  for (RevIndex i = 0; i < n; ++i) {
    Revision& r = revs_[i];
    for (const auto& d : r.header.down_revisions) {
      auto it = by_id_.find(d);
      if (it == by_id_.end()) {
        Error e = Error("down_revision '" + d + "' of revision " + r.id() + " does not exist").at(r.header.location);
        std::vector<std::string> near;
        for (const auto& entry : by_id_)
          if (starts_with(entry.first, d) || starts_with(d, entry.first)) near.emplace_back(entry.first);
        std::sort(near.begin(), near.end());
        if (!near.empty()) e.hint("did you mean '" + near.front() + "'? down_revision takes a full revision id");
        errors.add(std::move(e));
        continue;
      }
      if (it->second == i) {
        errors.add(Error("revision " + r.id() + " names itself as its down_revision").at(r.header.location));
        continue;
      }
      add_unique(r.down, it->second);
    }
    for (const auto& d : r.header.depends_on) {
      std::optional<RevIndex> target = find_name(d);
      if (!target) {
        errors.add(Error("depends_on '" + d + "' of revision " + r.id() + " is neither a revision id nor a branch label")
                       .at(r.header.location)
                       .hint("depends_on takes full revision ids or branch labels"));
        continue;
      }
      if (*target == i) {
        errors.add(Error("revision " + r.id() + " depends on itself").at(r.header.location));
        continue;
      }
      add_unique(r.deps, *target);
    }
  }
  if (!errors.empty()) return errors.combined("the revision files have problems:");
  for (RevIndex i = 0; i < n; ++i) {
    for (RevIndex d : revs_[i].down) revs_[d].next.push_back(i);
    for (RevIndex d : revs_[i].deps) add_unique(revs_[d].dependents, i);
  }
  for (RevIndex i = 0; i < n; ++i) {
    Revision& r = revs_[i];
    r.all_next = r.next;
    for (RevIndex c : r.dependents) add_unique(r.all_next, c);
    if (r.next.empty()) heads_.push_back(i);
    if (r.all_next.empty()) real_heads_.push_back(i);
    if (r.down.empty()) bases_.push_back(i);
  }
  return Status();
}

// Kahn's algorithm over versioned and dependency edges; a min-heap on the index makes sibling order
// follow file order, so every run picks the same order.
Status RevisionMap::sort_topologically() {
  const auto n = static_cast<RevIndex>(revs_.size());
  std::vector<uint32_t> indegree(n);
  // A parent named both as down_revision and in depends_on is one edge (all_next holds it once).
  for (RevIndex i = 0; i < n; ++i) {
    const Revision& r = revs_[i];
    indegree[i] = static_cast<uint32_t>(r.down.size());
    for (RevIndex d : r.deps)
      if (std::find(r.down.begin(), r.down.end(), d) == r.down.end()) ++indegree[i];
  }
  std::priority_queue<RevIndex, std::vector<RevIndex>, std::greater<>> ready;
  for (RevIndex i = 0; i < n; ++i)
    if (indegree[i] == 0) ready.push(i);
  topo_.reserve(n);
  while (!ready.empty()) {
    RevIndex i = ready.top();
    ready.pop();
    topo_.push_back(i);
    for (RevIndex c : revs_[i].all_next)
      if (--indegree[c] == 0) ready.push(c);
  }
  if (topo_.size() != n) {
    // Every revision left has a parent that is left too; follow parents until one repeats.
    RevIndex start = 0;
    while (indegree[start] == 0) ++start;
    std::vector<int> seen_at(n, -1);
    std::vector<RevIndex> path;
    RevIndex cur = start;
    while (seen_at[cur] < 0) {
      seen_at[cur] = static_cast<int>(path.size());
      path.push_back(cur);
      const Revision& r = revs_[cur];
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
      cycle.push_back(revs_[path[k]].id());
      where += "\n    " + revs_[path[k]].id() + " at " + revs_[path[k]].header.location;
    }
    std::reverse(cycle.begin(), cycle.end());
    cycle.push_back(cycle.front());
    return Error("cycle in the revision graph: " + join(cycle, " -> ") + where)
        .hint("a revision cannot be its own ancestor: fix down_revision or depends_on in one of these files");
  }
  topo_pos_.assign(n, 0);
  for (uint32_t k = 0; k < n; ++k) topo_pos_[topo_[k]] = k;
  return Status();
}

// Alembic's normalisation: a dependency already declared by a versioned ancestor adds no edge. The set
// of dependencies declared above each revision is carried down in topological order; a plain chain
// link shares its parent's set, so this stays linear unless many revisions declare dependencies.
void RevisionMap::normalize_dependencies() {
  bool any = false;
  for (const auto& r : revs_) any = any || !r.deps.empty();
  if (any) {
    using DepSet = std::shared_ptr<const std::vector<RevIndex>>;  // sorted, unique
    const DepSet empty = std::make_shared<const std::vector<RevIndex>>();
    std::vector<DepSet> declared_through(revs_.size());  // above plus the revision's own deps
    for (RevIndex i : topo_) {
      Revision& r = revs_[i];
      DepSet above = empty;
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
  for (auto& r : revs_) {
    r.normalized_down = r.down;
    for (RevIndex d : r.normalized_deps) add_unique(r.normalized_down, d);
  }
}

// Alembic's rule for which revisions carry a label: the labelled revision and all its versioned
// descendants; then, walking down from the last descendant reached, every revision until a real branch
// point or a merge. The walk only gets below the labelled revision when its descendants form one line,
// so the order in which they are visited never changes the outcome.
void RevisionMap::spread_branch_labels() {
  const auto n = static_cast<RevIndex>(revs_.size());
  std::vector<char> seen(n, 0);
  std::vector<RevIndex> stack, visited;
  for (RevIndex i = 0; i < n; ++i) {
    const auto& own = revs_[i].header.branch_labels;
    if (own.empty()) continue;
    auto add = [&](RevIndex k) { revs_[k].labels.insert(revs_[k].labels.end(), own.begin(), own.end()); };
    stack.assign(1, i);
    visited.clear();
    RevIndex last = i;
    while (!stack.empty()) {
      RevIndex k = stack.back();
      stack.pop_back();
      if (seen[k]) continue;
      seen[k] = 1;
      visited.push_back(k);
      add(k);
      last = k;
      for (RevIndex c : revs_[k].next) stack.push_back(c);
    }
    for (RevIndex k : visited) seen[k] = 0;
    RevIndex cur = last;
    while (!revs_[cur].is_real_branch_point() && !revs_[cur].is_merge_point()) {
      add(cur);
      if (revs_[cur].down.empty()) break;
      cur = revs_[cur].down.front();
    }
  }
  for (auto& r : revs_) {
    std::sort(r.labels.begin(), r.labels.end());
    r.labels.erase(std::unique(r.labels.begin(), r.labels.end()), r.labels.end());
  }
}

RevisionMap RevisionMap::subset(const RevisionSet& keep, std::vector<RevIndex>& original) const {
  RevisionMap sub;
  original.clear();
  for (RevIndex i = 0; i < revs_.size(); ++i)
    if (keep[i]) original.push_back(i);
  sub.revs_.reserve(original.size());
  for (RevIndex i : original) {
    Revision r;
    r.header = revs_[i].header;
    sub.revs_.push_back(std::move(r));
  }
  for (RevIndex k = 0; k < original.size(); ++k) {
    Revision& r = sub.revs_[k];
    sub.by_id_.emplace(r.header.id, k);
    for (const auto& label : r.header.branch_labels) sub.by_label_.emplace(label, k);
  }
  // Linking cannot fail: `keep` holds every parent and dependency of its members, by id or label.
  ErrorList none;
  (void)sub.link(none);
  (void)sub.sort_topologically();
  sub.normalize_dependencies();
  sub.spread_branch_labels();
  return sub;
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

std::optional<RevIndex> RevisionMap::find_name(std::string_view name) const {
  if (auto i = find(name)) return i;
  return find_label(name);
}

std::vector<std::string_view> RevisionMap::names_with_prefix(std::string_view prefix) const {
  // A scan: prefixes are looked up only when a name is not found whole, and a sorted index would cost
  // every command that never looks one up (heads, current) a sort of all names.
  std::vector<std::pair<std::string_view, RevIndex>> found;
  for (const auto* names : {&by_id_, &by_label_})
    for (const auto& entry : *names)
      if (entry.first.size() > 3 && starts_with(entry.first, prefix)) found.push_back(entry);
  // File order, ids before labels, as Alembic lists the names it found.
  std::stable_sort(found.begin(), found.end(), [&](const auto& a, const auto& b) {
    bool a_label = !by_id_.count(a.first), b_label = !by_id_.count(b.first);
    if (a_label != b_label) return !a_label;
    return a.second < b.second;
  });
  std::vector<std::string_view> out;
  out.reserve(found.size());
  for (const auto& entry : found) out.push_back(entry.first);
  return out;
}

RevisionSet RevisionMap::ancestors(const std::vector<RevIndex>& seeds, bool include_dependencies) const {
  RevisionSet seen(revs_.size(), 0);
  std::vector<RevIndex> stack;
  auto visit = [&](RevIndex p) {
    if (!seen[p]) {
      seen[p] = 1;
      stack.push_back(p);
    }
  };
  for (RevIndex s : seeds) visit(s);
  while (!stack.empty()) {
    RevIndex i = stack.back();
    stack.pop_back();
    for (RevIndex p : revs_[i].down) visit(p);
    if (include_dependencies)
      for (RevIndex p : revs_[i].deps) visit(p);
  }
  return seen;
}

RevisionSet RevisionMap::descendants(const std::vector<RevIndex>& seeds, bool include_dependencies) const {
  RevisionSet seen(revs_.size(), 0);
  std::vector<RevIndex> stack;
  auto visit = [&](RevIndex c) {
    if (!seen[c]) {
      seen[c] = 1;
      stack.push_back(c);
    }
  };
  for (RevIndex s : seeds) visit(s);
  while (!stack.empty()) {
    RevIndex i = stack.back();
    stack.pop_back();
    for (RevIndex c : include_dependencies ? revs_[i].all_next : revs_[i].next) visit(c);
  }
  return seen;
}

RevisionSet RevisionMap::lineage(const std::vector<RevIndex>& revs, bool include_dependencies) const {
  RevisionSet up = ancestors(revs, include_dependencies);
  RevisionSet down = descendants(revs, include_dependencies);
  for (size_t k = 0; k < up.size(); ++k) up[k] = static_cast<char>(up[k] | down[k]);
  return up;
}

std::vector<RevIndex> members(const RevisionSet& set) {
  std::vector<RevIndex> out;
  for (RevIndex i = 0; i < set.size(); ++i)
    if (set[i]) out.push_back(i);
  return out;
}

std::vector<RevIndex> members(const RevisionMap& map, const RevisionSet& set) {
  std::vector<RevIndex> out;
  for (RevIndex i : map.topological())
    if (set[i]) out.push_back(i);
  return out;
}

}  // namespace retort
