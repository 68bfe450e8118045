// Builds revision graphs for tests from a compact description.
#pragma once

#include "graph/revision_map.h"

#include <initializer_list>
#include <string>
#include <vector>

namespace retort::testing {

struct Rev {
  std::string id;
  std::vector<std::string> down = {};
  std::vector<std::string> deps = {};
  std::vector<std::string> labels = {};
};

inline std::vector<RevisionHeader> headers(const std::vector<Rev>& revs) {
  std::vector<RevisionHeader> out;
  for (const auto& r : revs) {
    RevisionHeader h;
    h.id = r.id;
    h.down_revisions = r.down;
    h.depends_on = r.deps;
    h.branch_labels = r.labels;
    h.message = "msg " + r.id;
    h.location = r.id + ".toml:1";
    out.push_back(h);
  }
  return out;
}

// The map, or a failed test when it does not build.
RevisionMap build_map(const std::vector<Rev>& revs);

// "a b c" for a list of revisions.
std::string ids(const RevisionMap& map, const std::vector<RevIndex>& revs);
std::vector<RevIndex> lookup(const RevisionMap& map, const std::string& space_separated);

}  // namespace retort::testing
