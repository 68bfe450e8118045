// A file's identity as the caches see it: size, mtime, ctime and inode. Any write, replacement or rename over
// the file changes at least one of them, so an unchanged stamp means an unchanged file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace retort {

struct FileStamp {
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  int64_t ctime_ns = 0;
  uint64_t inode = 0;
  bool operator==(const FileStamp& o) const {
    return size == o.size && mtime_ns == o.mtime_ns && ctime_ns == o.ctime_ns && inode == o.inode;
  }
  bool operator!=(const FileStamp& o) const { return !(*this == o); }
};

std::optional<FileStamp> stamp_of(const std::filesystem::path& file);
// The stamp of `name` inside the open folder `dir_fd` (no path lookup from the root: much faster for
// thousands of files).
std::optional<FileStamp> stamp_at(int dir_fd, const std::string& name);

}  // namespace retort
