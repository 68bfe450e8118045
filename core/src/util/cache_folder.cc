#include "util/cache_folder.h"

#include "util/regular_file.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>

namespace retort {
namespace fs = std::filesystem;

fs::path cache_folder() {
  const char* off = std::getenv("RETORT_NO_CACHE");
  if (off && *off && std::string(off) != "0") return {};
  if (const char* dir = std::getenv("RETORT_CACHE_DIR"); dir && *dir) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return fs::path(xdg) / "retort";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".cache" / "retort";
  return {};
}

std::string read_cache_file(const fs::path& cache_file) {
  // Far above a 100,000-revision header cache (about 15 MiB).
  constexpr size_t kMaxCacheBytes = size_t{256} << 20;
  auto text = read_regular_file(cache_file, cache_file.string(), kMaxCacheBytes);
  return text.ok() ? std::move(text).value() : std::string();
}

void write_cache_file(const fs::path& cache_file, const std::string& text) {
  if (cache_file.empty()) return;
  std::error_code ec;
  fs::create_directories(cache_file.parent_path(), ec);
  fs::path tmp = cache_file;
  tmp += "." + std::to_string(::getpid()) + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    if (!out) return;
    out << text;
    if (!out.flush()) {
      out.close();
      fs::remove(tmp, ec);
      return;
    }
  }
  fs::rename(tmp, cache_file, ec);
  if (ec) fs::remove(tmp, ec);
}

}  // namespace retort
