// Revision checksums (script/revision_checksum.h): what the revision does decides them; how its file is
// written (comments, layout, key order, inline or standard tables, CRLF) and its message never do.
#include "script/revision_checksum.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

std::string checksum(const std::string& text) {
  ErrorList errors;
  auto file = parse_revision_text(text, "a1_r.toml", errors);
  EXPECT_TRUE(file && errors.empty()) << (errors.empty() ? "" : errors.errors().front().to_string());
  return file ? revision_checksum(*file) : "";
}

const char* const kBase = R"toml(revision = "a1"
down_revision = ""
message = "create t"

[[upgrade]]
op = "create_table"
table = "t"
columns = [{ name = "id", type = "integer", primary_key = true }, { name = "v", type = "string(20)" }]
)toml";

TEST(RevisionChecksumTest, IsVersionedSha256) {
  const std::string c = checksum(kBase);
  EXPECT_EQ(c.rfind("v1:", 0), 0u) << c;
  EXPECT_EQ(c.size(), 3u + 64u) << c;
  EXPECT_EQ(checksum(kBase), c) << "the same text, the same checksum";
}

TEST(RevisionChecksumTest, FormattingCommentsLineEndingsAndTheMessageDoNotCount) {
  const std::string base = checksum(kBase);
  std::string crlf;
  for (char ch : std::string(kBase)) crlf += ch == '\n' ? std::string("\r\n") : std::string(1, ch);
  EXPECT_EQ(checksum(crlf), base);
  EXPECT_EQ(checksum(R"toml(# a comment
revision = "a1"
message = "another message"   # the message is not what the revision does
down_revision = ""

[[upgrade]]
table = "t"
op    = "create_table"
columns = [
  { type = "integer", name = "id", primary_key = true },   # key order
  { name = "v", type = "string(20)" },
]
)toml"),
            base);
}

TEST(RevisionChecksumTest, WhatTheRevisionDoesCounts) {
  const std::string base = checksum(kBase);
  std::string text = kBase;
  EXPECT_NE(checksum(text.replace(text.find("string(20)"), 10, "string(30)")), base) << "an operation's field";
  EXPECT_NE(checksum(std::string(kBase) + "\n[[downgrade]]\nop = \"drop_table\"\ntable = \"t\"\n"), base)
      << "a section";
  EXPECT_NE(checksum(std::string(kBase) + "\n[[upgrade_edge]]\nop = \"drop_table\"\ntable = \"u\"\n"), base);
  std::string relinked = kBase;
  EXPECT_NE(checksum(relinked.replace(relinked.find("down_revision = \"\""), 18, "down_revision = \"z9\"")), base)
      << "a link";
}

}  // namespace
}  // namespace retort
