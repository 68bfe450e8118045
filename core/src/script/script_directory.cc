#include "script/script_directory.h"

#include "script/revision_checksum.h"
#include "util/parallel_for.h"
#include "util/regular_file.h"
#include "util/strings.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <future>
#include <thread>

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

void from_cache(CachedRevision&& c, std::string shown, RevisionHeader& header, ListedRevision& file) {
  header = std::move(c.header);
  header.location.reserve(shown.size() + 8);
  header.location.append(shown).append(":").append(std::to_string(c.line));
  header.path = shown;
  file.path = std::move(shown);
  file.create_date = std::move(c.create_date);
  file.transactional = c.transactional;
}

bool same_links(const RevisionHeader& a, const RevisionHeader& b) {
  return a.id == b.id && a.down_revisions == b.down_revisions && a.depends_on == b.depends_on &&
         a.branch_labels == b.branch_labels;
}

}  // namespace

Result<ScriptDirectory> ScriptDirectory::load(const std::vector<fs::path>& version_locations, Subfolders subfolders) {
  const bool recursive = subfolders == Subfolders::kRead;
  ScriptDirectory dir;
  dir.locations_ = version_locations;
  std::vector<std::string> shown_dirs;
  std::vector<int> dir_fds;  // kept open so files are stat'ed relative to them
  struct CloseDirs {
    std::vector<DIR*> dirs;
    ~CloseDirs() {
      for (DIR* d : dirs) closedir(d);
    }
  } open_dirs;
  // Lists the *.toml entries of `folder`, then (recursive) its subfolders in name order.
  std::function<Status(const fs::path&, int)> read_folder = [&](const fs::path& folder, int depth) -> Status {
    DIR* d = opendir(folder.c_str());
    if (!d && depth == 0)
      return Error("revision folder '" + display_path(folder) + "' does not exist or cannot be read")
          .hint("run `retort init`, or fix script_location / version_locations in the config");
    if (!d) {
      dir.warnings_.push_back("skipping folder " + display_path(folder) + ": it cannot be read");
      return Status();
    }
    const size_t loc = dir.folders_.size();
    dir.folders_.push_back(folder);
    open_dirs.dirs.push_back(d);
    dir_fds.push_back(dirfd(d));
    shown_dirs.push_back(display_path(folder));
    const size_t first = dir.listed_.size();
    std::vector<std::string> below;
    while (const dirent* de = readdir(d)) {
      std::string_view name(de->d_name);
      if (name.empty() || name.front() == '.') continue;
      if (is_folder(dirfd(d), de) && (recursive || !ends_with(name, ".toml"))) {
        if (recursive) {
          below.emplace_back(name);
        } else if (holds_revision_files(folder / std::string(name))) {
          // They would silently be missing from history: say where they are and how to read them.
          dir.warnings_.push_back("revision files in subfolder " + shown_dirs.back() + "/" + std::string(name) +
                                  " are not read; add recursive_version_locations = true to [retort] to read them");
        }
        continue;
      }
      if (!ends_with(name, ".toml")) continue;
      // Reading a FIFO would block for ever and a device may never end: such an entry is not a
      // revision file, so it is passed over, loudly. (Reading refuses one too, should it be swapped in.)
      const std::string kind = entry_kind(dirfd(d), de);
      if (!kind.empty()) {
        dir.warnings_.push_back("skipping " + shown_dirs.back() + "/" + std::string(name) + ": not a regular file (" +
                                kind + ")");
        continue;
      }
      dir.listed_.push_back(Listed{loc, std::string(name), {}, {}, false, 0});
    }
    std::sort(dir.listed_.begin() + static_cast<std::ptrdiff_t>(first), dir.listed_.end(),
              [](const Listed& a, const Listed& b) { return a.name < b.name; });
    std::sort(below.begin(), below.end());
    for (const auto& sub : below) {
      if (depth >= kMaxFolderDepth) {
        dir.warnings_.push_back("skipping folder " + shown_dirs[loc] + "/" + sub + ": more than " +
                                std::to_string(kMaxFolderDepth) + " levels below the version location");
        continue;
      }
      RETORT_TRY(read_folder(folder / sub, depth + 1));
    }
    return Status();
  };
  // Reading the locations' caches does not depend on the listing, so it runs beside it: on a big tree both
  // take about as long.
  std::future<std::vector<RevisionCache>> prefetched = std::async(std::launch::async, [&version_locations] {
    std::vector<RevisionCache> out;
    for (const auto& location : version_locations) {
      const fs::path folder = fs::absolute(location);
      out.push_back(RevisionCache::read(RevisionCache::file_for(folder), folder));
    }
    return out;
  });
  for (const auto& location : version_locations) RETORT_TRY(read_folder(location, 0));

  const size_t count = dir.listed_.size();
  // Stat-ing does not need the caches either: it goes on while they are still being read. A file that
  // could not be stat'ed keeps the empty stamp, which no cache entry has.
  parallel_for(count, [&](size_t i) {
    Listed& l = dir.listed_[i];
    if (auto stamp = stamp_at(dir_fds[l.location], l.name)) l.stamp = *stamp;
  });

  // Both the listing and each cache are sorted by file name: one pass pairs every file with its entry.
  std::vector<CachedRevision*> candidate(count, nullptr);
  std::vector<RevisionCache> caches;
  std::vector<RevisionCache> read_ahead = prefetched.get();
  for (size_t loc = 0; loc < dir.folders_.size(); ++loc) {
    const fs::path folder = fs::absolute(dir.folders_[loc]);
    dir.cache_files_.push_back(RevisionCache::file_for(folder));
    auto ahead = std::find(version_locations.begin(), version_locations.end(), dir.folders_[loc]);
    if (ahead != version_locations.end())
      caches.push_back(std::move(read_ahead[static_cast<size_t>(ahead - version_locations.begin())]));
    else
      caches.push_back(RevisionCache::read(dir.cache_files_.back(), folder));
    dir.check_keys_.push_back(caches.back().check_key);
    dir.plan_keys_.push_back(caches.back().plan_keys);
  }
  std::vector<size_t> next_entry(caches.size(), 0);
  for (size_t i = 0; i < count; ++i) {
    const Listed& l = dir.listed_[i];
    auto& entries = caches[l.location].entries;
    size_t& k = next_entry[l.location];
    while (k < entries.size() && entries[k].file_name < l.name) ++k;
    if (k < entries.size() && entries[k].file_name == l.name) candidate[i] = &entries[k];
  }

  dir.files_.resize(count);
  dir.documents_.resize(count);
  std::vector<RevisionHeader> headers(count);
  std::vector<ErrorList> errors(count);
  std::vector<char> cached(count, 0);
  parallel_for(count, [&](size_t i) {
    Listed& l = dir.listed_[i];
    std::string shown = shown_dirs[l.location] + "/" + l.name;
    if (l.stamp != FileStamp{} && candidate[i] && candidate[i]->stamp == l.stamp) {
      CachedRevision& hit = *candidate[i];
      l.checksum = std::move(hit.checksum);
      l.checked = hit.checked;
      l.planned = hit.planned;
      from_cache(std::move(hit), std::move(shown), headers[i], dir.files_[i]);
      cached[i] = 1;
      return;
    }
    auto parsed = load_revision_file(dir.folders_[l.location] / l.name, shown, errors[i]);
    if (!parsed) return;
    l.checksum = revision_checksum(*parsed);
    headers[i] = parsed->header;
    dir.files_[i] = ListedRevision{parsed->path, parsed->create_date, parsed->transactional};
    dir.documents_[i] = std::make_unique<const RevisionFile>(std::move(*parsed));
  });

  ErrorList all;
  for (const auto& list : errors) all.add_all(list);
  if (!all.empty()) return all.combined(std::to_string(all.errors().size()) + " problems in the revision files:");

  RETORT_ASSIGN_OR_RETURN(dir.map_, RevisionMap::build(std::move(headers)));

  // Only a tree that loaded cleanly is cached, so a cached header is always a valid one. A file that could
  // not be stat'ed is never a hit, and never cached, so never taken as checked.
  const bool changed = std::find(cached.begin(), cached.end(), 0) != cached.end();
  size_t entries = 0;
  for (const auto& c : caches) entries += c.entries.size();
  if (changed || entries != count) dir.write_caches();
  return dir;
}

