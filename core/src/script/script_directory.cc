#include "script/script_directory.h"

#include "script/header_cache.h"
#include "util/regular_file.h"
#include "util/strings.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <thread>
#include <unordered_map>

namespace retort {
namespace fs = std::filesystem;

std::string display_path(const fs::path& p) {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (ec) return p.string();
  fs::path rel = p.lexically_relative(cwd);
  if (rel.empty() || *rel.begin() == "..") return p.string();
  return rel.string();
}

namespace {

struct Entry {
  std::string name;
  size_t location = 0;  // index into the folders read
  std::string shown;
  std::optional<FileStamp> stamp;
  std::optional<RevisionFile> file;
  ErrorList errors;
  bool from_cache = false;
};

// Runs fn(i) for every index on every core: parsing and stat calls dominate on big trees.
template <class Fn>
void parallel_for(size_t count, Fn fn) {
  unsigned workers = std::max(1u, std::min<unsigned>(std::thread::hardware_concurrency(),
                                                     static_cast<unsigned>(count / 64 + 1)));
  auto work = [&](size_t first) {
    for (size_t i = first; i < count; i += workers) fn(i);
  };
  std::vector<std::thread> threads;
  for (unsigned w = 1; w < workers; ++w) threads.emplace_back(work, w);
  work(0);
  for (auto& t : threads) t.join();
}

// "" for a regular file or a symlink to one; otherwise what the entry is, in words. The file type readdir
// gives saves a stat for all but symlinks (and file systems that do not tell).
std::string entry_kind(int dir_fd, const dirent* de) {
  if (de->d_type == DT_REG) return "";
  if (de->d_type != DT_LNK && de->d_type != DT_UNKNOWN) return non_regular_kind(DTTOIF(de->d_type));
  struct stat st {};
  // A dangling symlink is left to the reader, which names it as unreadable.
  if (::fstatat(dir_fd, de->d_name, &st, 0) != 0) return "";
  return non_regular_kind(st.st_mode);
}

constexpr int kMaxFolderDepth = 32;

// A folder, not a symlink to one: os.walk (Alembic's recursive_version_locations) follows no symlinks to
// folders, which also keeps a link to a parent from making the walk endless.
bool is_folder(int dir_fd, const dirent* de) {
  if (de->d_type == DT_DIR) return true;
  if (de->d_type != DT_UNKNOWN) return false;
  struct stat st {};
  return ::fstatat(dir_fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
}

// Whether a *.toml file lies anywhere below `dir` (hidden folders aside); stops at the first.
bool holds_revision_files(const fs::path& dir) {
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.empty() && name.front() == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it.depth() >= kMaxFolderDepth) it.disable_recursion_pending();
    if (ends_with(name, ".toml") && it->is_regular_file(ec)) return true;
  }
  return false;
}

int line_of(const std::string& location) {
  auto colon = location.rfind(':');
  return colon == std::string::npos ? 1 : std::atoi(location.c_str() + colon + 1);
}

}  // namespace

