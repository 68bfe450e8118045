// Tests config/member_name.cc: which names a fleet's source may give, and how a refused one is shown.
#include "config/member_name.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

TEST(MemberName, AcceptsPlainTenantNames) {
  for (const char* name : {"acme", "ACME", "t1", "1t", "acme-corp", "acme_corp", "acme.eu", "a"})
    EXPECT_FALSE(member_name_problem(name)) << name;
  EXPECT_FALSE(member_name_problem(std::string(63, 'a')));
}

TEST(MemberName, RefusesPathsUrlPartsAndSql) {
  for (const char* name : {"", "..", "a..b", "a/b", "../etc", "a\\b", "a'b", "a\"b", "a b", " a", "a;drop table x",
                           "a@host", "a:1", "a?x=1", "a#b", "a%2F", "a{name}", "-a", ".a", "_a", "a*", "a\tb",
                           "caf\xc3\xa9"})
    EXPECT_TRUE(member_name_problem(name)) << name;
  EXPECT_TRUE(member_name_problem(std::string(64, 'a')));
  EXPECT_TRUE(member_name_problem(std::string("a\0b", 3)));
}

TEST(MemberName, TheProblemShowsTheNamePrintably) {
  auto problem = member_name_problem(std::string("ev\0il\nname", 10));
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("'ev\\x00il\\nname'"), std::string::npos) << *problem;
  EXPECT_NE(problem->find("contains '\\x00'"), std::string::npos) << *problem;
  EXPECT_EQ(*member_name_problem("a/b"), "'a/b' contains '/'");
  EXPECT_EQ(*member_name_problem("a..b"), "'a..b' contains '..'");
}

TEST(Printable, EscapesControlAndNonAsciiBytesAndCutsLongText) {
  EXPECT_EQ(printable("plain text"), "plain text");
  EXPECT_EQ(printable("a\\b\r\t\x7f\xff"), "a\\\\b\\r\\t\\x7f\\xff");
  EXPECT_EQ(printable(std::string(100, 'x')), std::string(80, 'x') + "...");
}

}  // namespace
}  // namespace retort
