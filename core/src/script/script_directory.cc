#include "script/script_directory.h"

#include "util/strings.h"

#include <algorithm>
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

Result<ScriptDirectory> ScriptDirectory::load(const std::vector<fs::path>& version_locations) {
  struct Entry {
    fs::path path;
    std::string shown;
  };
  std::vector<Entry> entries;
  for (const auto& dir : version_locations) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
      return Error("revision folder '" + display_path(dir) + "' does not exist")
          .hint("run `retort init`, or fix script_location / version_locations in the config");
    std::string shown_dir = display_path(dir);
    std::vector<Entry> here;
    for (const auto& de : fs::directory_iterator(dir, ec)) {
      const fs::path& p = de.path();
      std::string name = p.filename().string();
      if (p.extension() != ".toml" || name.front() == '.') continue;
      here.push_back({p, (fs::path(shown_dir) / name).string()});
    }
    if (ec) return Error("cannot list '" + shown_dir + "': " + ec.message());
    std::sort(here.begin(), here.end(), [](const Entry& a, const Entry& b) { return a.path < b.path; });
    entries.insert(entries.end(), here.begin(), here.end());
  }

  // Parsing dominates on big trees, so files are parsed on every core; results keep file order.
  std::vector<std::optional<RevisionFile>> parsed(entries.size());
  std::vector<ErrorList> errors(entries.size());
  unsigned workers = std::max(1u, std::min<unsigned>(std::thread::hardware_concurrency(),
                                                     static_cast<unsigned>(entries.size() / 64 + 1)));
  auto work = [&](size_t first) {
    for (size_t i = first; i < entries.size(); i += workers)
      parsed[i] = load_revision_file(entries[i].path, entries[i].shown, errors[i]);
  };
  std::vector<std::thread> threads;
  for (unsigned w = 1; w < workers; ++w) threads.emplace_back(work, w);
  work(0);
  for (auto& t : threads) t.join();

  ErrorList all;
  for (const auto& e : errors)
    for (const auto& err : e.errors()) all.add(err);
  if (!all.empty()) return all.combined(std::to_string(all.errors().size()) + " problems in the revision files:");

  ScriptDirectory dir;
  dir.locations_ = version_locations;
  std::vector<RevisionHeader> headers;
  headers.reserve(parsed.size());
  dir.files_.reserve(parsed.size());
  for (auto& p : parsed) {
    headers.push_back(p->header);
    dir.files_.push_back(std::move(*p));
  }
  RETORT_ASSIGN_OR_RETURN(dir.map_, RevisionMap::build(std::move(headers)));
  return dir;
}

}  // namespace retort
