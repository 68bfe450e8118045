// Tests script/script_directory.cc: loading a folder, file order, and reporting every broken file.
#include "script/script_directory.h"

#include "temp_dir.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

using testing::TempDir;
using testing::write_file;

TEST(ScriptDirectory, LoadsAndLinks) {
  TempDir dir;
  write_file(dir / "versions/bbbb_second.toml", "revision = \"bbbb\"\ndown_revision = \"aaaa\"\nmessage = \"two\"\n");
  write_file(dir / "versions/aaaa_first.toml", "revision = \"aaaa\"\nmessage = \"one\"\n");
  write_file(dir / "versions/README.md", "not a revision");
  write_file(dir / "versions/.hidden.toml", "garbage [");
  auto s = ScriptDirectory::load({dir / "versions"});
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  ASSERT_EQ(s->map().size(), 2u);
  EXPECT_EQ(s->map().id(s->map().heads().front()), "bbbb");
  EXPECT_EQ(s->file(*s->map().find("aaaa")).header.message, "one");
}

TEST(ScriptDirectory, ReportsAllBrokenFilesAtOnce) {
  TempDir dir;
  write_file(dir / "versions/a_one.toml", "revision = \"aaaa\"\nbogus = 1\n");
  write_file(dir / "versions/b_two.toml", "revision = \"bbbb\"\nmessage = \"x\n");
  auto s = ScriptDirectory::load({dir / "versions"});
  ASSERT_FALSE(s.ok());
  std::string text = s.error().to_string();
  EXPECT_NE(text.find("a_one.toml:2: unknown field 'bogus'"), std::string::npos) << text;
  EXPECT_NE(text.find("b_two.toml:2"), std::string::npos) << text;
}

TEST(ScriptDirectory, DuplicateIdsNameBothFiles) {
  TempDir dir;
  write_file(dir / "versions/a_one.toml", "revision = \"aaaa\"\n");
  write_file(dir / "versions/b_copy.toml", "revision = \"aaaa\"\n");
  auto s = ScriptDirectory::load({dir / "versions"});
  ASSERT_FALSE(s.ok());
  std::string text = s.error().to_string();
  EXPECT_NE(text.find("a_one.toml:1"), std::string::npos) << text;
  EXPECT_NE(text.find("b_copy.toml:1"), std::string::npos) << text;
}

TEST(ScriptDirectory, MissingFolderSaysWhatToDo) {
  TempDir dir;
  auto s = ScriptDirectory::load({dir / "nope"});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().hint_text().find("retort init"), std::string::npos);
}

TEST(ScriptDirectory, SeveralVersionLocations) {
  TempDir dir;
  write_file(dir / "core/aaaa_x.toml", "revision = \"aaaa\"\n");
  write_file(dir / "extra/bbbb_y.toml", "revision = \"bbbb\"\ndown_revision = \"aaaa\"\n");
  auto s = ScriptDirectory::load({dir / "core", dir / "extra"});
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_EQ(s->map().size(), 2u);
}

}  // namespace
}  // namespace retort
