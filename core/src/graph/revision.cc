#include "graph/revision.h"

#include <algorithm>

namespace retort {

bool Revision::has_label(const std::string& label) const {
  return std::binary_search(labels.begin(), labels.end(), label);
}

}  // namespace retort
