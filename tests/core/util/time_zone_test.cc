// Tests util/time_zone.cc: zones from the system's zoneinfo, their offsets across daylight saving time, and
// unknown names refused by name.
#include "util/time_zone.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace retort {
namespace {

constexpr std::time_t kWinter = 1795255200;  // 2026-11-21T10:00:00Z
constexpr std::time_t kSummer = 1782036000;  // 2026-06-21T10:00:00Z

TEST(TimeZone, BerlinHasItsOffsetInWinterAndSummer) {
  auto berlin = TimeZone::find("Europe/Berlin");
  ASSERT_TRUE(berlin.ok()) << berlin.error().to_string();
  LocalTime winter = berlin->at(kWinter);
  EXPECT_EQ(winter.offset_seconds, 3600);
  EXPECT_EQ(winter.fields.tm_hour, 11);
  EXPECT_EQ(berlin->at(kSummer).offset_seconds, 7200);
  EXPECT_EQ(berlin->at(kSummer).fields.tm_hour, 12);
}

TEST(TimeZone, WestOfUtcAndHalfHours) {
  auto ny = TimeZone::find("America/New_York");
  ASSERT_TRUE(ny.ok());
  EXPECT_EQ(ny->at(kWinter).offset_seconds, -5 * 3600);
  auto kolkata = TimeZone::find("Asia/Kolkata");
  ASSERT_TRUE(kolkata.ok());
  EXPECT_EQ(kolkata->at(kWinter).offset_seconds, 5 * 3600 + 1800);
}

TEST(TimeZone, UtcAndUpperCaseFallbackAsAlembic) {
  auto utc = TimeZone::find("utc");
  ASSERT_TRUE(utc.ok());
  EXPECT_EQ(utc->name(), "UTC");
  EXPECT_EQ(utc->at(kWinter).offset_seconds, 0);
  EXPECT_EQ(utc->at(kWinter).fields.tm_hour, 10);
}

TEST(TimeZone, UnknownZonesAreNamed) {
  for (const std::string name : {"Mars/Olympus_Mons", "", "../../etc/passwd", "/etc/localtime", "Europe/"}) {
    auto z = TimeZone::find(name);
    ASSERT_FALSE(z.ok()) << name;
    EXPECT_EQ(z.error().message().rfind("unknown time zone '" + name + "'", 0), 0u) << z.error().message();
    EXPECT_NE(z.error().hint_text().find("Europe/Berlin"), std::string::npos);
  }
}

TEST(TimeZone, LeavesTheProcessTimeZoneAsItWas) {
  setenv("TZ", "America/Sao_Paulo", 1);
  ASSERT_TRUE(TimeZone::find("Asia/Tokyo").ok());
  (void)TimeZone::find("Asia/Tokyo").value().at(kWinter);
  ASSERT_NE(std::getenv("TZ"), nullptr);
  EXPECT_STREQ(std::getenv("TZ"), "America/Sao_Paulo");
  unsetenv("TZ");
  (void)TimeZone::find("Asia/Tokyo").value().at(kWinter);
  EXPECT_EQ(std::getenv("TZ"), nullptr);
}

}  // namespace
}  // namespace retort
