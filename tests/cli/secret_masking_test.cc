// A secret in any part of a database URL (user:password, `password=` and the other secret options,
// `PWD=` inside `odbc_connect`) never reaches retort's output: not in `current`, the `== database`
// headings, the `-- url:` header of offline scripts, nor connection errors and what drivers say in them.
#include "cli_runner.h"
#include "config/url.h"
#include "live_database.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::CliResult;
using testing::run_retort;
using testing::TempDir;
using testing::write_file;

const std::vector<std::string> kSecrets{"s3cret-one", "s3cret-two", "s3cret-three"};

// Offline scripts never connect, so two SQLite URLs can carry the secrets of any driver there.
const char* kMain = "sqlite:///main.db?password=s3cret-one&timeout=5";
const char* kMainMasked = "sqlite:///main.db?password=***&timeout=5";
const char* kOther =
    "sqlite:///other.db?odbc_connect=DRIVER%3D%7BSQLite3%7D%3BUID%3Dapp%3BPWD%3Ds3cret-two%3B&KEY=s3cret-three";
const char* kOtherMasked = "sqlite:///other.db?odbc_connect=DRIVER={SQLite3};UID=app;PWD=***;&KEY=***";

class SecretMaskingTest : public ::testing::Test {
 protected:
  TempDir dir;

  void SetUp() override {
    write_file(dir / "retort.toml", std::string("[retort]\nscript_location = \"migrations\"\n\n") +
                                        "[databases.main]\nurl = \"" + kMain + "\"\n\n" +
                                        "[databases.other]\nurl = \"" + kOther + "\"\n");
    write_file(dir / "migrations/versions/a1_first.toml",
               "revision = \"a1\"\ndown_revision = \"\"\nmessage = \"first\"\n\n[[upgrade]]\nop = \"create_table\"\n"
               "table = \"t\"\ncolumns = [{ name = \"id\", type = \"integer\" }]\n");
  }

  CliResult retort(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
    CliResult r = run_retort(dir.path(), args, env);
    for (const std::string& secret : kSecrets) {
      EXPECT_EQ(r.out.find(secret), std::string::npos) << "stdout shows " << secret << ":\n" << r.out;
      EXPECT_EQ(r.err.find(secret), std::string::npos) << "stderr shows " << secret << ":\n" << r.err;
    }
    return r;
  }
};

// The issue's own case: a live PostgreSQL database whose password is a URL option, and the same database
// through ODBC with the password inside odbc_connect. (SQLite refuses options it does not read, so the
// live headings need a server.)
TEST(SecretMaskingLiveTest, DatabaseHeadingsAndCurrent) {
  const testing::Backend pg{"postgresql", "postgresql", false};
  RETORT_REQUIRE_BACKEND(pg);
  testing::LiveDatabase db(pg, "secret_options");
  Url u = parse_url(db.url()).value();
  ASSERT_FALSE(u.password.empty());
  const std::string host = u.host + ":" + std::to_string(u.port);
  const std::string as_option = "postgresql://" + u.username + "@" + host + "/" + u.database + "?password=" + u.password;
  const std::string as_option_masked = "postgresql://" + u.username + "@" + host + "/" + u.database + "?password=***";
  const std::string odbc = "postgresql+odbc:///?odbc_connect=" +
                           std::string("Driver%3D%7BPostgreSQL%20Unicode%7D%3BServer%3D") + u.host + "%3BPort%3D" +
                           std::to_string(u.port) + "%3BDatabase%3D" + u.database + "%3BUid%3D" + u.username +
                           "%3BPwd%3D" + u.password + "%3B";
  TempDir dir;
  write_file(dir / "retort.toml", "[retort]\nscript_location = \"migrations\"\n\n[databases.main]\nurl = \"" +
                                      as_option + "\"\n\n[databases.other]\nurl = \"" + odbc +
                                      "\"\nversion_table = \"other_version\"\n");
  write_file(dir / "migrations/versions/a1_first.toml",
             "revision = \"a1\"\ndown_revision = \"\"\nmessage = \"first\"\n\n[[upgrade]]\nop = \"execute\"\n"
             "sql = \"SELECT 1\"\n");
  auto check = [&](const CliResult& r) {
    EXPECT_EQ(r.out.find(u.password), std::string::npos) << "stdout shows the password:\n" << r.out;
    EXPECT_EQ(r.err.find(u.password), std::string::npos) << "stderr shows the password:\n" << r.err;
  };
  CliResult up = run_retort(dir.path(), {"upgrade", "heads"});
  check(up);
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(up.err.find("== database main (" + as_option_masked + ")"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("Pwd=***;"), std::string::npos) << up.err;
  CliResult current = run_retort(dir.path(), {"current"});
  check(current);
  ASSERT_EQ(current.exit_code, 0) << current.err;
  EXPECT_NE(current.err.find("Current revision(s) for main (" + as_option_masked + "):"), std::string::npos)
      << current.err;
  // A wrong password given as an option: the connection error names the database, never the password.
  write_file(dir / "retort.toml", "[retort]\nscript_location = \"migrations\"\n\n[databases.main]\nurl = \"" +
                                      as_option + "x9\"\n");
  CliResult wrong = run_retort(dir.path(), {"current"});
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_EQ(wrong.err.find(u.password), std::string::npos) << wrong.err;
  EXPECT_NE(wrong.err.find("?password=***"), std::string::npos) << wrong.err;
}

TEST_F(SecretMaskingTest, OfflineScriptHeaders) {
  CliResult sql = retort({"upgrade", "heads", "--sql"});
  ASSERT_EQ(sql.exit_code, 0) << sql.err;
  EXPECT_NE(sql.out.find(std::string("-- url: ") + kMainMasked + "\n"), std::string::npos) << sql.out;
  EXPECT_NE(sql.out.find(std::string("-- url: ") + kOtherMasked + "\n"), std::string::npos) << sql.out;
}

TEST_F(SecretMaskingTest, ConnectionErrors) {
  CliResult r = retort({"--engine", "other", "--url", "sqlite:///no/such/folder/x.db?pwd=s3cret-one", "current"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("database 'other' (sqlite:///no/such/folder/x.db?pwd=***)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("cannot connect"), std::string::npos) << r.err;
}

TEST_F(SecretMaskingTest, WhatTheDriverSaysIsRedacted) {
  // The purpose-built driver "faulty" repeats its unknown ?connect= value back, as a driver may repeat a
  // password it was given; every secret of the URL is taken out of what it says.
  const std::string plugins = "RETORT_PLUGIN_PATH=" RETORT_TEST_PLUGIN_ROOT "/misbehaving";
  for (const std::string query : {"password=s3cret-one&connect=s3cret-one", "Key=s3cret-one&connect=s3cret-one",
                                  "odbc_connect=UID%3Dapp%3BPWD%3Ds3cret-one&connect=s3cret-one"}) {
    const std::string url = "misbehave+faulty://db.example/app?" + query;
    CliResult r = run_retort(dir.path(), {"--engine", "main", "--url", url, "current"}, {plugins});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("cannot connect: unknown connect= behaviour ***"), std::string::npos)
        << query << "\n" << r.err;
  }
}

}  // namespace
}  // namespace retort
