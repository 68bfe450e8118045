// Tests config/url.cc: SQLAlchemy-style URLs, masking, redaction.
#include "config/url.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

TEST(ParseUrl, SqliteForms) {
  auto rel = parse_url("sqlite:///app.db");
  ASSERT_TRUE(rel.ok());
  EXPECT_EQ(rel->dialect, "sqlite");
  EXPECT_EQ(rel->driver, "");
  EXPECT_EQ(rel->database, "app.db");
  EXPECT_EQ(parse_url("sqlite:////var/db/app.db")->database, "/var/db/app.db");
  EXPECT_EQ(parse_url("sqlite://")->database, "");
  EXPECT_EQ(parse_url("sqlite+odbc:///x.db")->driver, "odbc");
}

TEST(ParseUrl, ServerUrl) {
  auto u = parse_url("postgresql+odbc://app:s%40cret:x@db.example:5433/main?sslmode=require&connect_timeout=5");
  ASSERT_TRUE(u.ok()) << u.error().to_string();
  EXPECT_EQ(u->dialect, "postgresql");
  EXPECT_EQ(u->driver, "odbc");
  EXPECT_EQ(u->username, "app");
  EXPECT_EQ(u->password, "s@cret:x");
  EXPECT_EQ(u->host, "db.example");
  EXPECT_EQ(u->port, 5433);
  EXPECT_EQ(u->database, "main");
  ASSERT_EQ(u->options.size(), 2u);
  EXPECT_EQ(u->options[0].first, "sslmode");
  EXPECT_EQ(u->options[1].second, "5");
}

TEST(ParseUrl, PasswordWithAtSignUsesLastAt) {
  auto u = parse_url("mysql://app:p@ss@127.0.0.1:3306/legacy");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->password, "p@ss");
  EXPECT_EQ(u->host, "127.0.0.1");
}

TEST(ParseUrl, MaskedNeverShowsThePassword) {
  auto u = parse_url("mysql://app:hunter2@127.0.0.1:3306/legacy");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->masked(), "mysql://app:***@127.0.0.1:3306/legacy");
  EXPECT_EQ(parse_url("sqlite:///app.db")->masked(), "sqlite:///app.db");
}

TEST(ParseUrl, ErrorsDoNotLeakThePassword) {
  for (const char* bad : {"no-scheme", "://x", "postgresql://u:hunter2@host:notaport/db", "pg sql://x",
                          "postgresql://u:hunter2@host:99999/db"}) {
    auto u = parse_url(bad);
    ASSERT_FALSE(u.ok()) << bad;
    EXPECT_EQ(u.error().to_string().find("hunter2"), std::string::npos) << u.error().to_string();
  }
}

TEST(Redact, ReplacesEveryOccurrence) {
  EXPECT_EQ(redact("password hunter2 rejected for hunter2", "hunter2"), "password *** rejected for ***");
  EXPECT_EQ(redact("nothing", ""), "nothing");
}

}  // namespace
}  // namespace retort
