#include "revision_format.h"

#include "util/strings.h"

namespace retort::cli {

RevisionFormat::RevisionFormat(const ScriptDirectory& scripts)
    : scripts_(scripts), current_(scripts.map().size(), 0) {}

void RevisionFormat::set_current(const std::vector<RevIndex>& current) {
  for (RevIndex r : current) current_[r] = 1;
}

std::string RevisionFormat::down_text(RevIndex rev) const {
  const Revision& r = scripts_.map().at(rev);
  if (r.down.empty()) return "<base>";
  std::vector<std::string> ids;
  for (RevIndex d : r.down) ids.push_back(scripts_.map().id(d));
  return join(ids, ", ");
}

std::string RevisionFormat::head_only(RevIndex rev, bool labels, bool message, bool parents, bool tree) const {
  const Revision& r = scripts_.map().at(rev);
  std::string text = r.id();
  if (parents) {
    text = down_text(rev) + (r.header.depends_on.empty() ? "" : " (" + join(r.header.depends_on, ", ") + ")") + " -> " + text;
  }
  if (labels && !r.labels.empty()) text += " (" + join(r.labels, ", ") + ")";
  if (r.is_real_head()) text += " (head)";
  if (r.is_head() && !r.is_real_head()) text += " (effective head)";
  if (current_[rev]) text += " (current)";
  if (tree && r.is_branch_point()) text += " (branchpoint)";
  if (tree && r.is_merge_point()) text += " (mergepoint)";
  if (message) text += ", " + r.header.message;
  return text;
}

std::string RevisionFormat::heads_line(RevIndex rev) const { return head_only(rev, true, false, false, false); }
std::string RevisionFormat::current_line(RevIndex rev) const { return head_only(rev, false, false, false, true); }
std::string RevisionFormat::branch_point_line(RevIndex rev) const { return head_only(rev, true, false, false, true); }
std::string RevisionFormat::branch_line(RevIndex rev, bool with_message) const {
  return head_only(rev, true, with_message, false, true);
}
std::string RevisionFormat::history_line(RevIndex rev) const { return head_only(rev, true, true, true, true); }

std::string RevisionFormat::verbose_entry(RevIndex rev) const {
  const RevisionMap& map = scripts_.map();
  const Revision& r = map.at(rev);
  std::string e = "Rev: " + r.id();
  if (r.is_head()) e += " (head)";
  if (r.is_branch_point()) e += " (branchpoint)";
  if (r.is_merge_point()) e += " (mergepoint)";
  if (current_[rev]) e += " (current)";
  e += "\n";
  e += (r.is_merge_point() ? "Merges: " : "Parent: ") + down_text(rev) + "\n";
  if (!r.header.depends_on.empty()) e += "Also depends on: " + join(r.header.depends_on, ", ") + "\n";
  if (r.is_branch_point()) {
    std::vector<std::string> ids;
    for (RevIndex c : r.next) ids.push_back(map.id(c));
    e += "Branches into: " + join(ids, ", ") + "\n";
  }
  if (!r.labels.empty()) e += "Branch names: " + join(r.labels, ", ") + "\n";
  e += "Path: " + scripts_.file(rev).path + "\n";
  e += "\n    " + r.header.message + "\n";
  if (!scripts_.file(rev).create_date.empty()) e += "\n    Create Date: " + scripts_.file(rev).create_date + "\n";
  return e;
}

}  // namespace retort::cli
