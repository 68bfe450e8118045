// The example plugins of examples/, built out of tree against the installed SDK by the fixture
// tests/examples/build_examples.sh and installed next to an installed retort, driven through that
// installed retort as a user would: the touch-trigger operation plugin on SQLite, PostgreSQL and MariaDB,
// and the sqlcipher dialect+driver plugin on an encrypted file, with the touch trigger in its tree.
#include "cli_runner.h"
#include "live_database.h"
#include "temp_dir.h"
#include "text_checks.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::Backend;
using testing::CliResult;
using testing::LiveDatabase;
using testing::TempDir;
using testing::write_file;

const fs::path kPrefix = RETORT_EXAMPLES_PREFIX;
const fs::path kExamples = fs::path(RETORT_SOURCE_DIR) / "examples";

using testing::contains;

// The installed retort, with no plugin folder but its own install's.
CliResult installed_retort(const fs::path& cwd, const std::vector<std::string>& args,
                           std::vector<std::string> env = {}) {
  env.insert(env.begin(), {"-u", "RETORT_PLUGIN_PATH"});
  return testing::run_program(kPrefix / "bin/retort", cwd, args, env);
}

// A copy of an example's demo project, so runs leave nothing in the source tree.
void copy_demo(const std::string& example, const fs::path& to) {
  fs::copy(kExamples / example / "demo", to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

TEST(OutOfTreePlugins, TheInstalledRetortLoadsTheExamplePluginsFromItsOwnPrefix) {
  TempDir dir;
  CliResult r = installed_retort(dir.path(), {"plugins"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string plugin_dir = fs::canonical(kPrefix / "lib/retort/plugins").string();
  EXPECT_TRUE(contains(r.out, "touch-trigger 1.0.0 (ABI 1.3)")) << r.out;
  EXPECT_TRUE(contains(r.out, "    path: " + plugin_dir + "/retort_touch_trigger.so")) << r.out;
  EXPECT_TRUE(contains(r.out, "    operation: create_touch_trigger\n    operation: drop_touch_trigger")) << r.out;
  EXPECT_TRUE(contains(r.out, "sqlcipher 1.0.0 (ABI 1.3): encrypted SQLite databases through SQLCipher")) << r.out;
  EXPECT_TRUE(contains(r.out, "    dialect: sqlcipher (speaks sqlite)\n    driver: sqlcipher (default for sqlcipher)")) << r.out;
  EXPECT_TRUE(contains(r.out, "sqlite 0.1.0 (ABI 1.3)")) << "the built-in plugins were installed too: " << r.out;
  EXPECT_EQ(r.err, "searched: " + plugin_dir + "\n");
}

// ---- touch-trigger: an operation plugin, rendered for each native backend -----------------------------

class TouchTriggerTest : public ::testing::TestWithParam<Backend> {};

TEST_P(TouchTriggerTest, KeepsUpdatedAtCurrentAndIsUndoneByItsInverse) {
  RETORT_REQUIRE_BACKEND(GetParam());
  LiveDatabase db(GetParam(), "touch");
  TempDir dir;
  copy_demo("touch-trigger-plugin", dir.path());
  const std::vector<std::string> env = {"DATABASE_URL=" + db.url()};

  CliResult offline = installed_retort(dir.path(), {"upgrade", "heads", "--sql"}, env);
  ASSERT_EQ(offline.exit_code, 0) << offline.err;
  EXPECT_TRUE(contains(offline.out, "CREATE TRIGGER ")) << offline.out;

  CliResult up = installed_retort(dir.path(), {"upgrade", "heads"}, env);
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_TRUE(contains(up.err, "Running upgrade 7d1e0c5a9b01 -> 7d1e0c5a9b02, keep note.updated_at current")) << up.err;

  db.execute("INSERT INTO note (body, updated_at) VALUES ('first', '2000-01-01 00:00:00')");
  db.execute("INSERT INTO note (body, updated_at) VALUES ('second', '2000-01-01 00:00:00')");
  db.execute("UPDATE note SET body = 'first, edited' WHERE body = 'first'");
  db.execute("UPDATE note SET body = 'second, edited', updated_at = '2001-02-03 04:05:06' WHERE body = 'second'");
  // The edited row was touched; the row whose update set the column itself keeps what it set.
  EXPECT_EQ(db.query("SELECT body FROM note WHERE updated_at > '2020-01-01' ORDER BY body"), "first, edited");
  EXPECT_EQ(db.query("SELECT body FROM note WHERE updated_at < '2020-01-01' ORDER BY body"), "second, edited");

  // No [[downgrade]] in the revision: drop_touch_trigger, its inverse, removes the trigger (and function).
  CliResult down = installed_retort(dir.path(), {"downgrade", "-1"}, env);
  ASSERT_EQ(down.exit_code, 0) << down.err;
  db.execute("UPDATE note SET body = 'first, again' WHERE body = 'first, edited'");
  EXPECT_EQ(db.query("SELECT body FROM note WHERE updated_at > '2020-01-01' ORDER BY body"), "first, again")
      << "the row touched before keeps its time";
  db.execute("UPDATE note SET updated_at = '2000-01-01 00:00:00'");
  db.execute("UPDATE note SET body = 'untouched'");
  EXPECT_EQ(db.query("SELECT count(*) FROM note WHERE updated_at > '2020-01-01'"), "0") << "the trigger is gone";

  CliResult base = installed_retort(dir.path(), {"downgrade", "base"}, env);
  ASSERT_EQ(base.exit_code, 0) << base.err;
}

INSTANTIATE_TEST_SUITE_P(Native, TouchTriggerTest, ::testing::ValuesIn(testing::native_backends()),
                         [](const ::testing::TestParamInfo<Backend>& info) { return testing::test_name(info.param); });

TEST(TouchTrigger, ItsChecksRunBeforeAnything) {
  TempDir dir;
  copy_demo("touch-trigger-plugin", dir.path());
  CliResult ok = installed_retort(dir.path(), {"check"}, {"DATABASE_URL=sqlite:///x.db"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;

  // PostgreSQL's trigger function body is dollar-quoted: a name with '$' is refused, offline too.
  write_file(dir / "migrations/versions/7d1e0c5a9b03_odd.toml",
             "revision = \"7d1e0c5a9b03\"\ndown_revision = \"7d1e0c5a9b02\"\nmessage = \"odd\"\n\n"
             "[[upgrade]]\nop = \"create_touch_trigger\"\ntable = \"note$x\"\ncolumn = \"updated_at\"\n");
  CliResult pg = installed_retort(dir.path(), {"upgrade", "heads", "--sql"},
                                  {"DATABASE_URL=postgresql://u:p@127.0.0.1:1/db"});
  EXPECT_EQ(pg.exit_code, 1) << pg.err;
  EXPECT_TRUE(contains(pg.err, "'note$x' contains '$', which cannot go into the trigger function's body")) << pg.err;
  EXPECT_TRUE(pg.out.empty()) << pg.out;

  // A dialect the plugin was not written for (the C test plugin's "cdemo", as built for ABI 1.0, which
  // speaks no family but its own) is named in the refusal.
  CliResult other = installed_retort(dir.path(), {"check"},
                                     {"DATABASE_URL=cdemo:///x", "RETORT_PLUGIN_PATH=" RETORT_TEST_PLUGIN_ROOT "/abi_1_0"});
  EXPECT_EQ(other.exit_code, 1) << other.err;
  EXPECT_TRUE(contains(other.err, "touch triggers are written for the sqlite, postgresql and mysql families of "
                                  "dialects, not for cdemo"))
      << other.err;
}

// ---- sqlcipher: a dialect+driver plugin for encrypted SQLite files ----------------------------------

class SqlcipherTest : public ::testing::Test {
 protected:
  TempDir dir;
  const std::string passphrase = "correct horse @ battery";

  void SetUp() override { copy_demo("sqlcipher-plugin", dir.path()); }
  CliResult retort(const std::vector<std::string>& args, const std::string& key = "") {
    return installed_retort(dir.path(), args, {"VAULT_PASSPHRASE=" + (key.empty() ? passphrase : key)});
  }
  void revision(const std::string& id, const std::string& down, const std::string& body) {
    write_file(dir / ("migrations/versions/" + id + "_test.toml"),
               "revision = \"" + id + "\"\ndown_revision = \"" + down + "\"\nmessage = \"test " + id + "\"\n\n" + body);
  }
};

TEST_F(SqlcipherTest, MigratesAnEncryptedDatabaseWithTheTouchTrigger) {
  CliResult check = retort({"check"});
  ASSERT_EQ(check.exit_code, 0) << check.err;

  CliResult up = retort({"upgrade", "heads"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_TRUE(contains(up.err, "Running upgrade 3c9f2a7e0d01 -> 3c9f2a7e0d02, seed secrets, keep updated_at current"))
      << up.err;
  CliResult current = retort({"current"});
  ASSERT_EQ(current.exit_code, 0) << current.err;
  EXPECT_EQ(current.out, "3c9f2a7e0d02 (head)\n");
  EXPECT_TRUE(contains(current.err, "vault (sqlcipher://:***@/vault.db)")) << current.err;

  // Encrypted: plain SQLite cannot read a page of it.
  EXPECT_EQ(testing::sqlite_query(dir / "vault.db", "SELECT count(*) FROM sqlite_master"),
            "<error: file is not a database>");

  // Only retort can look inside, so a revision checks the trigger: the guard table's CHECK fails the
  // revision unless the updated row was touched and the other was not. The UPDATE is written for the
  // sqlite family only, which the sqlcipher dialect speaks.
  revision("3c9f2a7e0d03", "3c9f2a7e0d02",
           "downgrade = []\n\n[[upgrade]]\nop = \"execute\"\nsql = { sqlite = \"UPDATE secret SET body = x'00' WHERE "
           "label = 'api-token'\" }\n\n[[upgrade]]\nop = \"execute\"\nsql = \"CREATE TEMP TABLE touched (ok INTEGER CHECK (ok = 1))\"\n\n"
           "[[upgrade]]\nop = \"execute\"\nsql = \"INSERT INTO touched SELECT updated_at > '2020-01-01' FROM secret WHERE "
           "label = 'api-token' UNION ALL SELECT updated_at = '2000-01-01 00:00:00' FROM secret WHERE label = "
           "'signing-key'\"\n");
  CliResult touched = retort({"upgrade", "heads"});
  EXPECT_EQ(touched.exit_code, 0) << touched.err;

  CliResult down = retort({"downgrade", "base"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_TRUE(contains(down.err, "Running downgrade 3c9f2a7e0d01 -> , create secret")) << down.err;
  CliResult after = retort({"current"});
  EXPECT_EQ(after.out, "") << after.out;
}

TEST_F(SqlcipherTest, AWrongPassphraseIsOneLineWithThePassphraseMasked) {
  ASSERT_EQ(retort({"upgrade", "heads"}).exit_code, 0);
  const std::string wrong = "not the passphrase at all";
  CliResult r = retort({"upgrade", "heads"}, wrong);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "database 'vault' (sqlcipher://:***@/vault.db): cannot connect: cannot open SQLCipher "
                              "database 'vault.db': the passphrase is wrong"))
      << r.err;
  EXPECT_FALSE(contains(r.err, wrong)) << r.err;
  EXPECT_FALSE(contains(r.err, passphrase)) << r.err;
  EXPECT_EQ(retort({"current"}).out, "3c9f2a7e0d02 (head)\n") << "nothing changed";
}

TEST_F(SqlcipherTest, AnOperationSqlcipherCannotDoIsRefusedBeforeAnythingRuns) {
  revision("3c9f2a7e0d03", "3c9f2a7e0d02",
           "[[upgrade]]\nop = \"alter_column\"\ntable = \"secret\"\ncolumn = \"label\"\nnew_name = \"name\"\n");
  CliResult r = retort({"upgrade", "heads"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(contains(r.err, "3c9f2a7e0d03_test.toml")) << r.err;
  EXPECT_TRUE(contains(r.err, "alter_column on table secret: SQLCipher's ALTER TABLE cannot do this")) << r.err;
  CliResult current = retort({"current"});
  EXPECT_EQ(current.exit_code, 0) << current.err;
  EXPECT_EQ(current.out, "") << "not even the first revision ran";
}

// Checked before the file is opened, so a refused URL creates nothing.
TEST_F(SqlcipherTest, ItsOptionsAreCheckedBeforeTheFileIsOpened) {
  const std::pair<std::string, std::string> cases[] = {
      // timeout * 1000 overflowed an int (undefined behaviour) before.
      {"timeout=999999999", "option timeout=999999999: must be a number of seconds from 0 to 86400"},
      {"timeout=-1", "option timeout=-1: must be a number of seconds from 0 to 86400"},
      {"kdf_iter=1e6", "option kdf_iter=1e6: must be a whole number"},
      {"cipher_use_hmac=yes", "option cipher_use_hmac=yes: must be ON or OFF"},
      {"kdf_itre=64000",
       "option kdf_itre: not an option of the sqlcipher driver, which reads cipher, kdf_iter, "
       "cipher_page_size, cipher_use_hmac and timeout"},
  };
  for (const auto& [query, reason] : cases) {
    SCOPED_TRACE(query);
    CliResult r = installed_retort(dir.path(), {"upgrade", "heads"},
                                   {"VAULT_PASSPHRASE=" + passphrase, "VAULT_DATABASE=fresh.db?" + query});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.err, "cannot connect: " + reason)) << r.err;
    EXPECT_FALSE(fs::exists(dir / "fresh.db"));
  }
  CliResult good =
      installed_retort(dir.path(), {"current"},
                       {"VAULT_PASSPHRASE=" + passphrase, "VAULT_DATABASE=fresh.db?timeout=2.5&kdf_iter=64000"});
  EXPECT_EQ(good.exit_code, 0) << good.err;
}

TEST_F(SqlcipherTest, AUrlWithoutAPassphraseSaysHowToGiveOne) {
  write_file(dir / "retort.toml", "[retort]\nscript_location = \"migrations\"\n\n[databases.vault]\nurl = \"sqlcipher:///vault.db\"\n");
  CliResult r = installed_retort(dir.path(), {"upgrade", "heads"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "a SQLCipher URL carries the passphrase as its password: sqlcipher://:PASSPHRASE@/vault.db"))
      << r.err;
}

}  // namespace
}  // namespace retort
