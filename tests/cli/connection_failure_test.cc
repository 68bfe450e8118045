// A database retort cannot reach: the server is down or never answers, the password is wrong, the
// database does not exist, an option in the URL is malformed, or no plugin serves the URL. Each is one
// clear line with the password masked, exit status 1, and nothing written anywhere.
#include "cli_runner.h"
#include "live_database.h"
#include "schema_snapshot.h"
#include "silent_listener.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <chrono>

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
    // A run that hangs is killed (exit code 124) rather than stalling the suite.
    const auto start = std::chrono::steady_clock::now();
    CliResult r =
        testing::run_retort_within(std::chrono::seconds(60), project_.path(), {"--url", url, "upgrade", "heads"});
    last_run_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
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

  // The URL with `query` (KEY=VALUE&...) appended.
  std::string url_with(const std::string& query) const { return db_->url() + "?" + query; }

  std::unique_ptr<LiveDatabase> db_;
  testing::TempDir project_;
  std::string before_;
  double last_run_seconds_ = 0;
};

TEST_P(ConnectionFailureTest, ServerDown) {
  CliResult r = expect_refused(url_on_port(1), "cannot connect");
  EXPECT_NE(r.err.find("127.0.0.1:1/"), std::string::npos) << "the URL, masked, says where:\n" << r.err;
  EXPECT_NE(r.err.find(":***@"), std::string::npos) << r.err;
}

// A server that accepts the TCP connection and then says nothing (a hung process, a wrong port forward):
// each driver gives up after connect_timeout, natively and through ODBC, and says that it waited. libpq
// counts in whole seconds, so it may give up to 1 s early.
TEST_P(ConnectionFailureTest, ServerThatNeverAnswersTimesOut) {
  testing::SilentListener silent;
  expect_refused(url_on_port(silent.port()) + "?connect_timeout=2", "the server did not answer within 2 s");
  EXPECT_GE(last_run_seconds_, 1) << "it gave up before the timeout";
  EXPECT_LT(last_run_seconds_, 15) << "connect_timeout=2 was not applied";
}

