#include "graph_builder.h"

#include "util/strings.h"

#include <gtest/gtest.h>

#include <sstream>

namespace retort::testing {

RevisionMap build_map(const std::vector<Rev>& revs) {
  auto r = RevisionMap::build(headers(revs));
  if (!r.ok()) {
    ADD_FAILURE() << "graph did not build: " << r.error().to_string();
    return RevisionMap();
  }
  return std::move(r).value();
}

std::string ids(const RevisionMap& map, const std::vector<RevIndex>& revs) {
  std::vector<std::string> out;
  for (RevIndex r : revs) out.push_back(map.id(r));
  return join(out, " ");
}

std::vector<RevIndex> lookup(const RevisionMap& map, const std::string& space_separated) {
  std::vector<RevIndex> out;
  std::istringstream in(space_separated);
  std::string id;
  while (in >> id) {
    auto i = map.find(id);
    if (!i) {
      ADD_FAILURE() << "no revision " << id;
      continue;
    }
    out.push_back(*i);
  }
  return out;
}

}  // namespace retort::testing
