// Tests util/utf8.cc: what counts as well-formed UTF-8 (the Unicode standard's table 3-7).
#include "util/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace retort {
namespace {

constexpr size_t npos = std::string_view::npos;

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_EQ(invalid_utf8_offset(""), npos);
  EXPECT_EQ(invalid_utf8_offset("plain ascii\n\t\x7f"), npos);
  EXPECT_EQ(invalid_utf8_offset(std::string("nul\0inside", 10)), npos);
  EXPECT_EQ(invalid_utf8_offset("Größe, ĳ, ✓, 日本語, 🦀, \xf4\x8f\xbf\xbf"), npos);
  EXPECT_EQ(utf8_sequence_length("é", 0), 2U);
  EXPECT_EQ(utf8_sequence_length("✓", 0), 3U);
  EXPECT_EQ(utf8_sequence_length("🦀", 0), 4U);
}

TEST(Utf8, FindsTheFirstBadByte) {
  EXPECT_EQ(invalid_utf8_offset("ab\xff"), 2U);
  EXPECT_EQ(invalid_utf8_offset("\x80"), 0U) << "a stray continuation byte";
  EXPECT_EQ(invalid_utf8_offset("ok \xc3"), 3U) << "truncated at the end";
  EXPECT_EQ(invalid_utf8_offset("\xe2\x9c"), 0U);
  EXPECT_EQ(invalid_utf8_offset("\xc3("), 0U) << "a lead byte without its continuation";
  EXPECT_EQ(invalid_utf8_offset("\xc0\xaf"), 0U) << "overlong '/'";
  EXPECT_EQ(invalid_utf8_offset("\xc1\xbf"), 0U);
  EXPECT_EQ(invalid_utf8_offset("\xe0\x80\xaf"), 0U) << "overlong, three bytes";
  EXPECT_EQ(invalid_utf8_offset("\xf0\x80\x80\xaf"), 0U) << "overlong, four bytes";
  EXPECT_EQ(invalid_utf8_offset("\xed\xa0\x80"), 0U) << "a surrogate";
  EXPECT_EQ(invalid_utf8_offset("\xf4\x90\x80\x80"), 0U) << "above U+10FFFF";
  EXPECT_EQ(invalid_utf8_offset("\xf5\x80\x80\x80"), 0U);
  EXPECT_EQ(invalid_utf8_offset("\xfe"), 0U);
}

}  // namespace
}  // namespace retort
