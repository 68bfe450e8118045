// Tests config/x_arguments.cc: -x KEY=VALUE read as before it moved out of the command line: the first
// '=' splits, the first argument for a KEY wins, and a malformed one is refused without being repeated.
#include "config/x_arguments.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

TEST(XArguments, SplitsAtTheFirstEquals) {
  auto x = XArguments::parse({"DBFILE=app.db", "URL=postgresql://u:p@h/d?a=b", "EMPTY="});
  ASSERT_TRUE(x.ok()) << x.error().to_string();
  EXPECT_EQ(x->value("DBFILE"), "app.db");
  EXPECT_EQ(x->value("URL"), "postgresql://u:p@h/d?a=b");
  EXPECT_EQ(x->value("EMPTY"), "");
  EXPECT_EQ(x->value("MISSING"), std::nullopt);
  EXPECT_EQ(x->value("dbfile"), std::nullopt) << "keys are case-sensitive, like environment variables";
}

TEST(XArguments, TheFirstArgumentForAKeyWins) {
  auto x = XArguments::parse({"K=one", "K=two"});
  ASSERT_TRUE(x.ok());
  EXPECT_EQ(x->value("K"), "one");
  EXPECT_EQ(x->lookup()("K"), "one");
  EXPECT_EQ(x->lookup()("other"), std::nullopt);
}

TEST(XArguments, MalformedArgumentsAreRefusedWithoutShowingThem) {
  EXPECT_EQ(x_argument_problem("K=V"), "");
  EXPECT_EQ(x_argument_problem("K="), "");
  EXPECT_EQ(x_argument_problem("hunter2"), "takes KEY=VALUE, and an argument has no '='");
  EXPECT_EQ(x_argument_problem("=hunter2"), "takes KEY=VALUE, and an argument has no KEY before '='");
  EXPECT_EQ(x_argument_problem(""), "takes KEY=VALUE, and an argument has no '='");
  auto bad = XArguments::parse({"A=1", "hunter2"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().to_string(),
            "-x: takes KEY=VALUE, and an argument has no '='\n  hint: write -x KEY=VALUE, e.g. -x DBFILE=app.db");
  EXPECT_EQ(bad.error().to_string().find("hunter2"), std::string::npos);
}

TEST(XArguments, ComeBeforeTheEnvironment) {
  auto x = XArguments::parse({"HOME=/from/x"});
  ASSERT_TRUE(x.ok());
  EXPECT_EQ(environment_lookup(x->lookup())("HOME"), "/from/x");
  auto expanded = expand_variables("${HOME}/db", environment_lookup(x->lookup()));
  ASSERT_TRUE(expanded.ok());
  EXPECT_EQ(*expanded, "/from/x/db");
}

}  // namespace
}  // namespace retort
