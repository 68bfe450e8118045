// Tests script/revision_writer.cc: choosing down_revision like Alembic, refusing what Alembic refuses,
// and writing a file that loads back, whatever the message holds.
#include "script/revision_writer.h"

#include "script/revision_file.h"
#include "script/revision_text.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace retort {
namespace {

using testing::TempDir;
using testing::write_file;

class RevisionWriterTest : public ::testing::Test {
 protected:
  TempDir dir;
  void add(const std::string& id, const std::string& down = "", const std::string& extra = "") {
    write_file(dir / ("versions/" + id + "_x.toml"),
               "revision = \"" + id + "\"\ndown_revision = \"" + down + "\"\n" + extra);
  }
  ScriptDirectory load() {
    auto s = ScriptDirectory::load({dir / "versions"});
    if (!s.ok()) throw std::runtime_error(s.error().to_string());
    return std::move(s).value();
  }
};

TEST_F(RevisionWriterTest, FirstRevisionIsABaseAndLoadsBack) {
  std::filesystem::create_directories(dir / "versions");
  ScriptDirectory s = load();
  RevisionRequest req;
  req.message = "Create account table!";
  auto rev = plan_revision(s, req);
  ASSERT_TRUE(rev.ok()) << rev.error().to_string();
  EXPECT_TRUE(rev->down_revisions.empty());
  EXPECT_EQ(rev->id.size(), 12u);
  EXPECT_EQ(rev->file.filename().string(), rev->id + "_create_account_table.toml");
  ASSERT_TRUE(write_revision(*rev, revision_file_text(*rev)).ok());
  ScriptDirectory again = load();
  EXPECT_EQ(again.map().size(), 1u);
  EXPECT_EQ(again.map().at(0).header.message, "Create account table!");
  EXPECT_FALSE(write_revision(*rev, revision_file_text(*rev)).ok()) << "must not overwrite";
}

TEST_F(RevisionWriterTest, BuildsOnTheSingleHead) {
  add("aaaa");
  add("bbbb", "aaaa");
  RevisionRequest req;
  req.rev_id = "cccc";
  auto rev = plan_revision(load(), req);
  ASSERT_TRUE(rev.ok());
  EXPECT_EQ(rev->down_revisions, std::vector<std::string>{"bbbb"});
}

TEST_F(RevisionWriterTest, SeveralHeadsNeedHeadOrMerge) {
  add("aaaa");
  add("bbbb", "aaaa", "branch_labels = [\"left\"]\n");
  add("cccc", "aaaa");
  ScriptDirectory s = load();
  RevisionRequest req;
  auto refused = plan_revision(s, req);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message().find("several heads"), std::string::npos);
  EXPECT_NE(refused.error().hint_text().find("merge"), std::string::npos);

  req.head = "left@head";
  auto on_label = plan_revision(s, req);
  ASSERT_TRUE(on_label.ok()) << on_label.error().to_string();
  EXPECT_EQ(on_label->down_revisions, std::vector<std::string>{"bbbb"});

  RevisionRequest merge;
  merge.merge_of = {"heads"};
  auto merged = plan_revision(s, merge);
  ASSERT_TRUE(merged.ok()) << merged.error().to_string();
  EXPECT_EQ(merged->down_revisions, (std::vector<std::string>{"bbbb", "cccc"}));
}

TEST_F(RevisionWriterTest, NonHeadNeedsSplice) {
  add("aaaa");
  add("bbbb", "aaaa");
  ScriptDirectory s = load();
  RevisionRequest req;
  req.head = "aaaa";
  auto refused = plan_revision(s, req);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().hint_text().find("--splice"), std::string::npos);
  req.splice = true;
  auto spliced = plan_revision(s, req);
  ASSERT_TRUE(spliced.ok());
  EXPECT_EQ(spliced->down_revisions, std::vector<std::string>{"aaaa"});
}

TEST_F(RevisionWriterTest, RejectsDuplicatesAndPointlessMerges) {
  add("aaaa", "", "branch_labels = [\"core\"]\n");
  add("bbbb", "aaaa");
  ScriptDirectory s = load();
  RevisionRequest dup;
  dup.rev_id = "aaaa";
  EXPECT_FALSE(plan_revision(s, dup).ok());
  RevisionRequest label;
  label.branch_labels = {"core"};
  EXPECT_FALSE(plan_revision(s, label).ok());
  RevisionRequest merge;
  merge.merge_of = {"aaaa", "bbbb"};
  auto m = plan_revision(s, merge);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().message().find("ancestor"), std::string::npos);
  RevisionRequest bad_id;
  bad_id.rev_id = "not-valid";
  EXPECT_FALSE(plan_revision(s, bad_id).ok());
}

