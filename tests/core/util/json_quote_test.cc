// Tests util/json_quote.cc: quotes, backslashes and control characters are escaped, UTF-8 passes through,
// and bytes that are not UTF-8 never reach the output.
#include "util/json_quote.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

TEST(JsonQuote, PlainTextIsQuoted) {
  EXPECT_EQ(json_quote(""), "\"\"");
  EXPECT_EQ(json_quote("tenants/acme"), "\"tenants/acme\"");
}

TEST(JsonQuote, QuotesBackslashesAndControlCharactersAreEscaped) {
  EXPECT_EQ(json_quote("say \"hi\""), R"("say \"hi\"")");
  EXPECT_EQ(json_quote(R"(C:\path)"), R"("C:\\path")");
  EXPECT_EQ(json_quote("line\nnext\ttab\rcr"), R"("line\nnext\ttab\rcr")");
  EXPECT_EQ(json_quote(std::string("nul \0 bell \a esc \x1b del \x7f", 24)),
            R"("nul \u0000 bell \u0007 esc \u001b del \u007f")");
}

TEST(JsonQuote, Utf8PassesThroughAndBrokenBytesAreReplaced) {
  EXPECT_EQ(json_quote("Größe 日本語 🦀"), "\"Größe 日本語 🦀\"");
  EXPECT_EQ(json_quote("bad \xff byte and truncated \xe6\x97"), R"("bad \ufffd byte and truncated \ufffd\ufffd")");
}

TEST(JsonQuote, ArraysListEachItemQuoted) {
  EXPECT_EQ(json_quote_array({}), "[]");
  EXPECT_EQ(json_quote_array({"a1", "b\"2"}), R"(["a1", "b\"2"])");
}

}  // namespace
}  // namespace retort
