// The revision files of a project, listed and checked as a whole, and the revision graph built from them.
// Listing reads headers from the revision cache (script/revision_cache.h) wherever a file is unchanged;
// a revision's operations are parsed only when something asks for them.
#pragma once

#include "graph/revision_map.h"
#include "script/revision_cache.h"
#include "script/revision_file.h"
#include "util/file_stamp.h"
#include "util/status.h"

#include <filesystem>
#include <memory>
#include <utility>
#include <mutex>
#include <vector>

namespace retort {

// What the listing knows of a revision file besides its header (which is the map's).
struct ListedRevision {
  std::string path;  // as shown in messages
  std::string create_date;
  bool transactional = true;  // `transaction = false` makes it false
};

class ScriptDirectory {
 public:
  enum class Subfolders {
    kWarn,  // revision files in subfolders are not read, and each subfolder holding some is named in warnings()
    kRead,  // [retort] recursive_version_locations = true: every folder below a location is read too
  };
  // Lists every *.toml in `version_locations` (in file-name order, each folder's files before its
  // subfolders') and builds the graph. A file that is new or changed since the cache saw it is parsed in
  // full now; every broken file is reported, not just the first, and nothing is returned unless all of
  // them are sound. An entry that is not a regular file (nor a symlink to one) is skipped and named in
  // warnings(); hidden entries and symlinks to folders are passed over. Each folder has its own cache.
  static Result<ScriptDirectory> load(const std::vector<std::filesystem::path>& version_locations,
                                      Subfolders subfolders = Subfolders::kWarn);

  const RevisionMap& map() const { return map_; }
  // Revision i's path, create_date and transaction flag; its header is map().at(i).header.
  const ListedRevision& file(RevIndex i) const { return files_[i]; }
  // Revision i with its header and operations, parsed now unless already held. An error when the file
  // changed since it was listed (its checked content is no longer what is on disk). Safe to call from
  // several threads.
  Result<const RevisionFile*> document(RevIndex i) const;
  // Whether document(i) is held already (parsed while listing, or asked for).
  bool parsed(RevIndex i) const;
  // Makes document() of each of `revisions` immediate, parsing the missing ones on every core.
  Status load_documents(const std::vector<RevIndex>& revisions) const;
  // revision_checksum() of revision i, as listed.
  const std::string& checksum(RevIndex i) const { return listed_[i].checksum; }

  // Whether revision i passed the revision-file check under `check_key` (runtime/check_key.h) on an
  // earlier run and is unchanged since.
  bool checked_under(RevIndex i, const std::string& check_key) const;
  // Remembers, in the revision cache, that every revision passed the check under `check_key`.
  void remember_checked(const std::string& check_key) const;
  // Whether a step of revision i passed a plan's checks under `plan_key` on an earlier run, and the file is
  // unchanged since.
  bool planned_under(RevIndex i, const std::string& plan_key) const;
  // Remembers, in the revision cache, that each revision's step passed under its key.
  void remember_planned(const std::vector<std::pair<RevIndex, std::string>>& passed) const;

  const std::vector<std::filesystem::path>& version_locations() const { return locations_; }
  // "skipping migrations/versions/x.toml: not a regular file (a FIFO)", one per entry passed over, and
  // one per subfolder whose revision files are not read.
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  struct Listed {
    size_t location = 0;  // index into folders_
    std::string name;     // the file name inside it
    FileStamp stamp;      // when it was listed
    std::string checksum;
    bool checked = false;  // passed the check under check_keys_[location]
    uint8_t planned = 0;  // bit k: its steps passed a plan's checks under plan_keys_[location][k]
  };

  Result<RevisionFile> parse_listed(RevIndex i) const;
  // Writes the revision cache of every version location from what is listed (best effort).
  void write_caches() const;

  // Index i is revision i of the map.
  std::vector<ListedRevision> files_;
  // Parsed on first use (under the mutex); once set, never replaced.
  mutable std::vector<std::unique_ptr<const RevisionFile>> documents_;
  mutable std::vector<Listed> listed_;
  RevisionMap map_;
  std::vector<std::filesystem::path> locations_;
  std::vector<std::filesystem::path> folders_;      // every folder read: the locations and, recursive, below them
  std::vector<std::filesystem::path> cache_files_;  // one per folder; empty when caching is off
  mutable std::vector<std::string> check_keys_;     // one per folder: what its files' `checked` refer to
  mutable std::vector<std::vector<std::string>> plan_keys_;  // per folder: what its files' `planned` bits refer to
  std::vector<std::string> warnings_;
  std::unique_ptr<std::mutex> mutex_ = std::make_unique<std::mutex>();
};

// How a path is shown to the user: relative to the working folder when it lies below it.
std::string display_path(const std::filesystem::path& p);

}  // namespace retort
