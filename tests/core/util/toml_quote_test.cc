// Tests util/toml_quote.cc: any text quoted as a TOML string reads back byte for byte through the parser
// retort uses, and any text written as comment lines stays a comment.
#include "util/toml_quote.h"

#include "util/toml_file.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

std::vector<std::string> tricky_texts() {
  std::vector<std::string> texts = {
      "",
      "plain",
      "first\n\nmore",
      "say \"hi\"",
      R"(back\slash \n not a newline)",
      "tab\there",
      "cr\rlf\r\n",
      "\"\"\" triple quotes '''",
      "# not a comment",
      "ends with a backslash \\",
      "emoji 🦀🎉 and 日本語 and Größe",
      "\xf4\x8f\xbf\xbf highest code point",
      "del \x7f and bell \a and escape \x1b[31m",
      "[[upgrade]]\nop = \"drop_table\"",
      "${HOME} $$ %s {}",
      std::string("nul \0 inside", 12),
  };
  std::string every_control;
  for (int c = 1; c < 0x20; ++c) every_control += static_cast<char>(c);
  texts.push_back(every_control);
  return texts;
}

TEST(TomlQuote, EveryTextReadsBackExactly) {
  for (const auto& text : tricky_texts()) {
    const std::string doc = "v = " + toml_quote(text) + "\nafter = 1\n";
    auto parsed = parse_toml_text(doc, "q.toml");
    ASSERT_TRUE(parsed.ok()) << parsed.error().to_string() << "\n" << doc;
    EXPECT_EQ((*parsed)["v"].value<std::string>(), text) << doc;
    EXPECT_EQ((*parsed)["after"].value<int64_t>(), 1) << "nothing after the string is swallowed";
  }
}

TEST(TomlQuote, EscapesAsTomlSpells) {
  EXPECT_EQ(toml_quote("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(toml_quote("\b\t\n\f\r"), R"("\b\t\n\f\r")");
  EXPECT_EQ(toml_quote("\x01\x1f\x7f"), R"("\u0001\u001F\u007F")");
  EXPECT_EQ(toml_quote("é🦀"), "\"é🦀\"") << "UTF-8 is written as it is";
}

TEST(TomlQuote, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  // TOML cannot hold them at all; the document must still parse.
  EXPECT_EQ(toml_quote("a\xff" "b\xc3"), R"("a\uFFFDb\uFFFD")");
  auto parsed = parse_toml_text("v = " + toml_quote("\xed\xa0\x80 \xc0\xaf") + "\n", "q.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.error().to_string();
  EXPECT_EQ((*parsed)["v"].value<std::string>(), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd");
}

TEST(TomlQuote, Arrays) {
  EXPECT_EQ(toml_quote_array({}), "[]");
  EXPECT_EQ(toml_quote_array({"a", "b\"c"}), R"(["a", "b\"c"])");
}

TEST(TomlComment, EveryTextStaysAComment) {
  for (auto text : tricky_texts()) {
    text += "\xff";
    const std::string doc = toml_comment(text) + "v = 1\n";
    auto parsed = parse_toml_text(doc, "c.toml");
    ASSERT_TRUE(parsed.ok()) << parsed.error().to_string() << "\n" << doc;
    EXPECT_EQ(parsed->size(), 1U) << doc;
  }
}

TEST(TomlComment, OneCommentLinePerLine) {
  EXPECT_EQ(toml_comment("one"), "# one\n");
  EXPECT_EQ(toml_comment(""), "#\n");
  EXPECT_EQ(toml_comment("first\n\nmore"), "# first\n#\n# more\n");
  EXPECT_EQ(toml_comment("a\r\nb\rc\n"), "# a\n# b\n# c\n#\n");
  EXPECT_EQ(toml_comment("tab\tbell\a"), "# tab\tbell\\u0007\n");
}

}  // namespace
}  // namespace retort
