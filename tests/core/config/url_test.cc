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

TEST(ParseUrl, MaskedHidesSecretOptionsAndKeepsTheRest) {
  EXPECT_EQ(parse_url("postgresql://app@db/main?sslmode=require&password=s3cret&connect_timeout=5")->masked(),
            "postgresql://app@db/main?sslmode=require&password=***&connect_timeout=5");
  // Keys in any case, percent-encoded, and each driver's names for a secret.
  EXPECT_EQ(parse_url("postgresql://db/main?PassWord=a&pass%77ord=b&sslpassword=c&sslkey=/k.pem")->masked(),
            "postgresql://db/main?PassWord=***&password=***&sslpassword=***&sslkey=/k.pem");
  EXPECT_EQ(parse_url("sqlite:///vault.db?key=s3cret&timeout=5")->masked(), "sqlite:///vault.db?key=***&timeout=5");
  EXPECT_EQ(parse_url("mysql+odbc://reporting/?UID=app&PWD=s3cret")->masked(),
            "mysql+odbc://reporting/?UID=app&PWD=***");
}

TEST(ParseUrl, MaskedHidesThePasswordInsideOdbcConnect) {
  auto u = parse_url(
      "mysql+odbc://db/?odbc_connect=DRIVER%3D%7BMariaDB%20Unicode%7D%3BSERVER%3Ddb%3BUID%3Dapp%3BPWD%3Ds3cret%3B");
  ASSERT_TRUE(u.ok()) << u.error().to_string();
  EXPECT_EQ(u->masked(), "mysql+odbc://db/?odbc_connect=DRIVER={MariaDB Unicode};SERVER=db;UID=app;PWD=***;");
  EXPECT_EQ(parse_url("postgresql+odbc://db/?odbc_connect=Driver={x};Password={pa%3Bss}}word}")->masked(),
            "postgresql+odbc://db/?odbc_connect=Driver={x};Password=***");
}

TEST(ParseUrl, SecretsAreEverySecretItCarries) {
  auto u = parse_url("postgresql+odbc://app:pw1@db/main?password=pw2&sslmode=require&odbc_connect=UID=app;PWD=pw3");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->secrets(), (std::vector<std::string>{"pw1", "pw2", "pw3"}));
  EXPECT_TRUE(parse_url("sqlite:///app.db?timeout=5")->secrets().empty());
}

TEST(ParseUrl, EmptyUrlSaysSo) {
  auto u = parse_url("");
  ASSERT_FALSE(u.ok());
  EXPECT_EQ(u.error().message(), "the database URL is empty");
  EXPECT_NE(u.error().hint_text().find("${VAR:-"), std::string::npos) << u.error().to_string();
}

TEST(ParseUrl, ErrorsDoNotLeakThePassword) {
  for (const char* bad : {"no-scheme", "://x", "postgresql://u:hunter2@host:notaport/db", "pg sql://x",
                          "postgresql://u:hunter2@host:99999/db"}) {
    auto u = parse_url(bad);
    ASSERT_FALSE(u.ok()) << bad;
    EXPECT_EQ(u.error().to_string().find("hunter2"), std::string::npos) << u.error().to_string();
  }
}

TEST(ParseUrl, WhatStandsBeforeTheSchemeSeparatorIsShownOnlyIfItIsAScheme) {
  // Found by tests/fuzz (config): a URL whose scheme was left out, or put after the credentials.
  for (const char* bad : {"app:hunter2@db.example+odbc://x/d", "u:hunter2@host://db", "hunter2 ://x"}) {
    auto u = parse_url(bad);
    ASSERT_FALSE(u.ok()) << bad;
    EXPECT_EQ(u.error().message(), "invalid database URL '(not shown)': invalid character in scheme");
  }
  auto u = parse_url("postgresql+psycopg2://u:hunter2@host:12x4/db");
  ASSERT_FALSE(u.ok());
  EXPECT_EQ(u.error().message(), "invalid database URL 'postgresql+psycopg2://...': port must be a number");
}

}  // namespace
}  // namespace retort
