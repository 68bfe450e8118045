#include "revision_format.h"

#include "util/strings.h"

#include <algorithm>

namespace retort::cli {

RevisionFormat::RevisionFormat(const ScriptDirectory& scripts)
    : scripts_(scripts), branch_names_(scripts.map().size()), current_(scripts.map().size(), 0) {
  // As Alembic shows them: a label belongs to its revision, everything above it, and the revisions
  // below it down to the branch point it grew from.
  const RevisionMap& map = scripts.map();
  for (RevIndex i = 0; i < map.size(); ++i) {
    for (const auto& label : map.at(i).header.branch_labels) {
      RevisionSet above = map.descendants({i}, false);
      for (RevIndex k = 0; k < map.size(); ++k)
        if (above[k]) branch_names_[k].push_back(label);
      RevIndex cur = i;
      while (map.at(cur).down.size() == 1) {
        RevIndex p = map.at(cur).down.front();
        if (map.at(p).next.size() + map.at(p).dependents.size() > 1) break;
        branch_names_[p].push_back(label);
        cur = p;
      }
    }
  }
  for (auto& names : branch_names_) {
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
  }
}

void RevisionFormat::set_current(const std::vector<RevIndex>& current) {
  for (RevIndex r : current) current_[r] = 1;
}

std::string RevisionFormat::labels(RevIndex rev) const {
  return branch_names_[rev].empty() ? "" : " (" + join(branch_names_[rev], ", ") + ")";
}

std::string RevisionFormat::indicators(RevIndex rev, bool tree) const {
  const Revision& r = scripts_.map().at(rev);
  std::string s;
  if (r.is_head()) s += " (head)";
  if (current_[rev]) s += " (current)";
  if (tree && r.is_branch_point()) s += " (branchpoint)";
  if (tree && r.is_merge_point()) s += " (mergepoint)";
  return s;
}

std::string RevisionFormat::down_text(RevIndex rev) const {
  const Revision& r = scripts_.map().at(rev);
  if (r.down.empty()) return "<base>";
  std::vector<std::string> ids;
  for (RevIndex d : r.down) ids.push_back(scripts_.map().id(d));
  return join(ids, ", ");
}

std::string RevisionFormat::short_line(RevIndex rev, bool tree_indicators) const {
  return scripts_.map().id(rev) + labels(rev) + indicators(rev, tree_indicators);
}

std::string RevisionFormat::history_line(RevIndex rev) const {
  const Revision& r = scripts_.map().at(rev);
  std::string down = down_text(rev);
  if (!r.header.depends_on.empty()) down += " (" + join(r.header.depends_on, ", ") + ")";
  return down + " -> " + short_line(rev, true) + ", " + r.header.message;
}

std::string RevisionFormat::verbose_entry(RevIndex rev) const {
  const RevisionMap& map = scripts_.map();
  const Revision& r = map.at(rev);
  std::string e = "Rev: " + r.id() + indicators(rev, true) + "\n";
  e += (r.is_merge_point() ? "Merges: " : "Parent: ") + down_text(rev) + "\n";
  if (!r.header.depends_on.empty()) e += "Also depends on: " + join(r.header.depends_on, ", ") + "\n";
  if (r.is_branch_point()) {
    std::vector<std::string> ids;
    for (RevIndex c : r.next) ids.push_back(map.id(c));
    e += "Branches into: " + join(ids, ", ") + "\n";
  }
  if (!branch_names_[rev].empty()) e += "Branch names: " + join(branch_names_[rev], ", ") + "\n";
  e += "Path: " + scripts_.file(rev).path + "\n";
  e += "\n    " + r.header.message + "\n";
  if (!scripts_.file(rev).create_date.empty()) e += "\n    Create Date: " + scripts_.file(rev).create_date + "\n";
  return e;
}

}  // namespace retort::cli
