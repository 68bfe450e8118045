// Tests script/header_cache.cc and its use by ScriptDirectory: cached headers match parsed ones, a
// changed, added or removed file is noticed, and a corrupt or unreadable cache is ignored.
#include "script/header_cache.h"

#include "script/script_directory.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdlib>

namespace retort {
namespace {

using testing::TempDir;
using testing::write_file;

class HeaderCacheTest : public ::testing::Test {
 protected:
  TempDir project, cache_dir;
  void SetUp() override { setenv("RETORT_CACHE_DIR", cache_dir.path().c_str(), 1); }
  void TearDown() override { unsetenv("RETORT_CACHE_DIR"); }
  std::filesystem::path versions() const { return project / "versions"; }
  Result<ScriptDirectory> headers() { return ScriptDirectory::load({versions()}, ScriptDirectory::Contents::kHeaders); }
};

TEST_F(HeaderCacheTest, CachedHeadersEqualParsedOnes) {
  write_file(versions() / "aaaa_a.toml", "revision = \"aaaa\"\nmessage = \"tab\\there\\nnewline\"\nbranch_labels = [\"core\"]\n");
  write_file(versions() / "bbbb_b.toml",
             "# comment\nrevision = \"bbbb\"\ndown_revision = \"aaaa\"\ndepends_on = [\"core\"]\ncreate_date = 2026-11-21T10:00:00Z\n");
  auto first = headers();
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  std::filesystem::path cache = HeaderCache::file_for(std::filesystem::absolute(versions()));
  ASSERT_TRUE(std::filesystem::exists(cache));
  EXPECT_EQ(HeaderCache::read(cache).find("bbbb_b.toml", *stamp_of(versions() / "bbbb_b.toml"))->header.id, "bbbb");

  auto second = headers();
  ASSERT_TRUE(second.ok());
  for (RevIndex i = 0; i < 2; ++i) {
    const auto& a = first->file(i);
    const auto& b = second->file(i);
    EXPECT_EQ(a.header.id, b.header.id);
    EXPECT_EQ(a.header.message, b.header.message);
    EXPECT_EQ(a.header.down_revisions, b.header.down_revisions);
    EXPECT_EQ(a.header.depends_on, b.header.depends_on);
    EXPECT_EQ(a.header.branch_labels, b.header.branch_labels);
    EXPECT_EQ(a.header.location, b.header.location);
    EXPECT_EQ(a.create_date, b.create_date);
    EXPECT_FALSE(b.doc) << "headers come from the cache without parsing";
  }
  EXPECT_EQ(second->file(1).header.location, first->file(1).header.location);
  EXPECT_NE(second->file(1).header.location.find(":2"), std::string::npos);
}

TEST_F(HeaderCacheTest, ChangedAddedAndRemovedFilesAreNoticed) {
  write_file(versions() / "aaaa_a.toml", "revision = \"aaaa\"\nmessage = \"one\"\n");
  ASSERT_TRUE(headers().ok());
  write_file(versions() / "aaaa_a.toml", "revision = \"aaaa\"\nmessage = \"changed message\"\n");
  write_file(versions() / "bbbb_b.toml", "revision = \"bbbb\"\ndown_revision = \"aaaa\"\n");
  auto s = headers();
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->file(0).header.message, "changed message");
  EXPECT_EQ(s->map().size(), 2u);
  std::filesystem::remove(versions() / "bbbb_b.toml");
  write_file(versions() / "aaaa_a.toml", "revision = \"aaaa\"\nmessage = [broken\n");
  auto broken = headers();
  ASSERT_FALSE(broken.ok()) << "a broken file is parsed again, never served from the cache";
  EXPECT_NE(broken.error().to_string().find("aaaa_a.toml:2"), std::string::npos);
}

TEST_F(HeaderCacheTest, CorruptCacheIsIgnored) {
  write_file(versions() / "aaaa_a.toml", "revision = \"aaaa\"\nmessage = \"one\"\n");
  std::filesystem::path cache = HeaderCache::file_for(std::filesystem::absolute(versions()));
  write_file(cache, "retort-header-cache 1\nnot\tenough\tfields\n");
  auto s = headers();
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_EQ(s->file(0).header.message, "one");
}

TEST_F(HeaderCacheTest, ACacheThatIsNoRegularFileIsIgnoredWithoutWaiting) {
  write_file(versions() / "aaaa_a.toml", "revision = \"aaaa\"\nmessage = \"one\"\n");
  std::filesystem::path cache = HeaderCache::file_for(std::filesystem::absolute(versions()));
  std::filesystem::create_directories(cache.parent_path());
  ASSERT_EQ(::mkfifo(cache.c_str(), 0600), 0);
  auto s = headers();
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_EQ(s->file(0).header.message, "one");
}

TEST_F(HeaderCacheTest, CanBeTurnedOff) {
  setenv("RETORT_NO_CACHE", "1", 1);
  EXPECT_TRUE(HeaderCache::file_for(versions()).empty());
  unsetenv("RETORT_NO_CACHE");
  EXPECT_FALSE(HeaderCache::file_for(versions()).empty());
}

TEST_F(HeaderCacheTest, EachSubfolderHasItsOwnCache) {
  write_file(versions() / "aaaa_a.toml", "revision = \"aaaa\"\n");
  write_file(versions() / "sub/bbbb_b.toml", "revision = \"bbbb\"\ndown_revision = \"aaaa\"\nmessage = \"old\"\n");
  auto load = [&] {
    return ScriptDirectory::load({versions()}, ScriptDirectory::Contents::kHeaders, ScriptDirectory::Subfolders::kRead);
  };
  ASSERT_TRUE(load().ok());
  const auto sub_cache = HeaderCache::file_for(std::filesystem::absolute(versions() / "sub"));
  ASSERT_TRUE(std::filesystem::exists(sub_cache));
  EXPECT_NE(HeaderCache::read(sub_cache).find("bbbb_b.toml", *stamp_of(versions() / "sub/bbbb_b.toml")), nullptr);
  // An edit in the subfolder is seen through its cache.
  write_file(versions() / "sub/bbbb_b.toml", "revision = \"bbbb\"\ndown_revision = \"aaaa\"\nmessage = \"new, longer\"\n");
  auto again = load();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->file(*again->map().find("bbbb")).header.message, "new, longer");
}

}  // namespace
}  // namespace retort
