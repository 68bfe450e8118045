// Tests script/script_directory.cc: loading a folder, file order, reporting every broken file, and
// passing over entries that are not regular files.
#include "script/script_directory.h"

#include "temp_dir.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

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
  EXPECT_EQ(s->map().at(*s->map().find("aaaa")).header.message, "one");
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

TEST(ScriptDirectory, EntriesThatAreNotRegularFilesAreSkippedWithAWarning) {
  TempDir dir;
  const auto versions = dir / "versions";
  write_file(versions / "aaaa_first.toml", "revision = \"aaaa\"\n");
  write_file(dir / "elsewhere/bbbb.toml", "revision = \"bbbb\"\ndown_revision = \"aaaa\"\n");
  std::filesystem::create_symlink(dir / "elsewhere/bbbb.toml", versions / "bbbb_linked.toml");
  ASSERT_EQ(::mkfifo((versions / "c_fifo.toml").c_str(), 0600), 0);
  std::filesystem::create_symlink("/dev/zero", versions / "d_zero.toml");
  std::filesystem::create_directories(versions / "e_folder.toml");
  for (int pass = 0; pass < 2; ++pass) {  // parsed, then from the revision cache
    auto s = ScriptDirectory::load({versions});
    ASSERT_TRUE(s.ok()) << s.error().to_string();
    EXPECT_EQ(s->map().size(), 2U) << "the symlink to a regular file is a revision";
    const std::string shown = display_path(versions);
    EXPECT_EQ(s->warnings(), (std::vector<std::string>{
                                 "skipping " + shown + "/c_fifo.toml: not a regular file (a FIFO)",
                                 "skipping " + shown + "/d_zero.toml: not a regular file (a character device)",
                                 "skipping " + shown + "/e_folder.toml: not a regular file (a folder)",
                             }));
  }
}

TEST(ScriptDirectory, SubfoldersAreReadWhenRecursive) {
  TempDir dir;
  const auto versions = dir / "versions";
  write_file(versions / "aaaa_first.toml", "revision = \"aaaa\"\n");
  write_file(versions / "2026/11/bbbb_second.toml", "revision = \"bbbb\"\ndown_revision = \"aaaa\"\n");
  write_file(versions / "2026/cccc_third.toml", "revision = \"cccc\"\ndown_revision = \"bbbb\"\n");
  write_file(versions / ".git/dddd.toml", "garbage [");
  write_file(versions / "__pycache__/notes.txt", "");
  std::filesystem::create_symlink(versions / "2026", versions / "loop");  // a link to a folder is not followed
  for (int pass = 0; pass < 2; ++pass) {  // parsed, then from each folder's cache
    auto s = ScriptDirectory::load({versions}, ScriptDirectory::Subfolders::kRead);
    ASSERT_TRUE(s.ok()) << s.error().to_string();
    ASSERT_EQ(s->map().size(), 3U);
    EXPECT_EQ(s->map().id(s->map().heads().front()), "cccc");
    EXPECT_EQ(s->file(*s->map().find("bbbb")).path, display_path(versions / "2026/11") + "/bbbb_second.toml");
    EXPECT_TRUE(s->warnings().empty());
    EXPECT_EQ(s->version_locations(), std::vector<std::filesystem::path>{versions});
    auto doc = s->document(*s->map().find("bbbb"));
    ASSERT_TRUE(doc.ok()) << doc.error().to_string();
  }
}

TEST(ScriptDirectory, UnreadSubfoldersWithRevisionFilesAreNamed) {
  TempDir dir;
  const auto versions = dir / "versions";
  write_file(versions / "aaaa_first.toml", "revision = \"aaaa\"\n");
  write_file(versions / "2026/11/bbbb_second.toml", "revision = \"bbbb\"\ndown_revision = \"aaaa\"\n");
  write_file(versions / "notes/README.md", "no revisions here");
  write_file(versions / ".hidden/cccc.toml", "revision = \"cccc\"\n");
  auto s = ScriptDirectory::load({versions});
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_EQ(s->map().size(), 1U);
  EXPECT_EQ(s->warnings(), std::vector<std::string>{"revision files in subfolder " + display_path(versions) +
                                                    "/2026 are not read; add recursive_version_locations = true "
                                                    "to [retort] to read them"});
}

TEST(ScriptDirectory, OversizedAndDanglingFilesAreErrors) {
  TempDir dir;
  write_file(dir / "versions/aaaa_big.toml", "revision = \"aaaa\"\n");
  std::filesystem::resize_file(dir / "versions/aaaa_big.toml", (size_t{16} << 20) + 1);
  std::filesystem::create_symlink(dir / "gone.toml", dir / "versions/bbbb_dangling.toml");
  auto s = ScriptDirectory::load({dir / "versions"});
  ASSERT_FALSE(s.ok());
  const std::string text = s.error().to_string();
  EXPECT_NE(text.find("aaaa_big.toml: larger than 16 MiB"), std::string::npos) << text;
  EXPECT_NE(text.find("bbbb_dangling.toml: cannot read file"), std::string::npos) << text;
}

TEST(ScriptDirectory, DeeplyNestedFileIsAnError) {
  TempDir dir;
  std::string key = "a";
  for (int i = 0; i < 50000; ++i) key += ".a";
  write_file(dir / "versions/aaaa_deep.toml", "revision = \"aaaa\"\n" + key + " = 1\n");
  auto s = ScriptDirectory::load({dir / "versions"});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().to_string().find("aaaa_deep.toml:2: nesting deeper than 100 levels"), std::string::npos)
      << s.error().to_string().substr(0, 300);
}

}  // namespace
}  // namespace retort
