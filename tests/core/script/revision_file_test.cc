// Tests script/revision_file.cc: header fields, section shapes and path:line errors.
#include "script/revision_file.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

std::optional<RevisionFile> parse(const std::string& text, ErrorList& errors) {
  return parse_revision_text(text, "versions/x.toml", errors);
}

TEST(RevisionFile, ReadsHeaderFields) {
  ErrorList errors;
  auto f = parse(R"(revision = "ab12cd34ef56"
down_revision = ["aaaa", "bbbb"]
branch_labels = ["core"]
depends_on = "cccc"
message = "hello"
create_date = 2026-11-21T10:00:00Z

[[upgrade]]
op = "execute"
sql = "SELECT 1"

[[upgrade_legacy]]
op = "execute"
sql = "SELECT 2"
)", errors);
  ASSERT_TRUE(f) << errors.combined("").to_string();
  EXPECT_EQ(f->header.id, "ab12cd34ef56");
  EXPECT_EQ(f->header.down_revisions, (std::vector<std::string>{"aaaa", "bbbb"}));
  EXPECT_EQ(f->header.depends_on, std::vector<std::string>{"cccc"});
  EXPECT_EQ(f->header.branch_labels, std::vector<std::string>{"core"});
  EXPECT_EQ(f->header.message, "hello");
  EXPECT_EQ(f->header.location, "versions/x.toml:1");
  EXPECT_NE(f->create_date.find("2026-11-21"), std::string::npos);
  ASSERT_TRUE(f->section("upgrade"));
  EXPECT_EQ(f->section("upgrade_legacy")->size(), 1u);
}

TEST(RevisionFile, TransactionFalseRunsOutsideATransaction) {
  ErrorList errors;
  auto plain = parse("revision = \"abcd\"\n", errors);
  ASSERT_TRUE(plain);
  EXPECT_TRUE(plain->transactional);
  auto alone = parse("revision = \"abcd\"\ntransaction = false\n", errors);
  ASSERT_TRUE(alone) << errors.combined("").to_string();
  EXPECT_FALSE(alone->transactional);
  auto wrong = parse("revision = \"abcd\"\ntransaction = \"no\"\n", errors);
  EXPECT_FALSE(wrong);
  EXPECT_NE(errors.combined("").to_string().find("versions/x.toml:2: 'transaction' must be true or false"),
            std::string::npos);
}

TEST(RevisionFile, EmptyDownRevisionIsABase) {
  ErrorList errors;
  auto f = parse("revision = \"abcd\"\ndown_revision = \"\"\n", errors);
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->header.down_revisions.empty());
}

TEST(RevisionFile, ErrorsCarryLines) {
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {"revision = \"abcd\"\nrevison_typo = 1\n", "versions/x.toml:2: unknown field 'revison_typo'"},
      {"message = \"no id\"\n", "missing 'revision"},
      {"revision = 12\n", "versions/x.toml:1: 'revision' must be a string"},
      {"revision = \"abcd\"\ndown_revision = 5\n", "versions/x.toml:2: 'down_revision' must be a string or an array"},
      {"revision = \"abcd\"\n[upgrade]\nop = \"x\"\n", "must be written as [[upgrade]]"},
      {"revision = \"abcd\"\n[[downgrade]]\nsql = \"x\"\n", "versions/x.toml:2: [[downgrade]] entry has no 'op' field"},
      {"revision = \"abcd\"\n[[upgrade]]\nop = 3\n", "versions/x.toml:3: 'op' must be a string"},
      {"revision = \"abcd\"\nmessage = \"unterminated\n", "versions/x.toml:2"},
  };
  for (const auto& c : cases) {
    ErrorList errors;
    auto f = parse(c.text, errors);
    EXPECT_FALSE(f) << c.text;
    ASSERT_FALSE(errors.empty()) << c.text;
    std::string all = errors.combined("").to_string();
    EXPECT_NE(all.find(c.expected), std::string::npos) << "expected '" << c.expected << "' in: " << all;
  }
}

TEST(RevisionFile, OperationSectionNames) {
  EXPECT_TRUE(is_operation_section("upgrade"));
  EXPECT_TRUE(is_operation_section("downgrade_legacy"));
  EXPECT_FALSE(is_operation_section("upgrade_"));
  EXPECT_FALSE(is_operation_section("upgrades"));
}

}  // namespace
}  // namespace retort