Result<RevisionFile> ScriptDirectory::parse_listed(RevIndex i) const {
  const Listed& l = listed_[i];
  const ListedRevision& listed = files_[i];
  const fs::path path = folders_[l.location] / l.name;
  const Error changed = Error(listed.path + " changed after retort listed the revision files")
                            .hint("run the command again once nothing is writing to the revision folder");
  ErrorList errors;
  std::optional<RevisionFile> parsed = load_revision_file(path, listed.path, errors);
  if (!parsed) return errors.combined("");
  auto after = stamp_of(path);
  // What was listed (and checked) must be what runs: a file written meanwhile is refused, not used.
  if (!after || *after != l.stamp || !same_links(parsed->header, map_.at(i).header)) return changed;
  return std::move(*parsed);
}

Result<const RevisionFile*> ScriptDirectory::document(RevIndex i) const {
  {
    std::lock_guard<std::mutex> lock(*mutex_);
    if (documents_[i]) return documents_[i].get();  // a document, once set, is never replaced
  }
  RETORT_TRY(load_documents({i}));
  std::lock_guard<std::mutex> lock(*mutex_);
  return documents_[i].get();
}

bool ScriptDirectory::parsed(RevIndex i) const {
  std::lock_guard<std::mutex> lock(*mutex_);
  return documents_[i] != nullptr;
}

