// Database::execute_atomically (runtime/database.cc) through drivers built for two minors of the ABI: a driver
// built with the 1.3 header gets the whole unit in one call of its execute_atomically; one built with the 1.2
// header, whose table ends before that field, still loads and gets begin, each statement and commit (rollback
// on a failure) from the host, which never reads past its table. tests/plugins/test_plugin.c logs each call.
#include "runtime/database.h"

#include "config/url.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace retort {
namespace {

namespace fs = std::filesystem;

class DatabaseAtomicTest : public ::testing::Test {
 protected:
  void SetUp() override { ::setenv("RETORT_TEST_DRIVER_LOG", log_.string().c_str(), 1); }
  void TearDown() override { ::unsetenv("RETORT_TEST_DRIVER_LOG"); }

  // A connection through the logging driver of test plugin `variant`.
  Database connect(const std::string& variant) {
    const Status loaded = host_.load_file(fs::path(RETORT_TEST_PLUGIN_ROOT) / variant / ("retort_" + variant + ".so"));
    if (!loaded.ok()) throw std::runtime_error(loaded.error().to_string());
    config_.name = "main";
    config_.url = parse_url("cdemo:///nowhere").value();
    auto db = Database::connect(host_, config_);
    if (!db.ok()) throw std::runtime_error(db.error().to_string());
    return std::move(db).value();
  }
  // The driver's calls so far, one a line.
  std::string calls() const {
    std::ifstream in(log_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  testing::TempDir dir_;
  fs::path log_ = dir_.path() / "driver.log";
  PluginHost host_;
  DatabaseConfig config_;
};

TEST_F(DatabaseAtomicTest, ADriverBuiltFor1_3GetsTheWholeUnitInOneCall) {
  Database db = connect("driver_1_3");
  ASSERT_EQ(host_.plugins().at(0).abi_minor, 3u);
  const Status st = db.execute_atomically({"INSERT INTO t VALUES (1)", "UPDATE h SET done = 1"});
  ASSERT_TRUE(st.ok()) << st.error().to_string();
  EXPECT_EQ(calls(), "execute_atomically INSERT INTO t VALUES (1) | UPDATE h SET done = 1\n");
}

TEST_F(DatabaseAtomicTest, ADriverBuiltFor1_3ReportsTheStatementThatFailed) {
  Database db = connect("driver_1_3");
  const Status st = db.execute_atomically({"INSERT INTO t VALUES (1)", "UPDATE FAIL"});
  ASSERT_FALSE(st.ok());
  const std::string e = st.error().to_string();
  EXPECT_NE(e.find("cdemo refuses to FAIL (SQLSTATE 42000)"), std::string::npos) << e;
  EXPECT_NE(e.find("statement: UPDATE FAIL"), std::string::npos) << e;
  EXPECT_NE(e.find("database 'main'"), std::string::npos) << e;
}

TEST_F(DatabaseAtomicTest, ADriverBuiltFor1_2LoadsAndTheHostBracketsTheUnitItself) {
  Database db = connect("driver_1_2");
  ASSERT_EQ(host_.plugins().at(0).abi_minor, 2u);
  const Status st = db.execute_atomically({"INSERT INTO t VALUES (1)", "UPDATE h SET done = 1"});
  ASSERT_TRUE(st.ok()) << st.error().to_string();
  // The function in the slot past its table is never called: it would log "read past the 1.2 table".
  EXPECT_EQ(calls(), "begin\nexecute INSERT INTO t VALUES (1)\nexecute UPDATE h SET done = 1\ncommit\n");
}

TEST_F(DatabaseAtomicTest, ADriverBuiltFor1_2IsRolledBackAtTheFirstFailureWhichIsReported) {
  Database db = connect("driver_1_2");
  const Status st = db.execute_atomically({"INSERT FAIL", "UPDATE h SET done = 1"});
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(calls(), "begin\nexecute INSERT FAIL\nrollback\n");
  const std::string e = st.error().to_string();
  EXPECT_NE(e.find("statement: INSERT FAIL"), std::string::npos) << e;
  // The unit is over: a later one starts afresh.
  ASSERT_TRUE(db.execute_atomically({"INSERT INTO t VALUES (2)"}).ok());
  EXPECT_EQ(calls(), "begin\nexecute INSERT FAIL\nrollback\nbegin\nexecute INSERT INTO t VALUES (2)\ncommit\n");
}

TEST_F(DatabaseAtomicTest, AnEmptyUnitRunsNothing) {
  Database db = connect("driver_1_2");
  ASSERT_TRUE(db.execute_atomically({}).ok());
  EXPECT_EQ(calls(), "");
}

}  // namespace
}  // namespace retort
