#include "runtime/fleet_source.h"

#include "config/member_name.h"
#include "runtime/database.h"
#include "util/regular_file.h"
#include "util/strings.h"

#include <glob.h>

#include <cerrno>

#include <algorithm>
#include <unordered_set>

namespace retort {
namespace fs = std::filesystem;

namespace {

// The error of a source that could not be read, naming the fleet and the source (URL masked).
Error unreadable(const FleetConfig& fleet, Error cause) {
  return std::move(cause)
      .at("fleet " + fleet.name + ": reading its source (" + fleet.source.describe() + ")")
      .at(fleet.source.location);
}

// `cause` without the location Database gave it ("database 'NAME' (URL)"): unreadable() names the source
// and its URL once.
Error without_database_location(const Error& cause, const std::string& name) {
  Error e(cause.message());
  for (auto it = cause.where().rbegin(); it != cause.where().rend(); ++it)
    if (it->rfind("database '" + name + "'", 0) != 0) e.at(*it);
  if (!cause.hint_text().empty()) e.hint(cause.hint_text());
  return e;
}

Result<std::vector<std::string>> query_names(const FleetConfig& fleet, const PluginHost& plugins) {
  DatabaseConfig source;
  source.name = fleet.name + " source";
  source.url = fleet.source.url;
  source.location = fleet.source.location;
  auto db = Database::connect(plugins, source);
  if (!db.ok()) return unreadable(fleet, without_database_location(db.error(), source.name));
  auto rows = db->query(fleet.source.query);
  if (!rows.ok()) return unreadable(fleet, without_database_location(rows.error(), source.name));
  std::vector<std::string> names;
  names.reserve(rows->size());
  for (size_t i = 0; i < rows->size(); ++i) {
    SqlRow& row = (*rows)[i];
    if (row.empty() || !row[0])
      return unreadable(fleet, Error("row " + std::to_string(i + 1) + " of the query has no name (NULL)")
                                   .hint("filter NULLs out in the query (WHERE name IS NOT NULL)"));
    names.push_back(std::move(*row[0]));
  }
  return names;
}

Result<std::vector<std::string>> file_names(const FleetConfig& fleet) {
  auto text = read_regular_file(fleet.source.path, fleet.source.path.string());
  if (!text.ok()) return unreadable(fleet, std::move(text).error());
  std::vector<std::string> names;
  for (const auto& line : split(*text, '\n')) {
    std::string name = trim(line);
    if (!name.empty() && name.front() != '#') names.push_back(std::move(name));
  }
  return names;
}

Result<std::vector<std::string>> glob_names(const FleetConfig& fleet) {
  glob_t matches{};
  // A folder that does not exist (yet) matches nothing; one that cannot be read is an error, since
  // skipping it would silently leave its tenants out.
  auto unreadable_folder = [](const char*, int error) { return error == ENOENT || error == ENOTDIR ? 0 : 1; };
  const int rc = ::glob(fleet.source.path.c_str(), 0, unreadable_folder, &matches);
  std::vector<std::string> files;
  if (rc == 0)
    for (size_t i = 0; i < matches.gl_pathc; ++i) files.emplace_back(matches.gl_pathv[i]);
  globfree(&matches);
  if (rc != 0 && rc != GLOB_NOMATCH)
    return unreadable(fleet, Error(rc == GLOB_NOSPACE ? "out of memory while matching the pattern"
                                                      : "a folder of the pattern cannot be read")
                                 .hint("check the folder's permissions"));
  std::vector<std::string> names;
  for (const auto& f : files) {
    std::error_code ec;
    if (fs::is_regular_file(f, ec)) names.push_back(fs::path(f).stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Every name valid, and none twice.
Status check_names(const FleetConfig& fleet, const std::vector<std::string>& names) {
  std::unordered_set<std::string_view> seen;
  seen.reserve(names.size());
  for (const auto& name : names) {
    if (auto problem = member_name_problem(name))
      return unreadable(fleet, Error("the source gives a name that cannot name a member: " + *problem)
                                   .hint(std::string(kMemberNameRule) + "; fix the source or filter such names out"));
    if (!seen.insert(name).second)
      return unreadable(fleet, Error("the source gives the name '" + name + "' more than once")
                                   .hint("each member must be named once (SELECT DISTINCT, or fix the list)"));
  }
  return Status();
}

}  // namespace

Result<std::vector<std::string>> read_fleet_file_source(const FleetConfig& fleet) {
  Result<std::vector<std::string>> names =
      fleet.source.kind == FleetSource::Kind::kFile ? file_names(fleet) : glob_names(fleet);
  if (!names.ok()) return names;
  RETORT_TRY(check_names(fleet, *names));
  return names;
}

Result<std::vector<std::string>> read_fleet_source(const FleetConfig& fleet, const PluginHost& plugins) {
  if (fleet.source.kind != FleetSource::Kind::kQuery) return read_fleet_file_source(fleet);
  RETORT_ASSIGN_OR_RETURN(std::vector<std::string> names, query_names(fleet, plugins));
  RETORT_TRY(check_names(fleet, names));
  return names;
}

}  // namespace retort
