#include "util/regular_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace retort {
namespace {

Error not_readable(const std::string& shown_path, mode_t mode) {
  if (S_ISDIR(mode))
    return Error("is a folder, not a file").at(shown_path).hint("name the file itself, not the folder it is in");
  return Error("not a regular file (" + non_regular_kind(mode) + ")")
      .at(shown_path)
      .hint("retort reads only regular files (or symlinks to them); replace it with the file itself");
}

std::string size_text(size_t bytes) {
  if (bytes % (size_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

Error too_large(const std::string& shown_path, size_t max_bytes) {
  return Error("larger than " + size_text(max_bytes) + ", the most retort reads from one file")
      .at(shown_path)
      .hint("revision files and configs are a few KiB; check that this is the file you meant");
}

Error cannot_read(const std::string& shown_path, int error_number) {
  return Error(std::string("cannot read file: ") + std::strerror(error_number)).at(shown_path);
}

class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

std::string non_regular_kind(mode_t mode) {
  if (S_ISREG(mode)) return "";
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISLNK(mode)) return "a symbolic link";
  return "not a file";
}

Result<std::string> read_regular_file(const std::filesystem::path& path, const std::string& shown_path,
                                      size_t max_bytes) {
  // stat first, so a device is never even opened (opening some has effects of its own) ...
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return cannot_read(shown_path, errno);
  if (!S_ISREG(st.st_mode)) return not_readable(shown_path, st.st_mode);
  // ... and O_NONBLOCK plus fstat on what was opened, so an entry swapped for a FIFO in between can
  // neither block the open nor be read.
  Descriptor fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) return cannot_read(shown_path, errno);
  if (::fstat(fd.get(), &st) != 0) return cannot_read(shown_path, errno);
  if (!S_ISREG(st.st_mode)) return not_readable(shown_path, st.st_mode);
  if (static_cast<unsigned long long>(st.st_size) > max_bytes) return too_large(shown_path, max_bytes);

  // Read to the end rather than trusting st_size, but never past the cap: the file may be growing.
  std::string content;
  content.resize(static_cast<size_t>(st.st_size) + 1);
  size_t used = 0;
  for (;;) {
    if (used == content.size()) {
      if (content.size() > max_bytes) return too_large(shown_path, max_bytes);
      content.resize(std::min(max_bytes + 1, content.size() * 2));
    }
    const ssize_t n = ::read(fd.get(), &content[used], content.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      return cannot_read(shown_path, errno);
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  if (used > max_bytes) return too_large(shown_path, max_bytes);
  content.resize(used);
  return content;
}

}  // namespace retort