TEST_F(RevisionWriterTest, DependsOnTakesIdsPrefixesAndLabels) {
  add("aaaa1111", "", "branch_labels = [\"core\"]\n");
  add("bbbb2222");
  ScriptDirectory s = load();
  RevisionRequest req;
  req.head = "bbbb2222";
  req.depends_on = {"core", "aaaa"};
  req.rev_id = "cccc3333";
  auto rev = plan_revision(s, req);
  ASSERT_TRUE(rev.ok()) << rev.error().to_string();
  EXPECT_EQ(rev->depends_on, (std::vector<std::string>{"core", "aaaa1111"}));
  std::string text = revision_file_text(*rev);
  EXPECT_NE(text.find("depends_on = [\"core\", \"aaaa1111\"]"), std::string::npos) << text;
  req.depends_on = {"nothing"};
  EXPECT_FALSE(plan_revision(s, req).ok());
}

// Messages that once broke the file (a newline ended the header comment) or could break it.
std::vector<std::string> tricky_messages() {
  std::vector<std::string> messages = {
      "first\n\nmore",
      "say \"hi\" and 'bye'",
      R"(back\slash \n \u0041 \)",
      "tab\there\tand\r\nCRLF and a lone \r",
      "\"\"\" and ''' and # and [[upgrade]]\nop = \"drop_table\"",
      "emoji 🦀🎉, 日本語のメッセージ, Größe, עברית",
      "control \x01\x07\x1b[31m\x7f characters",
      "",
      " leading and trailing spaces ",
      "${HOME} $$ %s %n {0}",
      "\n",
  };
  std::string all_controls;
  for (int c = 1; c < 0x20; ++c) all_controls += static_cast<char>(c);
  messages.push_back(all_controls);
  return messages;
}

NewRevision new_revision(const std::string& message) {
  NewRevision rev;
  rev.id = "aaaa00000001";
  rev.message = message;
  rev.down_revisions = {"bbbb00000002", "cccc00000003"};
  rev.branch_labels = {"core"};
  rev.create_date = "2026-11-21T10:00:00Z";
  return rev;
}

TEST(RevisionFileText, EveryMessageReadsBackExactly) {
  for (const auto& message : tricky_messages()) {
    const std::string text = revision_file_text(new_revision(message));
    ErrorList errors;
    auto file = parse_revision_text(text, "new.toml", errors);
    ASSERT_TRUE(file) << errors.combined("").to_string() << "\n" << text;
    EXPECT_EQ(file->header.message, message) << text;
    EXPECT_EQ(file->header.id, "aaaa00000001");
    EXPECT_EQ(file->header.down_revisions, (std::vector<std::string>{"bbbb00000002", "cccc00000003"}));
    EXPECT_EQ(file->header.branch_labels, std::vector<std::string>{"core"});
  }
}

TEST_F(RevisionWriterTest, EveryMessageRoundTripsThroughTheFolder) {
  std::filesystem::create_directories(dir / "versions");
  std::vector<std::string> ids;
  for (const auto& message : tricky_messages()) {
    RevisionRequest req;
    req.message = message;
    req.head = "base";  // each a root of its own, so no head is ambiguous
    auto rev = plan_revision(load(), req);
    ASSERT_TRUE(rev.ok()) << rev.error().to_string();
    ASSERT_TRUE(write_revision(*rev, revision_file_text(*rev)).ok());
    ids.push_back(rev->id);
  }
  // Twice: parsed, then from the revision cache.
  for (int pass = 0; pass < 2; ++pass) {
    auto s = ScriptDirectory::load({dir / "versions"});
    ASSERT_TRUE(s.ok()) << s.error().to_string();
    for (size_t i = 0; i < ids.size(); ++i)
      EXPECT_EQ(s->map().at(*s->map().find(ids[i])).header.message, tricky_messages()[i]);
  }
}

TEST_F(RevisionWriterTest, TextThatIsNotUtf8IsRefused) {
  std::filesystem::create_directories(dir / "versions");
  RevisionRequest req;
  req.message = "caf\xe9 latin-1";
  auto rev = plan_revision(load(), req);
  ASSERT_FALSE(rev.ok());
  EXPECT_EQ(rev.error().to_string(),
            "the message is not valid UTF-8 (byte 4 of 12)\n  hint: revision files are UTF-8 text: give it in UTF-8 "
            "(check the terminal's or script's encoding)");
  req.message = "ok";
  req.rev_id = "id\xff";
  rev = plan_revision(load(), req);
  ASSERT_FALSE(rev.ok());
  EXPECT_EQ(rev.error().message(), "--rev-id is not valid UTF-8 (byte 3 of 3)");
}

}  // namespace
}  // namespace retort
