#include "graph/revision.h"

#include <algorithm>

namespace retort {

std::vector<RevIndex> Revision::normalized_down() const {
  std::vector<RevIndex> out = down;
  for (RevIndex d : normalized_deps)
    if (std::find(out.begin(), out.end(), d) == out.end()) out.push_back(d);
  return out;
}

}  // namespace retort
