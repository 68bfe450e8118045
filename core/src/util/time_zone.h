// Time zones of the system's zoneinfo database (IANA names such as "UTC" or "Europe/Berlin"), for the
// create_date of new revisions ([retort] timezone). GCC 12's standard library has no std::chrono time
// zones, so the C library does the conversion, with TZ pointed at the zone's file for the moment.
#pragma once

#include "util/status.h"

#include <ctime>
#include <filesystem>
#include <string>

namespace retort {

// The wall clock somewhere at one instant.
struct LocalTime {
  std::tm fields{};         // year, month, ... as std::tm counts them (tm_year from 1900, tm_mon from 0)
  long offset_seconds = 0;  // east of UTC: +3600 for 11:00 in Berlin when it is 10:00 UTC
};

class TimeZone {
 public:
  // A zone of the zoneinfo folder ($TZDIR, else /usr/share/zoneinfo). As Alembic, a name that is not
  // found is tried again in upper case ("utc" finds "UTC"). "UTC" works without any zoneinfo files. An
  // unknown name is an error naming it.
  static Result<TimeZone> find(const std::string& name);
  static TimeZone utc() { return TimeZone("UTC", ""); }

  const std::string& name() const { return name_; }
  LocalTime at(std::time_t instant) const;

 private:
  TimeZone(std::string name, std::filesystem::path file) : name_(std::move(name)), file_(std::move(file)) {}

  std::string name_;
  std::filesystem::path file_;  // the zone's TZif file; empty for UTC
};

}  // namespace retort
