// What retort remembers between runs about the revision files of one revision folder: each file's header,
// its checksum, whether it passed the revision-file check under the cache's check key, and under which keys
// its steps passed a plan's checks for a database (runtime/run_plan.h). An entry counts
// only while the file's stamp (size, mtime, ctime, inode) is unchanged, so `heads`, `history` and a deploy
// on a 10,000-revision tree stat the files and read one cache instead of parsing every file. Only files
// that parsed cleanly are cached; a missing, stale, foreign or corrupt cache just means the files are
// parsed (and checked) again.
#pragma once

#include "graph/revision.h"
#include "util/file_stamp.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace retort {

struct CachedRevision {
  std::string file_name;
  FileStamp stamp;
  RevisionHeader header;  // location and path are not stored: they depend on the working folder
  int line = 1;           // of `revision =`
  std::string create_date;
  bool transactional = true;
  std::string checksum;  // revision_checksum() of the file
  bool checked = false;  // passed the revision-file check under RevisionCache::check_key
  // Bit k: its steps passed a plan's checks under RevisionCache::plan_keys[k] (CheckedScripts::plan_checked).
  uint8_t planned = 0;
};

struct RevisionCache {
  // The check key (runtime/check_key.h) the entries' `checked` flags refer to; "" when none is.
  std::string check_key;
  // The plan-check keys the entries' `planned` bits refer to, oldest first: a few databases and directions.
  std::vector<std::string> plan_keys;
  static constexpr size_t kMaxPlanKeys = 8;
  std::vector<CachedRevision> entries;  // sorted by file name

  // Where the cache of `folder` lives, in the cache folder (util/cache_folder.h); empty when caching is off.
  static std::filesystem::path file_for(const std::filesystem::path& folder);
  // The cache of `folder` in `cache_file`; empty when it is missing, damaged, unsorted or another folder's.
  static RevisionCache read(const std::filesystem::path& cache_file, const std::filesystem::path& folder);
  // Best effort, and never half a cache (util/cache_folder.h).
  void write(const std::filesystem::path& cache_file, const std::filesystem::path& folder) const;

  // The same, from and to the text of a cache file.
  static RevisionCache parse(std::string_view text, const std::filesystem::path& folder);
  std::string text(const std::filesystem::path& folder) const;
};

}  // namespace retort
