// A database retort cannot reach: the server is down, the password is wrong, the database does not exist,
// or no plugin serves the URL. Each is one clear line with the password masked, exit status 1, and
// nothing written anywhere.
#include "cli_runner.h"
#include "live_database.h"
#include "schema_snapshot.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

using testing::Backend;
using testing::CliResult;
using testing::LiveDatabase;

const char* kWrongPassword = "Wr0ng-s3cret";

class ConnectionFailureTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    RETORT_REQUIRE_BACKEND(GetParam());
    db_ = std::make_unique<LiveDatabase>(GetParam(), "connfail");
    testing::write_file(project_ / "migrations" / "versions" / "a1_first.toml",
                        "revision = \"a1\"\ndown_revision = \"\"\nmessage = \"first\"\n\n[[upgrade]]\nop = "
                        "\"create_table\"\ntable = \"t\"\ncolumns = [{ name = \"id\", type = \"integer\" }]\n");
    testing::write_file(project_ / "retort.toml", "[retort]\nscript_location = \"migrations\"\n\n[databases.main]\n"
                                                  "url = \"sqlite:///unused.db\"\n");
    before_ = testing::schema_snapshot(db_->connection());
  }

  // Runs `upgrade heads` against `url` and checks what every connection failure must look like.
  CliResult expect_refused(const std::string& url, const std::string& reason) {
    CliResult r = testing::run_retort(project_.path(), {"--url", url, "upgrade", "heads"});
    EXPECT_EQ(r.exit_code, 1) << url << "\n" << r.err;
    EXPECT_EQ(r.out, "");
    // One line saying what failed (then, indented, what to do about it).
    std::string first_line = r.err.substr(0, r.err.find('\n'));
    EXPECT_EQ(first_line.rfind("error: database 'main' (", 0), 0u) << r.err;
    EXPECT_NE(first_line.find(reason), std::string::npos) << "expected '" << reason << "' in: " << r.err;
    EXPECT_EQ(r.err.find("\n", first_line.size() + 1), r.err.size() - 1) << "at most a hint line follows:\n" << r.err;
    EXPECT_EQ(r.err.find(kWrongPassword), std::string::npos) << "the password must be masked:\n" << r.err;
    EXPECT_EQ(testing::schema_snapshot(db_->connection()), before_) << "nothing may be written";
    EXPECT_FALSE(std::filesystem::exists(project_ / "unused.db"));
    return r;
  }

  std::string url_on_port(int port) const {
    std::string url = db_->url_with_password(kWrongPassword);
    size_t at = url.find('@'), slash = url.find('/', at);
    return url.substr(0, at + 1) + "127.0.0.1:" + std::to_string(port) + url.substr(slash);
  }

  std::unique_ptr<LiveDatabase> db_;
  testing::TempDir project_;
  std::string before_;
};

TEST_P(ConnectionFailureTest, ServerDown) {
  CliResult r = expect_refused(url_on_port(1), "cannot connect");
  EXPECT_NE(r.err.find("127.0.0.1:1/"), std::string::npos) << "the URL, masked, says where:\n" << r.err;
  EXPECT_NE(r.err.find(":***@"), std::string::npos) << r.err;
}

TEST_P(ConnectionFailureTest, WrongPassword) {
  CliResult r = expect_refused(db_->url_with_password(kWrongPassword), "cannot connect");
  const bool named = r.err.find("password authentication failed") != std::string::npos ||
                     r.err.find("Access denied") != std::string::npos;
  EXPECT_TRUE(named) << r.err;
}

TEST_P(ConnectionFailureTest, UnknownDatabase) {
  std::string url = db_->url();
  CliResult r = expect_refused(url.substr(0, url.rfind('/') + 1) + "no_such_database_here", "cannot connect");
  const bool named = r.err.find("\"no_such_database_here\" does not exist") != std::string::npos ||
                     r.err.find("Unknown database 'no_such_database_here'") != std::string::npos;
  EXPECT_TRUE(named) << r.err;
}

TEST_P(ConnectionFailureTest, UnknownDriver) {
  std::string url = db_->url_with_password(kWrongPassword);
  std::string rest = url.substr(url.find("://"));
  expect_refused(GetParam().dialect + "+nosuchdriver" + rest, "no plugin provides the driver 'nosuchdriver'");
  expect_refused("oracle" + rest, "no plugin provides the dialect 'oracle'");
}

std::vector<Backend> server_backends() {
  std::vector<Backend> out;
  for (const auto& b : testing::all_backends())
    if (b.dialect != "sqlite") out.push_back(b);
  return out;
}

INSTANTIATE_TEST_SUITE_P(Servers, ConnectionFailureTest, ::testing::ValuesIn(server_backends()),
                         [](const ::testing::TestParamInfo<Backend>& info) { return testing::test_name(info.param); });

}  // namespace
}  // namespace retort
