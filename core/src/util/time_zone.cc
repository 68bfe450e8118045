#include "util/time_zone.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <optional>

namespace retort {
namespace fs = std::filesystem;

namespace {

fs::path zoneinfo_folder() {
  if (const char* dir = std::getenv("TZDIR"); dir && *dir) return dir;
  return "/usr/share/zoneinfo";
}

// Letters, digits and "_+-/" in parts that are never "." or "..": a name can only point into the folder.
bool plausible_zone_name(const std::string& name) {
  if (name.empty() || name.front() == '/' || name.back() == '/') return false;
  if (!std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '+' || c == '-' || c == '/';
      }))
    return false;
  for (const auto& part : fs::path(name))
    if (part == "." || part == ".." || part.empty()) return false;
  return true;
}

// The zone's compiled file, if `name` names one: a regular file that starts with TZif's magic.
std::optional<fs::path> zone_file(const std::string& name) {
  if (!plausible_zone_name(name)) return std::nullopt;
  fs::path file = zoneinfo_folder() / name;
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  char magic[4] = {};
  in.read(magic, sizeof magic);
  if (!in || std::string(magic, 4) != "TZif") return std::nullopt;
  return file;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// TZ is process-wide: conversions take turns, and each puts the previous value back.
std::mutex tz_mutex;

}  // namespace

Result<TimeZone> TimeZone::find(const std::string& name) {
  for (const std::string& candidate : {name, upper(name)}) {
    if (auto file = zone_file(candidate)) return TimeZone(candidate, *file);
  }
  if (upper(name) == "UTC") return utc();
  return Error("unknown time zone '" + name + "': no such zone in " + zoneinfo_folder().string())
      .hint("give an IANA zone name such as \"UTC\" or \"Europe/Berlin\" (`timedatectl list-timezones` lists them; "
            "Debian's tzdata package installs them)");
}

LocalTime TimeZone::at(std::time_t instant) const {
  LocalTime out;
  if (file_.empty()) {
    gmtime_r(&instant, &out.fields);
    return out;
  }
  std::lock_guard<std::mutex> lock(tz_mutex);
  const char* previous = std::getenv("TZ");
  const std::optional<std::string> saved = previous ? std::optional<std::string>(previous) : std::nullopt;
  setenv("TZ", (":" + file_.string()).c_str(), 1);
  tzset();
  localtime_r(&instant, &out.fields);
  out.offset_seconds = out.fields.tm_gmtoff;
  if (saved) {
    setenv("TZ", saved->c_str(), 1);
  } else {
    unsetenv("TZ");
  }
  tzset();
  return out;
}

}  // namespace retort
