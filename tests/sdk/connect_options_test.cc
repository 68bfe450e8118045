// How drivers read their URL options: the accepted forms, the errors for everything else, and which
// options are left for the client library.
#include <retort/sdk/connect_options.hpp>

#include <gtest/gtest.h>

#include <thread>

namespace retort::sdk {
namespace {

ConnectParams with(std::vector<std::pair<std::string, std::string>> options) {
  ConnectParams p;
  p.options = std::move(options);
  return p;
}

// The message of the Failure `f` throws, or "" when it throws none.
template <class F>
std::string refusal(F&& f) {
  try {
    f();
  } catch (const Failure& e) {
    return e.what();
  }
  return "";
}

TEST(ConnectOptions, SecondsTakeDigitsAndOnePointOnly) {
  for (const char* good : {"0", "2.5", "86400", ".5", "7.", "007"}) {
    ConnectParams p = with({{"timeout", good}});
    ConnectOptions options(p);
    EXPECT_TRUE(options.seconds("timeout", 0, 86400).has_value()) << good;
  }
  ConnectParams half = with({{"timeout", "2.5"}});
  EXPECT_DOUBLE_EQ(*ConnectOptions(half).seconds("timeout", 0, 86400), 2.5);
  // strtod would take every one of these (1e30 then overflowed the driver's int: undefined behaviour).
  for (const char* bad : {"abc", "1e30", "nan", "inf", "-1", "+1", "", " 5", "5 ", "0x10", "1.2.3", ".", "86400.5",
                          "86401", "9999999999999999999999"}) {
    ConnectParams p = with({{"timeout", bad}});
    ConnectOptions options(p);
    EXPECT_EQ(refusal([&] { options.seconds("timeout", 0, 86400); }),
              "option timeout=" + std::string(bad) + ": must be a number of seconds from 0 to 86400");
  }
}

TEST(ConnectOptions, AnAbsentOptionIsNotAValue) {
  ConnectParams p = with({});
  ConnectOptions options(p);
  EXPECT_FALSE(options.seconds("timeout", 0, 86400).has_value());
  EXPECT_EQ(options.text("charset"), nullptr);
}

TEST(ConnectOptions, ConnectTimeoutIsWholeSecondsFromTwoToAnHourAndTenByDefault) {
  ConnectParams none = with({});
  ConnectTimeout fallback = ConnectOptions(none).connect_timeout();
  EXPECT_EQ(fallback.seconds(), kDefaultConnectTimeoutSeconds);
  EXPECT_FALSE(fallback.from_url());
  for (const char* good : {"2", "30", "3600"}) {
    ConnectParams p = with({{"connect_timeout", good}});
    EXPECT_EQ(ConnectOptions(p).connect_timeout().seconds(), std::stoi(good));
  }
  for (const char* bad : {"0", "1", "-5", "2.5", "2.", "", "3601", "abc", "99999999999999999999"}) {
    ConnectParams p = with({{"connect_timeout", bad}});
    EXPECT_EQ(refusal([&] { ConnectOptions(p).connect_timeout(); }),
              "option connect_timeout=" + std::string(bad) + ": must be a whole number of seconds from 2 to 3600");
  }
}

TEST(ConnectOptions, AnOptionGivenTwiceIsRefused) {
  ConnectParams p = with({{"timeout", "1"}, {"timeout", "2"}});
  EXPECT_EQ(refusal([&] { ConnectOptions(p).text("timeout"); }), "option timeout: given more than once; give it once");
}

TEST(ConnectOptions, NamesMayIgnoreCaseForOdbc) {
  ConnectParams p = with({{"DSN", "reporting"}, {"Connect_Timeout", "5"}});
  ConnectOptions exact(p);
  EXPECT_EQ(exact.text("dsn"), nullptr);
  ConnectOptions any_case(p, ConnectOptions::Names::any_case);
  ASSERT_NE(any_case.text("dsn"), nullptr);
  EXPECT_EQ(*any_case.text("dsn"), "reporting");
  EXPECT_EQ(any_case.connect_timeout().seconds(), 5);
  EXPECT_TRUE(any_case.unread().empty());
}

TEST(ConnectOptions, UnreadOptionsArePassedOnOrRefusedWithoutTheirValue) {
  ConnectParams p = with({{"connect_timeout", "5"}, {"ssl_ca", "/etc/secret.pem"}, {"charset", "latin1"}, {"x", "y"}});
  ConnectOptions options(p);
  options.connect_timeout();
  options.text("charset");
  EXPECT_EQ(options.unread(),
            (std::vector<std::pair<std::string, std::string>>{{"ssl_ca", "/etc/secret.pem"}, {"x", "y"}}));
  EXPECT_EQ(
      refusal([&] { options.refuse_unread("mysql", "try mysql+odbc://"); }),
      "option ssl_ca: not an option of the mysql driver, which reads connect_timeout and charset; try mysql+odbc://");
  ConnectParams none = with({{"timeout", "1"}});
  EXPECT_EQ(refusal([&] { ConnectOptions(none).refuse_unread("memory"); }),
            "option timeout: not an option of the memory driver, which reads none");
  ConnectParams read_all = with({{"timeout", "1"}});
  ConnectOptions all(read_all);
  all.seconds("timeout", 0, 10);
  EXPECT_EQ(refusal([&] { all.refuse_unread("sqlite"); }), "");
}

TEST(ConnectOptions, ATimeoutIsNamedOnlyWhenTheAttemptLastedTheWholeTimeout) {
  ConnectTimeout given(2, true);
  given.start();
  EXPECT_EQ(given.explain("connection refused"), "connection refused");
  std::this_thread::sleep_for(std::chrono::milliseconds(1050));
  EXPECT_EQ(given.explain("timeout expired"),
            "timeout expired; the server did not answer within 2 s (connect_timeout=2)");
  ConnectTimeout fallback(2, false);
  fallback.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(1050));
  EXPECT_EQ(fallback.explain("lost"),
            "lost; the server did not answer within 2 s (the default; ?connect_timeout=N in the URL waits N s)");
}

}  // namespace
}  // namespace retort::sdk
