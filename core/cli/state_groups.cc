#include "state_groups.h"

#include "util/strings.h"

#include <algorithm>
#include <numeric>

namespace retort::cli {

std::string databases_count(size_t n) { return std::to_string(n) + (n == 1 ? " database" : " databases"); }

std::string first_names(const std::vector<std::string>& names, size_t total, size_t shown) {
  std::vector<std::string> listed(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(std::min(shown, names.size())));
  std::string text = join(listed, ", ");
  if (total > listed.size()) text += " and " + std::to_string(total - listed.size()) + " more";
  return text;
}

void StateGroups::add(const std::string& state, const std::string& database) {
  auto [it, inserted] = index_.emplace(state, groups_.size());
  if (inserted) groups_.push_back(Group{state, 0, {}});
  Group& g = groups_[it->second];
  ++g.count;
  if (g.names.size() <= kNamedInGroup) g.names.push_back(database);
}

std::vector<std::string> StateGroups::lines() const {
  std::vector<size_t> order(groups_.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return groups_[a].count > groups_[b].count; });
  std::vector<std::string> out;
  for (size_t i : order) {
    const Group& g = groups_[i];
    std::string line = databases_count(g.count) + " " + g.state;
    if (g.count <= kNamedInGroup) line += ": " + join(g.names, ", ");
    out.push_back(line);
  }
  return out;
}

}  // namespace retort::cli