TEST_P(ConnectionFailureTest, ServerThatNeverAnswersTimesOutAfterTenSecondsByDefault) {
  testing::SilentListener silent;
  expect_refused(url_on_port(silent.port()), "the server did not answer within 10 s");
  EXPECT_GE(last_run_seconds_, 9) << "it gave up before the default timeout";
  EXPECT_LT(last_run_seconds_, 30) << "the default timeout of 10 s was not applied";
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

// Every option a driver reads is checked when it connects: a value outside its accepted form is refused
// naming the option, the value and the form. Unknown names are refused by the drivers that would ignore
// them (sqlite, mysql) and left to the client library by those that pass them on (libpq, ODBC).
class ConnectOptionTest : public ConnectionFailureTest {};

struct OptionCase {
  std::string query;   // appended to the URL after '?'
  std::string reason;  // expected in the error line
};

std::vector<OptionCase> refused_options(const Backend& backend) {
  std::vector<OptionCase> cases;
  if (backend.dialect == "sqlite" && !backend.odbc) {
    for (std::string v : {"abc", "1e30", "nan", "inf", "-1", "", "86401", "0x10", "%205", "1.2.3"}) {
      std::string shown = v == "%205" ? " 5" : v;
      cases.push_back({"timeout=" + v, "option timeout=" + shown + ": must be a number of seconds from 0 to 86400"});
    }
    cases.push_back({"timeout=1&timeout=2", "option timeout: given more than once"});
    cases.push_back({"check_same_thread=false",
                     "option check_same_thread: not an option of the sqlite driver, which reads timeout"});
    return cases;
  }
  for (std::string v : {"abc", "0", "1", "-5", "2.5", "", "3601", "99999999999999999999"})
    cases.push_back(
        {"connect_timeout=" + v, "option connect_timeout=" + v + ": must be a whole number of seconds from 2 to 3600"});
  if (backend.odbc) {
    cases.push_back({"dsn=", "option dsn=: must be the name of an ODBC data source"});
    cases.push_back({"DSN=a;b", "option DSN=a;b: must be the name of an ODBC data source"});
    cases.push_back({"driver=", "option driver=: must be the name of an ODBC driver"});
    cases.push_back({"Driver=x}y", "option Driver=x}y: must be the name of an ODBC driver"});
    cases.push_back({"odbc_connect=", "option odbc_connect: must be a complete ODBC connection string"});
    cases.push_back(
        {"odbc_connect=DSN%3Dx%3BPWD%3Dsh0wn-n0where&dsn=x", "option dsn: cannot be combined with odbc_connect"});
    cases.push_back({"a%3Bb=1", "option a;b: an ODBC attribute name cannot contain"});
  } else if (backend.dialect == "postgresql") {
    // libpq checks the names and the values of its own options; its words come through.
    cases.push_back({"nosuch=1", "invalid connection option \"nosuch\""});
    cases.push_back({"sslmode=bogus", "invalid sslmode value: \"bogus\""});
  } else {
    cases.push_back({"charset=", "option charset=: must be a character set name such as utf8mb4"});
    cases.push_back({"charset=utf8mb4%3Bx", "option charset=utf8mb4;x: must be a character set name such as utf8mb4"});
    cases.push_back({"charset=bogus", "Can't initialize character set bogus"});
    cases.push_back({"ssl_ca=/etc/ca.pem",
                     "option ssl_ca: not an option of the mysql driver, which reads connect_timeout and charset"});
  }
  return cases;
}

TEST_P(ConnectOptionTest, MalformedOptionValuesAreRefusedNamingTheOptionAndTheAcceptedForm) {
  for (const OptionCase& c : refused_options(GetParam())) {
    SCOPED_TRACE(c.query);
    CliResult r = expect_refused(url_with(c.query), c.reason);
    const std::string driver_message = r.err.substr(r.err.find("cannot connect:"));
    EXPECT_EQ(driver_message.find("sh0wn-n0where"), std::string::npos) << "odbc_connect may hold a password:\n"
                                                                       << r.err;
    EXPECT_EQ(driver_message.find("/etc/ca.pem"), std::string::npos) << "an unknown option's value is not shown:\n"
                                                                     << r.err;
  }
}

TEST_P(ConnectOptionTest, WellFormedOptionsAreAccepted) {
  std::string query;
  if (GetParam().dialect == "sqlite" && !GetParam().odbc) {
    query = "timeout=2.5";
  } else if (GetParam().odbc) {
    query = "CONNECT_TIMEOUT=5";  // ODBC keywords are case-insensitive
  } else if (GetParam().dialect == "postgresql") {
    query = "connect_timeout=5&application_name=retort-test&sslmode=disable";
  } else {
    query = "connect_timeout=2&charset=latin1";
  }
  CliResult r =
      testing::run_retort_within(std::chrono::seconds(60), project_.path(), {"--url", url_with(query), "current"});
  EXPECT_EQ(r.exit_code, 0) << query << "\n" << r.err;
}

std::vector<Backend> server_backends() {
  std::vector<Backend> out;
  for (const auto& b : testing::all_backends())
    if (b.dialect != "sqlite") out.push_back(b);
  return out;
}

INSTANTIATE_TEST_SUITE_P(Servers, ConnectionFailureTest, ::testing::ValuesIn(server_backends()),
                         [](const ::testing::TestParamInfo<Backend>& info) { return testing::test_name(info.param); });
INSTANTIATE_TEST_SUITE_P(AllBackends, ConnectOptionTest, ::testing::ValuesIn(testing::all_backends()),
                         [](const ::testing::TestParamInfo<Backend>& info) { return testing::test_name(info.param); });

}  // namespace
}  // namespace retort
