// A cache of revision-file headers per revision folder, keyed by each file's identity (size, mtime,
// ctime, inode), so `heads`, `history` and friends on a 10,000-revision tree stat the files and read one
// cache instead of opening and parsing every file. Only files that parsed cleanly are cached; a
// missing, stale or corrupt cache just means the files are parsed again.
#pragma once

#include "graph/revision.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>

namespace retort {

struct FileStamp {
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  int64_t ctime_ns = 0;
  uint64_t inode = 0;
  bool operator==(const FileStamp& o) const {
    return size == o.size && mtime_ns == o.mtime_ns && ctime_ns == o.ctime_ns && inode == o.inode;
  }
};

std::optional<FileStamp> stamp_of(const std::filesystem::path& file);
// The stamp of `name` inside the open folder `dir_fd` (no path lookup from the root: much faster for
// thousands of files).
std::optional<FileStamp> stamp_at(int dir_fd, const std::string& name);

struct CachedHeader {
  FileStamp stamp;
  RevisionHeader header;  // location and path are not stored: they depend on the working folder
  int line = 1;           // of `revision =`
  std::string create_date;
};

class HeaderCache {
 public:
  // Where the cache of `folder` lives: $RETORT_CACHE_DIR, $XDG_CACHE_HOME/retort or ~/.cache/retort;
  // empty when caching is off (RETORT_NO_CACHE=1) or there is no such folder.
  static std::filesystem::path file_for(const std::filesystem::path& folder);
  static HeaderCache read(const std::filesystem::path& cache_file);

  const CachedHeader* find(const std::string& file_name, const FileStamp& stamp) const;
  void put(const std::string& file_name, CachedHeader entry);
  // Keeps only the named files (the folder's current contents).
  void retain(const std::unordered_map<std::string, bool>& present);
  bool dirty() const { return dirty_; }
  // Best effort: written to a temporary file and renamed, so readers never see half a cache.
  void write(const std::filesystem::path& cache_file) const;

 private:
  std::unordered_map<std::string, CachedHeader> entries_;
  bool dirty_ = false;
};

}  // namespace retort
