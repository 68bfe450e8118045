#include "config/sqlite_file.h"

#include <filesystem>

namespace retort {
namespace fs = std::filesystem;

std::optional<std::string> new_sqlite_file_note(const DatabaseConfig& db) {
  const Url& url = db.url;
  if (url.dialect != "sqlite" || !url.driver.empty()) return std::nullopt;
  const std::string& path = url.database;
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) return std::nullopt;
  const fs::path file(path);
  std::error_code ec;
  if (file.is_absolute() || fs::exists(file, ec) || ec) return std::nullopt;
  return "creating a new SQLite database at " + fs::absolute(file).lexically_normal().string() +
         " (relative to the current folder; use ${here}/" + path + " for the config's folder)";
}

}  // namespace retort
