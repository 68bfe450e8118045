// The revision files of a project, loaded and checked as a whole, and the revision graph built from them.
#pragma once

#include "graph/revision_map.h"
#include "script/revision_file.h"
#include "util/status.h"

#include <filesystem>
#include <vector>

namespace retort {

class ScriptDirectory {
 public:
  // Loads every *.toml in `version_locations` (in file-name order). Every broken file is reported, not
  // just the first; nothing is returned unless all of them are sound.
  static Result<ScriptDirectory> load(const std::vector<std::filesystem::path>& version_locations);

  const RevisionMap& map() const { return map_; }
  const RevisionFile& file(RevIndex i) const { return files_[i]; }
  const std::vector<std::filesystem::path>& version_locations() const { return locations_; }

 private:
  std::vector<RevisionFile> files_;  // index i is revision i of the map
  RevisionMap map_;
  std::vector<std::filesystem::path> locations_;
};

// How a path is shown to the user: relative to the working folder when it lies below it.
std::string display_path(const std::filesystem::path& p);

}  // namespace retort
