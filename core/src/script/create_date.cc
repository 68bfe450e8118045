#include "script/create_date.h"

#include <cstdio>
#include <cstdlib>

namespace retort {

CreateDate CreateDate::at(std::time_t instant, const TimeZone& zone) {
  CreateDate d;
  d.epoch = instant;
  d.local = zone.at(instant);
  return d;
}

Result<CreateDate> CreateDate::now(const std::string& timezone) {
  if (timezone.empty()) return at(std::time(nullptr));
  auto zone = TimeZone::find(timezone);
  if (!zone.ok()) return std::move(zone).error();
  return at(std::time(nullptr), *zone);
}

std::string CreateDate::iso() const {
  const std::tm& t = local.fields;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour,
                t.tm_min, t.tm_sec);
  std::string out = buf;
  if (local.offset_seconds == 0) return out + "Z";
  const long minutes = std::labs(local.offset_seconds) / 60;
  std::snprintf(buf, sizeof buf, "%c%02ld:%02ld", local.offset_seconds < 0 ? '-' : '+', minutes / 60, minutes % 60);
  return out + buf;
}

}  // namespace retort
