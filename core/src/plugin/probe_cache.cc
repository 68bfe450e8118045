#include "plugin/probe_cache.h"

#include "util/cache_folder.h"
#include "util/strings.h"

#include <boost/dll/runtime_symbol_info.hpp>

#include <retort/retort_plugin.h>

#include <cstdio>
#include <sstream>

namespace retort {
namespace fs = std::filesystem;

namespace {

constexpr const char* kMagic = "retort-plugin-probes 1";
constexpr const char* kFileName = "plugins.probe";

std::string retort_identity() {
  return std::string("retort ") + RETORT_VERSION + " ABI " + std::to_string(RETORT_ABI_MAJOR) + "." +
         std::to_string(RETORT_ABI_MINOR);
}

std::string key(const fs::path& file) { return fs::absolute(file).lexically_normal().string(); }

// FNV-1a: enough to tell a damaged or hand-edited line from one this code wrote.
std::string checksum(const std::string& text) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

void put_stamp(std::ostringstream& out, const FileStamp& s) {
  out << '\t' << s.size << '\t' << s.mtime_ns << '\t' << s.ctime_ns << '\t' << s.inode;
}

std::string fields_of(const ProbeCache::Entry& e) {
  std::ostringstream out;
  out << e.plugin;
  put_stamp(out, e.plugin_stamp);
  out << '\t' << e.program;
  put_stamp(out, e.program_stamp);
  out << '\t' << e.version;
  return out.str();
}

bool read_stamp(const std::vector<std::string>& f, size_t at, FileStamp& s) {
  try {
    size_t used = 0;
    s.size = std::stoull(f[at], &used);
    if (used != f[at].size()) return false;
    s.mtime_ns = std::stoll(f[at + 1], &used);
    if (used != f[at + 1].size()) return false;
    s.ctime_ns = std::stoll(f[at + 2], &used);
    if (used != f[at + 2].size()) return false;
    s.inode = std::stoull(f[at + 3], &used);
    return used == f[at + 3].size();
  } catch (const std::exception&) {
    return false;
  }
}

// An entry exactly as written, or nothing.
std::optional<ProbeCache::Entry> parse(const std::string& line) {
  auto tab = line.rfind('\t');
  if (tab == std::string::npos || checksum(line.substr(0, tab)) != line.substr(tab + 1)) return std::nullopt;
  std::vector<std::string> f = split(line.substr(0, tab), '\t');
  ProbeCache::Entry e;
  if (f.size() != 11 || !read_stamp(f, 1, e.plugin_stamp) || !read_stamp(f, 6, e.program_stamp)) return std::nullopt;
  e.plugin = f[0];
  e.program = f[5];
  e.version = f[10];
  return e;
}

std::vector<ProbeCache::Entry> read_entries(const fs::path& file) {
  std::vector<ProbeCache::Entry> entries;
  std::istringstream in(read_cache_file(file));
  std::string line;
  if (!std::getline(in, line) || line != kMagic) return entries;
  while (std::getline(in, line))
    if (auto e = parse(line)) entries.push_back(std::move(*e));
  return entries;
}

bool same_target(const ProbeCache::Entry& a, const ProbeCache::Entry& b) {
  return a.plugin == b.plugin && a.program == b.program;
}

// Whether the files of an entry are still as it saw them (entries of deleted or rebuilt files go).
bool current(const ProbeCache::Entry& e) {
  auto plugin = stamp_of(e.plugin);
  auto program = stamp_of(e.program);
  return plugin && *plugin == e.plugin_stamp && program && *program == e.program_stamp;
}

}  // namespace

ProbeCache ProbeCache::open() {
  const fs::path folder = cache_folder();
  std::error_code ec;
  const fs::path program = boost::dll::program_location(ec);
  return open(folder.empty() || ec ? fs::path() : folder / kFileName, program);
}

ProbeCache ProbeCache::open(const fs::path& cache_file, const fs::path& program) {
  ProbeCache cache;
  auto program_stamp = stamp_of(program);
  if (cache_file.empty() || !program_stamp) return cache;
  const std::string program_key = key(program);
  if (program_key.find_first_of("\t\n") != std::string::npos) return cache;
  cache.file_ = cache_file;
  cache.self_ = Entry{"", {}, program_key, *program_stamp, retort_identity()};
  cache.entries_ = read_entries(cache_file);
  return cache;
}

bool ProbeCache::passed(const fs::path& plugin, const std::optional<FileStamp>& stamp) const {
  if (!self_ || !stamp) return false;
  const std::string plugin_key = key(plugin);
  for (const auto& e : entries_)
    if (e.plugin == plugin_key && e.plugin_stamp == *stamp && e.program == self_->program &&
        e.program_stamp == self_->program_stamp && e.version == self_->version)
      return true;
  return false;
}

void ProbeCache::remember(const fs::path& plugin, const std::optional<FileStamp>& stamp) {
  if (!self_ || !stamp) return;
  Entry entry = *self_;
  entry.plugin = key(plugin);
  entry.plugin_stamp = *stamp;
  if (entry.plugin.find_first_of("\t\n") != std::string::npos) return;
  // Another run may have written meanwhile: start from the file as it is now.
  std::vector<Entry> merged;
  for (auto& e : read_entries(file_))
    if (!same_target(e, entry) && current(e)) merged.push_back(std::move(e));
  merged.push_back(entry);
  std::string text = std::string(kMagic) + "\n";
  for (const auto& e : merged) {
    const std::string fields = fields_of(e);
    text += fields + '\t' + checksum(fields) + '\n';
  }
  write_cache_file(file_, text);
  entries_ = std::move(merged);
}

}  // namespace retort
