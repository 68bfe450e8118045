// Tests script/revision_template.cc: a project's own layout for new revision files, its placeholders, and
// the errors for a missing or malformed template or one that would not give back the revision.
#include "script/revision_template.h"

#include "script/revision_file.h"
#include "script/revision_text.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

NewRevision merge_revision() {
  NewRevision rev;
  rev.id = "cccc00000003";
  rev.message = "merge \"core\" and audit\nsecond line";
  rev.down_revisions = {"aaaa00000001", "bbbb00000002"};
  rev.branch_labels = {"core"};
  rev.depends_on = {"audit"};
  rev.create_date = "2026-11-21T11:00:00+01:00";
  return rev;
}

TEST(RevisionTemplate, HeaderAndOperationsWhereTheTemplateSays) {
  auto t = RevisionTemplate::parse("# Team template\n{{comment}}\n{{ header }}transaction = false\n\n{{operations}}",
                                   "tmpl.toml");
  ASSERT_TRUE(t.ok()) << t.error().to_string();
  NewRevision rev = merge_revision();
  rev.body = "[[upgrade]]\nop = \"execute\"\nsql = \"SELECT 1\"\n";
  auto text = t->render(rev);
  ASSERT_TRUE(text.ok()) << text.error().to_string();
  EXPECT_EQ(text->rfind("# Team template\n# merge \"core\" and audit\n# second line\n#\n# Revision ID: cccc00000003\n"
                        "# Revises: aaaa00000001, bbbb00000002\n# Create Date: 2026-11-21T11:00:00+01:00\n\n"
                        "revision = \"cccc00000003\"\n",
                        0),
            0u)
      << *text;
  ErrorList errors;
  auto file = parse_revision_text(*text, "new.toml", errors);
  ASSERT_TRUE(file) << errors.combined("").to_string();
  EXPECT_EQ(file->header.message, rev.message);
  EXPECT_EQ(file->header.depends_on, std::vector<std::string>{"audit"});
  EXPECT_FALSE(file->transactional);
  EXPECT_NE(file->section("upgrade"), nullptr);
  EXPECT_EQ(file->create_date, "2026-11-21T11:00:00+01:00");
}

TEST(RevisionTemplate, EachValueOnItsOwn) {
  auto t = RevisionTemplate::parse(
      "revision = {{revision}}\ndown_revision = {{down_revision}}\nbranch_labels = {{branch_labels}}\n"
      "depends_on = {{depends_on}}\nmessage = {{message}}\ncreate_date = {{create_date}}\n",
      "tmpl.toml");
  ASSERT_TRUE(t.ok()) << t.error().to_string();
  auto text = t->render(merge_revision());
  ASSERT_TRUE(text.ok()) << text.error().to_string();
  EXPECT_NE(text->find("down_revision = [\"aaaa00000001\", \"bbbb00000002\"]\n"), std::string::npos) << *text;
  EXPECT_NE(text->find("message = \"merge \\\"core\\\" and audit\\nsecond line\"\n"), std::string::npos) << *text;
  // A base and no labels: still a valid file.
  NewRevision base = merge_revision();
  base.down_revisions.clear();
  base.branch_labels.clear();
  base.depends_on.clear();
  auto base_text = t->render(base);
  ASSERT_TRUE(base_text.ok()) << base_text.error().to_string();
  EXPECT_NE(base_text->find("down_revision = \"\"\nbranch_labels = []\ndepends_on = []\n"), std::string::npos);
}

TEST(RevisionTemplate, MalformedTemplatesAreNamedWithTheirLine) {
  auto unknown = RevisionTemplate::parse("{{header}}\n# {{messages}}\n", "tmpl.toml");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().to_string().rfind("tmpl.toml:2: unknown placeholder {{messages}}; did you mean {{message}}?", 0), 0u)
      << unknown.error().to_string();
  EXPECT_NE(unknown.error().hint_text().find("{{operations}}"), std::string::npos);

  auto open = RevisionTemplate::parse("{{header}}\n\n# {{comment\n}}", "tmpl.toml");
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.error().to_string().rfind("tmpl.toml:3: '{{' without '}}'", 0), 0u) << open.error().to_string();

  auto headless = RevisionTemplate::parse("{{comment}}\n{{operations}}\n", "tmpl.toml");
  ASSERT_FALSE(headless.ok());
  EXPECT_NE(headless.error().message().find("neither {{header}} nor {{revision}}"), std::string::npos);
}

TEST(RevisionTemplate, WhatDoesNotReadBackIsRefused) {
  // Not TOML once rendered.
  auto broken = RevisionTemplate::parse("{{header}}\n[[upgrade]\n", "tmpl.toml");
  ASSERT_TRUE(broken.ok());
  auto text = broken->render(merge_revision());
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.error().to_string().find("would not read back"), std::string::npos) << text.error().to_string();
  // Drops the merge's second parent: the file would not be the revision asked for.
  auto wrong = RevisionTemplate::parse("revision = {{revision}}\ndown_revision = \"aaaa00000001\"\n", "tmpl.toml");
  ASSERT_TRUE(wrong.ok());
  auto wrong_text = wrong->render(merge_revision());
  ASSERT_FALSE(wrong_text.ok());
  EXPECT_NE(wrong_text.error().message().find("down_revision aaaa00000001 instead of aaaa00000001, bbbb00000002"),
            std::string::npos)
      << wrong_text.error().to_string();
}

TEST(RevisionTemplate, AMissingFileIsAnError) {
  testing::TempDir dir;
  auto t = RevisionTemplate::load(dir / "nope.toml.tmpl", "nope.toml.tmpl");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().message(), "revision_template 'nope.toml.tmpl' does not exist");
  testing::write_file(dir / "ok.tmpl", "{{header}}");
  EXPECT_TRUE(RevisionTemplate::load(dir / "ok.tmpl", "ok.tmpl").ok());
}

}  // namespace
}  // namespace retort
