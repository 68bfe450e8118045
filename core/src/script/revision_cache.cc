#include "script/revision_cache.h"

#include "util/cache_folder.h"
#include "util/strings.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <sstream>
#include <string_view>
#include <vector>

namespace retort {
namespace fs = std::filesystem;

namespace {

// Version 2 added the checksum, the transaction flag and the check, version 3 the plan checks; a cache of
// another version is rebuilt.
constexpr std::string_view kMagic = "retort-revision-cache 3";
constexpr size_t kFields = 16;

// Fields are tab-separated; these escapes keep tabs, newlines and the list commas of values out of the
// structure.
std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\\') out += "\\\\";
    else if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == ',') out += "\\c";
    else out += c;
  }
  return out;
}

std::string unescape(std::string_view s) {
  if (s.find('\\') == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      char n = s[++i];
      out += n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n == 'c' ? ',' : n;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string list(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + escape(items[i]);
  return out;
}

std::vector<std::string> unlist(std::string_view s) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  for (size_t start = 0;;) {
    size_t comma = s.find(',', start);
    out.push_back(unescape(s.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

// Splits `line` at tabs into exactly `fields.size()` parts; false when the count differs.
bool split_fields(std::string_view line, std::vector<std::string_view>& fields) {
  size_t n = 0, start = 0;
  for (;;) {
    size_t tab = line.find('\t', start);
    if (n == fields.size()) return false;
    fields[n++] = line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return n == fields.size();
}

template <class T>
bool number(std::string_view text, T& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

std::string folder_key(const fs::path& folder) { return folder.lexically_normal().string(); }

}  // namespace

fs::path RevisionCache::file_for(const fs::path& folder) {
  const fs::path base = cache_folder();
  if (base.empty()) return {};
  std::ostringstream name;
  name << std::hex << std::hash<std::string>{}(folder_key(folder)) << ".revisions";
  return base / name.str();
}

RevisionCache RevisionCache::read(const fs::path& cache_file, const fs::path& folder) {
  if (cache_file.empty()) return {};
  return parse(read_cache_file(cache_file), folder);
}

RevisionCache RevisionCache::parse(std::string_view text, const fs::path& folder) {
  std::string_view rest(text);
  auto next_line = [&](std::string_view& line) {
    size_t nl = rest.find('\n');
    if (nl == std::string_view::npos) return false;  // every line this code writes ends in a newline
    line = rest.substr(0, nl);
    rest.remove_prefix(nl + 1);
    return true;
  };
  std::string_view line;
  std::vector<std::string_view> two(2);
  // Another folder's cache (a hash collision, a copied cache folder) is foreign: nothing of it is used.
  if (!next_line(line) || line != kMagic || !next_line(line) || line != "folder\t" + escape(folder_key(folder)) ||
      !next_line(line) || !split_fields(line, two) || two[0] != "checked")
    return {};
  RevisionCache cache;
  cache.check_key = unescape(two[1]);
  if (!next_line(line) || !split_fields(line, two) || two[0] != "planned") return {};
  cache.plan_keys = unlist(two[1]);
  if (cache.plan_keys.size() > kMaxPlanKeys) return {};
  cache.entries.reserve(static_cast<size_t>(std::count(rest.begin(), rest.end(), '\n')));
  std::vector<std::string_view> f(kFields);
  while (next_line(line)) {
    if (split_fields(line, two) && two[0] == "end") {
      size_t count = 0;
      // Entries are used only when the cache ends as written: a truncated one is rebuilt.
      if (!number(two[1], count) || count != cache.entries.size() || !rest.empty()) return {};
      return cache;
    }
    CachedRevision& e = cache.entries.emplace_back();
    int transactional = 0, checked = 0;
    unsigned planned = 0;
    if (!split_fields(line, f) || !number(f[1], e.stamp.size) || !number(f[2], e.stamp.mtime_ns) ||
        !number(f[3], e.stamp.ctime_ns) || !number(f[4], e.stamp.inode) || !number(f[5], e.line) ||
        !number(f[12], transactional) || transactional < 0 || transactional > 1 || !number(f[14], checked) ||
        checked < 0 || checked > 1 || !number(f[15], planned) || planned >> cache.plan_keys.size() != 0)
      return {};
    e.file_name = unescape(f[0]);
    e.header.id = unescape(f[6]);
    e.header.down_revisions = unlist(f[7]);
    e.header.depends_on = unlist(f[8]);
    e.header.branch_labels = unlist(f[9]);
    e.header.message = unescape(f[10]);
    e.create_date = unescape(f[11]);
    e.transactional = transactional == 1;
    e.checksum = unescape(f[13]);
    e.checked = checked == 1;
    e.planned = static_cast<uint8_t>(planned);
    const size_t n = cache.entries.size();
    // Sorted and unique, as written: the folder listing is matched against it in one pass.
    if (e.header.id.empty() || e.checksum.empty() || (n > 1 && !(cache.entries[n - 2].file_name < e.file_name)))
      return {};
  }
  return {};
}

void RevisionCache::write(const fs::path& cache_file, const fs::path& folder) const {
  if (cache_file.empty()) return;
  write_cache_file(cache_file, text(folder));
}

std::string RevisionCache::text(const fs::path& folder) const {
  std::string out;
  out.reserve(entries.size() * 200);
  out.append(kMagic).append("\nfolder\t").append(escape(folder_key(folder))).append("\nchecked\t");
  out.append(escape(check_key)).append("\nplanned\t").append(list(plan_keys)).append("\n");
  for (const auto& e : entries) {
    out += escape(e.file_name) + '\t' + std::to_string(e.stamp.size) + '\t' + std::to_string(e.stamp.mtime_ns) + '\t' +
           std::to_string(e.stamp.ctime_ns) + '\t' + std::to_string(e.stamp.inode) + '\t' + std::to_string(e.line) +
           '\t' + escape(e.header.id) + '\t' + list(e.header.down_revisions) + '\t' + list(e.header.depends_on) +
           '\t' + list(e.header.branch_labels) + '\t' + escape(e.header.message) + '\t' + escape(e.create_date) +
           '\t' + (e.transactional ? "1" : "0") + '\t' + escape(e.checksum) + '\t' + (e.checked ? "1" : "0") + '\t' + std::to_string(e.planned) + '\n';
  }
  out += "end\t" + std::to_string(entries.size()) + "\n";
  return out;
}

}  // namespace retort
