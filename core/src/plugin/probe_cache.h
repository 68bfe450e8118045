// The plugins whose probe (plugin_probe.h) passed, so that later runs load them without one: a warm run
// stats each plugin file instead of forking and loading it twice. An entry holds for one plugin file as it
// is now (path, size, mtime, ctime, inode) loaded by one retort program as it is now (its path and the same
// identity, retort's version and ABI). Anything else means probing again, and so does an entry that does
// not read back exactly: each line carries a checksum of its fields. Only clean loads are remembered: a
// plugin retort refused may not have reached its init in the probe.
#pragma once

#include "util/file_stamp.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace retort {

class ProbeCache {
 public:
  // The cache of the running program, in the cache folder (util/cache_folder.h); one that remembers
  // nothing when caching is off.
  static ProbeCache open();
  // The cache in `cache_file` (empty: none) for `program`.
  static ProbeCache open(const std::filesystem::path& cache_file, const std::filesystem::path& program);

  // Whether the plugin passed its probe when it had this stamp.
  bool passed(const std::filesystem::path& plugin, const std::optional<FileStamp>& stamp) const;
  // Remembers that the plugin, with the stamp it had before its probe, passed; writes the cache at once
  // (best effort), merged with what other runs wrote meanwhile.
  void remember(const std::filesystem::path& plugin, const std::optional<FileStamp>& stamp);

  struct Entry {
    std::string plugin;
    FileStamp plugin_stamp;
    std::string program;
    FileStamp program_stamp;
    std::string version;
  };

 private:
  std::filesystem::path file_;
  std::optional<Entry> self_;  // the program's side of an entry; none: nothing is remembered
  std::vector<Entry> entries_;
};

}  // namespace retort
