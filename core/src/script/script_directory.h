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
  enum class Contents {
    kHeaders,    // revision ids, edges, labels, messages: enough for listings; served from the cache
    kDocuments,  // also every file's operations, parsed and held: for anything that runs migrations
  };
  enum class Subfolders {
    kWarn,  // revision files in subfolders are not read, and each subfolder holding some is named in warnings()
    kRead,  // [retort] recursive_version_locations = true: every folder below a location is read too
  };
  // Loads every *.toml in `version_locations` (in file-name order, each folder's files before its
  // subfolders'). Every broken file is reported, not just the first; nothing is returned unless all of
  // them are sound. An entry that is not a regular file (nor a symlink to one) is skipped and named in
  // warnings(); hidden entries and symlinks to folders are passed over. Each folder has its header cache.
  static Result<ScriptDirectory> load(const std::vector<std::filesystem::path>& version_locations,
                                      Contents contents = Contents::kDocuments, Subfolders subfolders = Subfolders::kWarn);
  bool has_documents() const { return has_documents_; }

  const RevisionMap& map() const { return map_; }
  // With Contents::kHeaders, file(i).doc is empty.
  const RevisionFile& file(RevIndex i) const { return files_[i]; }
  const std::vector<std::filesystem::path>& version_locations() const { return locations_; }
  // "skipping migrations/versions/x.toml: not a regular file (a FIFO)", one per entry passed over, and
  // one per subfolder whose revision files are not read.
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  std::vector<RevisionFile> files_;  // index i is revision i of the map
  RevisionMap map_;
  std::vector<std::filesystem::path> locations_;
  std::vector<std::string> warnings_;
  bool has_documents_ = false;
};

// How a path is shown to the user: relative to the working folder when it lies below it.
std::string display_path(const std::filesystem::path& p);

}  // namespace retort
