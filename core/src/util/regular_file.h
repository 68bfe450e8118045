// Reading the files retort is pointed at (revision files, the config) so that no file-system entry can
// stall or exhaust it: a FIFO would block the read forever, /dev/zero would never end, and a folder reads
// as an empty document. Only regular files are read, symlinks followed, and never more than a cap.
#pragma once

#include "util/status.h"

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <string>

namespace retort {

// Far above any real revision file or config (a few KiB), small enough to read at once.
constexpr size_t kMaxInputFileBytes = size_t{16} << 20;

// The whole content of the regular file at `path` (a symlink to one is fine). A FIFO, folder, device or
// socket is refused without waiting on it, and so is a file larger than `max_bytes`; errors are located
// at `shown_path`.
Result<std::string> read_regular_file(const std::filesystem::path& path, const std::string& shown_path,
                                      size_t max_bytes = kMaxInputFileBytes);

// "a FIFO", "a folder", "a character device", ... for the file type bits of `mode` (st_mode); "" for a
// regular file.
std::string non_regular_kind(mode_t mode);

}  // namespace retort
