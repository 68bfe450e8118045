#include "script/header_cache.h"

#include "util/cache_folder.h"
#include "util/strings.h"

#include <functional>
#include <sstream>

namespace retort {
namespace fs = std::filesystem;

namespace {

constexpr const char* kMagic = "retort-header-cache 1";

// Fields are tab-separated; these escapes keep tabs and newlines of messages out of the structure.
std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') out += "\\\\";
    else if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else out += c;
  }
  return out;
}

std::string unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      char n = s[++i];
      out += n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string list(const std::vector<std::string>& items) {
  std::vector<std::string> escaped;
  for (const auto& i : items) escaped.push_back(escape(i));
  return join(escaped, ",");
}

std::vector<std::string> unlist(const std::string& s) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  for (const auto& item : split(s, ',')) out.push_back(unescape(item));
  return out;
}

}  // namespace

fs::path HeaderCache::file_for(const fs::path& folder) {
  const fs::path base = cache_folder();
  if (base.empty()) return {};
  std::ostringstream name;
  name << std::hex << std::hash<std::string>{}(folder.lexically_normal().string()) << ".headers";
  return base / name.str();
}

HeaderCache HeaderCache::read(const fs::path& cache_file) {
  HeaderCache cache;
  if (cache_file.empty()) return cache;
  std::istringstream in(read_cache_file(cache_file));
  std::string line;
  if (!std::getline(in, line) || line != kMagic) return cache;
  while (std::getline(in, line)) {
    std::vector<std::string> f = split(line, '\t');
    if (f.size() != 13) return HeaderCache();  // corrupt: start over
    CachedHeader e;
    try {
      e.stamp.size = std::stoull(f[1]);
      e.stamp.mtime_ns = std::stoll(f[2]);
      e.stamp.ctime_ns = std::stoll(f[3]);
      e.stamp.inode = std::stoull(f[4]);
      e.line = std::stoi(f[5]);
    } catch (const std::exception&) {
      return HeaderCache();
    }
    e.header.id = unescape(f[6]);
    e.header.down_revisions = unlist(f[7]);
    e.header.depends_on = unlist(f[8]);
    e.header.branch_labels = unlist(f[9]);
    e.header.message = unescape(f[10]);
    e.create_date = unescape(f[11]);
    cache.entries_.emplace(unescape(f[0]), std::move(e));
  }
  return cache;
}

const CachedHeader* HeaderCache::find(const std::string& file_name, const FileStamp& stamp) const {
  auto it = entries_.find(file_name);
  return it != entries_.end() && it->second.stamp == stamp ? &it->second : nullptr;
}

void HeaderCache::put(const std::string& file_name, CachedHeader entry) {
  entries_[file_name] = std::move(entry);
  dirty_ = true;
}

void HeaderCache::retain(const std::unordered_map<std::string, bool>& present) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (present.count(it->first)) {
      ++it;
    } else {
      it = entries_.erase(it);
      dirty_ = true;
    }
  }
}

void HeaderCache::write(const fs::path& cache_file) const {
  if (cache_file.empty()) return;
  std::ostringstream out;
  out << kMagic << "\n";
  for (const auto& [name, e] : entries_) {
    out << escape(name) << '\t' << e.stamp.size << '\t' << e.stamp.mtime_ns << '\t' << e.stamp.ctime_ns << '\t'
        << e.stamp.inode << '\t' << e.line << '\t' << escape(e.header.id) << '\t' << list(e.header.down_revisions)
        << '\t' << list(e.header.depends_on) << '\t' << list(e.header.branch_labels) << '\t'
        << escape(e.header.message) << '\t' << escape(e.create_date) << "\t\n";
  }
  write_cache_file(cache_file, out.str());
}

}  // namespace retort