Result<ScriptDirectory> ScriptDirectory::load(const std::vector<fs::path>& version_locations, Contents contents,
                                              Subfolders subfolders) {
  const bool recursive = subfolders == Subfolders::kRead;
  std::vector<Entry> entries;
  std::vector<fs::path> folders;                  // every folder read: the locations and, recursive, below them
  std::vector<std::pair<size_t, size_t>> ranges;  // the entries of each folder
  std::vector<int> dir_fds;                       // kept open so files are stat'ed relative to them
  std::vector<std::string> warnings;
  struct CloseDirs {
    std::vector<DIR*> dirs;
    ~CloseDirs() {
      for (DIR* d : dirs) closedir(d);
    }
  } open_dirs;
  // Reads the *.toml entries of `dir`, then (recursive) its subfolders in name order.
  std::function<Status(const fs::path&, int)> read_folder = [&](const fs::path& dir, int depth) -> Status {
    DIR* d = opendir(dir.c_str());
    if (!d && depth == 0)
      return Error("revision folder '" + display_path(dir) + "' does not exist or cannot be read")
          .hint("run `retort init`, or fix script_location / version_locations in the config");
    if (!d) {
      warnings.push_back("skipping folder " + display_path(dir) + ": it cannot be read");
      return Status();
    }
    open_dirs.dirs.push_back(d);
    const std::string shown_dir = display_path(dir);
    const size_t first = entries.size();
    std::vector<std::string> below;
    while (const dirent* de = readdir(d)) {
      std::string_view name(de->d_name);
      if (name.empty() || name.front() == '.') continue;
      if (is_folder(dirfd(d), de) && (recursive || !ends_with(name, ".toml"))) {
        if (recursive) {
          below.emplace_back(name);
        } else if (holds_revision_files(dir / std::string(name))) {
          // They would silently be missing from history: say where they are and how to read them.
          warnings.push_back("revision files in subfolder " + shown_dir + "/" + std::string(name) +
                             " are not read; add recursive_version_locations = true to [retort] to read them");
        }
        continue;
      }
      if (!ends_with(name, ".toml")) continue;
      // Reading a FIFO would block for ever and a device may never end: such an entry is not a
      // revision file, so it is passed over, loudly. (Reading refuses one too, should it be swapped in.)
      const std::string kind = entry_kind(dirfd(d), de);
      if (!kind.empty()) {
        warnings.push_back("skipping " + shown_dir + "/" + std::string(name) + ": not a regular file (" + kind +
                                ")");
        continue;
      }
      Entry e;
      e.name = std::string(name);
      entries.push_back(std::move(e));
    }
    std::sort(entries.begin() + static_cast<std::ptrdiff_t>(first), entries.end(),
              [](const Entry& a, const Entry& b) { return a.name < b.name; });
    for (size_t i = first; i < entries.size(); ++i) {
      entries[i].shown = shown_dir + "/" + entries[i].name;
      entries[i].location = folders.size();
    }
    folders.push_back(dir);
    ranges.emplace_back(first, entries.size());
    dir_fds.push_back(dirfd(d));
    std::sort(below.begin(), below.end());
    for (const auto& sub : below) {
      if (depth >= kMaxFolderDepth) {
        warnings.push_back("skipping folder " + shown_dir + "/" + sub + ": more than " +
                           std::to_string(kMaxFolderDepth) + " levels below the version location");
        continue;
      }
      RETORT_TRY(read_folder(dir / sub, depth + 1));
    }
    return Status();
  };
  for (const auto& dir : version_locations) RETORT_TRY(read_folder(dir, 0));

  std::vector<fs::path> cache_files;
  std::vector<HeaderCache> caches;
  for (const auto& dir : folders) {
    cache_files.push_back(HeaderCache::file_for(fs::absolute(dir)));
    caches.push_back(HeaderCache::read(cache_files.back()));
  }

  parallel_for(entries.size(), [&](size_t i) {
    Entry& e = entries[i];
    e.stamp = stamp_at(dir_fds[e.location], e.name);
    const CachedHeader* hit = e.stamp ? caches[e.location].find(e.name, *e.stamp) : nullptr;
    e.from_cache = hit != nullptr;
    if (hit && contents == Contents::kHeaders) {
      RevisionFile f;
      f.header = hit->header;
      f.header.path = e.shown;
      f.header.location = e.shown + ":" + std::to_string(hit->line);
      f.path = e.shown;
      f.create_date = hit->create_date;
      e.file = std::move(f);
    } else {
      e.file = load_revision_file(folders[e.location] / e.name, e.shown, e.errors);
    }
  });

  ErrorList all;
  for (const auto& e : entries)
    for (const auto& err : e.errors.errors()) all.add(err);
  if (!all.empty()) return all.combined(std::to_string(all.errors().size()) + " problems in the revision files:");

  ScriptDirectory dir;
  dir.locations_ = version_locations;
  dir.has_documents_ = contents == Contents::kDocuments;
  dir.warnings_ = std::move(warnings);
  std::vector<RevisionHeader> headers;
  headers.reserve(entries.size());
  dir.files_.reserve(entries.size());
  for (auto& e : entries) {
    headers.push_back(e.file->header);
    dir.files_.push_back(std::move(*e.file));
  }
  RETORT_ASSIGN_OR_RETURN(dir.map_, RevisionMap::build(std::move(headers)));

  // Only a tree that loaded cleanly is cached, so a cached header is always a valid one.
  for (size_t loc = 0; loc < ranges.size(); ++loc) {
    if (cache_files[loc].empty()) continue;
    HeaderCache& cache = caches[loc];
    std::unordered_map<std::string, bool> present;
    for (size_t i = ranges[loc].first; i < ranges[loc].second; ++i) {
      const Entry& e = entries[i];
      present[e.name] = true;
      if (e.from_cache || !e.stamp) continue;
      const RevisionFile& f = dir.files_[i];
      CachedHeader c;
      c.stamp = *e.stamp;
      c.header.id = f.header.id;
      c.header.down_revisions = f.header.down_revisions;
      c.header.depends_on = f.header.depends_on;
      c.header.branch_labels = f.header.branch_labels;
      c.header.message = f.header.message;
      c.line = line_of(f.header.location);
      c.create_date = f.create_date;
      cache.put(e.name, std::move(c));
    }
    cache.retain(present);
    if (cache.dirty()) cache.write(cache_files[loc]);
  }
  return dir;
}

}  // namespace retort
