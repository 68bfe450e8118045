// A cache of revision-file headers per revision folder, keyed by each file's identity (size, mtime,
// ctime, inode), so `heads`, `history` and friends on a 10,000-revision tree stat the files and read one
// cache instead of opening and parsing every file. Only files that parsed cleanly are cached; a
// missing, stale or corrupt cache just means the files are parsed again.
#pragma once

#include "graph/revision.h"
#include "util/file_stamp.h"

#include <filesystem>
#include <string>
#include <unordered_map>

namespace retort {

struct CachedHeader {
  FileStamp stamp;
  RevisionHeader header;  // location and path are not stored: they depend on the working folder
  int line = 1;           // of `revision =`
  std::string create_date;
};

class HeaderCache {
 public:
  // Where the cache of `folder` lives, in the cache folder (util/cache_folder.h); empty when caching is off.
  static std::filesystem::path file_for(const std::filesystem::path& folder);
  static HeaderCache read(const std::filesystem::path& cache_file);

  const CachedHeader* find(const std::string& file_name, const FileStamp& stamp) const;
  void put(const std::string& file_name, CachedHeader entry);
  // Keeps only the named files (the folder's current contents).
  void retain(const std::unordered_map<std::string, bool>& present);
  bool dirty() const { return dirty_; }
  // Best effort, and never half a cache (util/cache_folder.h).
  void write(const std::filesystem::path& cache_file) const;

 private:
  std::unordered_map<std::string, CachedHeader> entries_;
  bool dirty_ = false;
};

}  // namespace retort