Status ScriptDirectory::load_documents(const std::vector<RevIndex>& revisions) const {
  std::vector<RevIndex> missing;
  {
    std::lock_guard<std::mutex> lock(*mutex_);
    for (RevIndex r : revisions)
      if (!documents_[r]) missing.push_back(r);
  }
  std::vector<Result<RevisionFile>> parsed(missing.size(), Error(""));
  parallel_for(missing.size(), [&](size_t k) { parsed[k] = parse_listed(missing[k]); });
  ErrorList errors;
  std::lock_guard<std::mutex> lock(*mutex_);
  for (size_t k = 0; k < missing.size(); ++k) {
    if (!parsed[k].ok()) {
      errors.add(std::move(parsed[k]).error());
    } else if (!documents_[missing[k]]) {
      documents_[missing[k]] = std::make_unique<const RevisionFile>(std::move(parsed[k]).value());
    }
  }
  if (!errors.empty()) return errors.combined(std::to_string(errors.errors().size()) + " problems in the revision files:");
  return Status();
}

bool ScriptDirectory::checked_under(RevIndex i, const std::string& check_key) const {
  std::lock_guard<std::mutex> lock(*mutex_);
  return !check_key.empty() && listed_[i].checked && check_keys_[listed_[i].location] == check_key;
}

void ScriptDirectory::remember_checked(const std::string& check_key) const {
  {
    std::lock_guard<std::mutex> lock(*mutex_);
    for (auto& key : check_keys_) key = check_key;
    for (auto& l : listed_) l.checked = true;
  }
  write_caches();
}

bool ScriptDirectory::planned_under(RevIndex i, const std::string& plan_key) const {
  std::lock_guard<std::mutex> lock(*mutex_);
  const Listed& l = listed_[i];
  const auto& keys = plan_keys_[l.location];
  const auto k = std::find(keys.begin(), keys.end(), plan_key);
  return !plan_key.empty() && k != keys.end() && (l.planned >> (k - keys.begin()) & 1) != 0;
}

void ScriptDirectory::remember_planned(const std::vector<std::pair<RevIndex, std::string>>& passed) const {
  bool added = false;
  {
    std::lock_guard<std::mutex> lock(*mutex_);
    for (const auto& [i, key] : passed) {
      if (key.empty()) continue;
      Listed& l = listed_[i];
      auto& keys = plan_keys_[l.location];
      auto k = std::find(keys.begin(), keys.end(), key);
      if (k == keys.end()) {
        // The oldest key (another retort, plugin set or database) makes room: bit 0 goes in every entry.
        if (keys.size() == RevisionCache::kMaxPlanKeys) {
          keys.erase(keys.begin());
          for (Listed& other : listed_)
            if (other.location == l.location) other.planned = static_cast<uint8_t>(other.planned >> 1);
        }
        keys.push_back(key);
        k = keys.end() - 1;
      }
      const auto bit = static_cast<uint8_t>(1u << (k - keys.begin()));
      if (l.planned & bit) continue;
      l.planned |= bit;
      added = true;
    }
  }
  if (added) write_caches();
}

void ScriptDirectory::write_caches() const {
  std::lock_guard<std::mutex> lock(*mutex_);
  for (size_t loc = 0; loc < folders_.size(); ++loc) {
    if (cache_files_[loc].empty()) continue;
    RevisionCache cache;
    cache.check_key = check_keys_[loc];
    cache.plan_keys = plan_keys_[loc];
    for (size_t i = 0; i < listed_.size(); ++i) {
      const Listed& l = listed_[i];
      if (l.location != loc || l.stamp == FileStamp{}) continue;
      const ListedRevision& f = files_[i];
      const RevisionHeader& h = map_.at(static_cast<RevIndex>(i)).header;
      CachedRevision& c = cache.entries.emplace_back();
      c.file_name = l.name;
      c.stamp = l.stamp;
      c.header.id = h.id;
      c.header.down_revisions = h.down_revisions;
      c.header.depends_on = h.depends_on;
      c.header.branch_labels = h.branch_labels;
      c.header.message = h.message;
      c.line = line_of(h.location);
      c.create_date = f.create_date;
      c.transactional = f.transactional;
      c.checksum = l.checksum;
      c.checked = l.checked;
      c.planned = l.planned;
    }
    cache.write(cache_files_[loc], fs::absolute(folders_[loc]));
  }
}

}  // namespace retort
