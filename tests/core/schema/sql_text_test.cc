// The comparison key of SQL text: spellings of the same tokens match, different tokens never do.
#include "schema/sql_text.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

TEST(SqlTextTest, WhitespaceBetweenTokensDoesNotCount) {
  EXPECT_TRUE(same_sql_text("n>0 and n<100", "n > 0  and\n\tn < 100"));
  EXPECT_TRUE(same_sql_text("lower( email )", "lower(email)"));
  EXPECT_EQ(sql_comparison_key("  x IS NOT NULL  "), "x is not null");
}

TEST(SqlTextTest, TheSpaceBetweenTwoWordsIsKept) {
  EXPECT_FALSE(same_sql_text("a b", "ab"));
  EXPECT_FALSE(same_sql_text("x is not null", "x isnot null"));
  EXPECT_EQ(sql_comparison_key("größe > 0"), "größe>0");
}

TEST(SqlTextTest, LetterCaseOutsideQuotesDoesNotCount) {
  EXPECT_TRUE(same_sql_text("CURRENT_TIMESTAMP", "current_timestamp"));
  EXPECT_TRUE(same_sql_text("LOWER(s)", "lower(s)"));
  EXPECT_TRUE(same_sql_text("n > 0 AND n < 100", "n>0 and n<100"));
}

TEST(SqlTextTest, QuotedTextCountsExactly) {
  EXPECT_FALSE(same_sql_text("s <> 'A'", "s <> 'a'"));
  EXPECT_FALSE(same_sql_text("s <> 'a  b'", "s <> 'a b'"));
  EXPECT_FALSE(same_sql_text("\"N\" > 0", "\"n\" > 0"));
  EXPECT_FALSE(same_sql_text("`N` > 0", "`n` > 0"));
  EXPECT_FALSE(same_sql_text("\"N\" > 0", "n > 0"));
  EXPECT_FALSE(same_sql_text("\"a b\" > 0", "a b > 0"));
  EXPECT_FALSE(same_sql_text("[N] > 0", "[n] > 0"));
  // A doubled quote stays inside its string; what follows is compared as SQL again.
  EXPECT_TRUE(same_sql_text("s <> 'it''s' AND X", "s<>'it''s' and x"));
  EXPECT_FALSE(same_sql_text("s <> 'it''s A'", "s <> 'it''s a'"));
}

TEST(SqlTextTest, AQuotedNameThatNeedsNoQuotesIsTheBareName) {
  EXPECT_TRUE(same_sql_text("\"n\" > 0", "n > 0"));
  EXPECT_TRUE(same_sql_text("`n_2` > 0", "N_2 > 0"));
  EXPECT_TRUE(same_sql_text("[n] > 0", "n > 0"));
  EXPECT_TRUE(same_sql_text("x IS \"n\"", "x is n"));
  EXPECT_FALSE(same_sql_text("x IS \"n\"", "x isn"));
  EXPECT_FALSE(same_sql_text("\"1n\" > 0", "1n > 0"));
  EXPECT_FALSE(same_sql_text("'n' > 0", "n > 0"));
}

TEST(SqlTextTest, ParenthesesAroundTheWholeTextDoNotCount) {
  EXPECT_TRUE(same_sql_text("(n > 0)", "n > 0"));
  EXPECT_TRUE(same_sql_text("((n > 0))", "n > 0"));
  EXPECT_TRUE(same_sql_text("( 1 + 2 )", "1 + 2"));
  // These do not enclose the whole text.
  EXPECT_EQ(sql_comparison_key("(a) + (b)"), "(a)+(b)");
  EXPECT_FALSE(same_sql_text("(a) + (b)", "a) + (b"));
  EXPECT_EQ(sql_comparison_key("('(') || (')')"), "('(')||(')')");
}

TEST(SqlTextTest, DifferentTokensDiffer) {
  EXPECT_FALSE(same_sql_text("n > 0", "n >= 0"));
  EXPECT_FALSE(same_sql_text("0", "'0'"));
  EXPECT_FALSE(same_sql_text("now()", "CURRENT_TIMESTAMP"));
}

TEST(SqlTextTest, NoDefaultIsOnlyTheSameAsNoDefault) {
  EXPECT_TRUE(same_default(std::optional<std::string>(), std::optional<std::string>()));
  EXPECT_FALSE(same_default(std::optional<std::string>("0"), std::optional<std::string>()));
  EXPECT_FALSE(same_default(std::optional<std::string>(), std::optional<std::string>("")));
  EXPECT_TRUE(same_default(std::optional<std::string>("TRUE"), std::optional<std::string>("true")));
}

}  // namespace
}  // namespace retort
