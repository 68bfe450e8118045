// Tests script/slug.cc: the file-name slug of a message, truncated at a word boundary exactly as Alembic 1.8
// does (expected values from Alembic's own expression, "_".join(re.findall(r"\w+", m)).lower() then
// slug[:n].rsplit("_", 1)[0] + "_").
#include "script/slug.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

TEST(Slugify, WordsJoinedAndLowercased) {
  EXPECT_EQ(slugify("Add account table"), "add_account_table");
  EXPECT_EQ(slugify("  fix: email (again)!! "), "fix_email_again");
  EXPECT_EQ(slugify("add_account table"), "add_account_table");
  EXPECT_EQ(slugify(""), "");
}

TEST(Slugify, NeverLeavesTheFolderOrHoldsOddCharacters) {
  EXPECT_EQ(slugify("../../etc/passwd"), "etc_passwd");
  EXPECT_EQ(slugify("first\n\nmore"), "first_more");
  EXPECT_EQ(slugify("🦀🎉"), "");
  for (const std::string message : {"a/b\\c", "tab\there", "$HOME %s {0}", "\x01\x7f", "Größe 日本"}) {
    for (char c : slugify(message, 5))
      EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') << message;
  }
}

TEST(Slugify, TruncatesAtAWordBoundaryAsAlembic) {
  EXPECT_EQ(slugify("a very long message that goes on and on and on beyond forty characters"),
            "a_very_long_message_that_goes_on_and_on_");
  // One word longer than the limit is cut inside it, and still marked with '_'.
  EXPECT_EQ(slugify(std::string(100, 'x')), std::string(40, 'x') + "_");
  EXPECT_EQ(slugify("add account table", 10), "add_");
  EXPECT_EQ(slugify("add account table", 11), "add_");
  EXPECT_EQ(slugify("add account table", 3), "add_");
  EXPECT_EQ(slugify("word1 word2", 5), "word1_");
  EXPECT_EQ(slugify("__init__ of things", 5), "__");
  // At the limit exactly: nothing is cut.
  EXPECT_EQ(slugify("add account table", 17), "add_account_table");
  EXPECT_EQ(slugify("add account table", 16), "add_account_");
}

}  // namespace
}  // namespace retort
