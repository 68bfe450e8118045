// A secret in any part of a database URL (user:password, `password=` and the other secret options,
// `PWD=` inside `odbc_connect`) never reaches retort's output: not in `current`, the `== database`
// headings, the `-- url:` header of offline scripts, nor connection errors and what drivers say in them.
#include "cli_runner.h"
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

// SQLite ignores options it does not know, so two SQLite files can carry the secrets of any driver.
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

TEST_F(SecretMaskingTest, DatabaseHeadingsAndCurrent) {
  CliResult up = retort({"upgrade", "heads"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(up.err.find(std::string("== database main (") + kMainMasked + ")"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find(std::string("== database other (") + kOtherMasked + ")"), std::string::npos) << up.err;

  CliResult current = retort({"current"});
  ASSERT_EQ(current.exit_code, 0) << current.err;
  EXPECT_NE(current.err.find(std::string("Current revision(s) for main (") + kMainMasked + "):"), std::string::npos)
      << current.err;
  EXPECT_NE(current.err.find(std::string("Current revision(s) for other (") + kOtherMasked + "):"), std::string::npos)
      << current.err;
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
