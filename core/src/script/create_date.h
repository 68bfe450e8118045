// When a new revision is made, as its create_date header and its file-name tokens (%(year)d, ...) tell it:
// in UTC, or on the wall clock of [retort] timezone, carrying that zone's offset.
#pragma once

#include "util/status.h"
#include "util/time_zone.h"

#include <ctime>
#include <string>

namespace retort {

struct CreateDate {
  std::time_t epoch = 0;  // %(epoch)s
  LocalTime local;        // %(year)d ... %(second).2d, in the zone

  // `instant` on the zone's wall clock.
  static CreateDate at(std::time_t instant, const TimeZone& zone = TimeZone::utc());
  // Now, in `timezone` ("" for UTC); an unknown zone is an error naming it.
  static Result<CreateDate> now(const std::string& timezone);

  // A TOML offset date-time: 2026-11-21T10:00:00Z in UTC, 2026-11-21T11:00:00+01:00 in Berlin.
  std::string iso() const;
};

}  // namespace retort
