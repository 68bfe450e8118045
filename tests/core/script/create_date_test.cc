// Tests script/create_date.cc: create_date as a TOML offset date-time in UTC or in [retort] timezone.
#include "script/create_date.h"

#include "script/revision_file.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

constexpr std::time_t kWinter = 1795255200;  // 2026-11-21T10:00:00Z

TEST(CreateDate, UtcByDefault) {
  CreateDate d = CreateDate::at(kWinter);
  EXPECT_EQ(d.iso(), "2026-11-21T10:00:00Z");
  EXPECT_EQ(d.epoch, kWinter);
}

TEST(CreateDate, CarriesTheZonesOffset) {
  EXPECT_EQ(CreateDate::at(kWinter, TimeZone::find("Europe/Berlin").value()).iso(), "2026-11-21T11:00:00+01:00");
  EXPECT_EQ(CreateDate::at(kWinter, TimeZone::find("America/St_Johns").value()).iso(), "2026-11-21T06:30:00-03:30");
  EXPECT_EQ(CreateDate::at(kWinter, TimeZone::find("UTC").value()).iso(), "2026-11-21T10:00:00Z");
}

TEST(CreateDate, ReadsBackFromARevisionFile) {
  const std::string date = CreateDate::at(kWinter, TimeZone::find("Asia/Kolkata").value()).iso();
  EXPECT_EQ(date, "2026-11-21T15:30:00+05:30");
  ErrorList errors;
  auto file = parse_revision_text("revision = \"a1\"\ncreate_date = " + date + "\n", "a1.toml", errors);
  ASSERT_TRUE(file) << errors.combined("").to_string();
  EXPECT_EQ(file->create_date, "2026-11-21T15:30:00+05:30");
}

TEST(CreateDate, NowInAnUnknownZoneIsAnError) {
  auto d = CreateDate::now("Atlantis/Capital");
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.error().message().find("'Atlantis/Capital'"), std::string::npos);
  EXPECT_TRUE(CreateDate::now("").ok());
}

}  // namespace
}  // namespace retort
