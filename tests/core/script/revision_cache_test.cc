// Tests script/revision_cache.cc and its use by ScriptDirectory: cached headers and checksums match parsed
// ones, a changed, added or removed file is noticed, a corrupt, truncated, foreign or unreadable cache is
// ignored, and a document asked for after its file changed is refused.
#include "script/revision_cache.h"

#include "script/revision_checksum.h"
#include "script/script_directory.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdlib>

namespace retort {
namespace {

using testing::TempDir;
using testing::write_file;

class RevisionCacheTest : public ::testing::Test {
 protected:
  TempDir project, cache_dir;
  void SetUp() override { setenv("RETORT_CACHE_DIR", cache_dir.path().c_str(), 1); }
  void TearDown() override { unsetenv("RETORT_CACHE_DIR"); }
  std::filesystem::path versions() const { return project / "versions"; }
  Result<ScriptDirectory> headers() { return ScriptDirectory::load({versions()}); }
};

TEST_F(RevisionCacheTest, CachedHeadersEqualParsedOnes) {
  write_file(versions() / "aaaa_a.toml", "revision = \"aaaa\"\nmessage = \"tab\\there\\nnewline\"\nbranch_labels = [\"core\"]\n");
  write_file(versions() / "bbbb_b.toml",
             "# comment\nrevision = \"bbbb\"\ndown_revision = \"aaaa\"\ndepends_on = [\"core\"]\ncreate_date = 2026-11-21T10:00:00Z\n");
  auto first = headers();
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  std::filesystem::path cache = RevisionCache::file_for(std::filesystem::absolute(versions()));
  ASSERT_TRUE(std::filesystem::exists(cache));
  const RevisionCache read = RevisionCache::read(cache, std::filesystem::absolute(versions()));
  ASSERT_EQ(read.entries.size(), 2u);
  EXPECT_EQ(read.entries[1].file_name, "bbbb_b.toml");
  EXPECT_EQ(read.entries[1].header.id, "bbbb");
  EXPECT_EQ(read.entries[1].stamp, *stamp_of(versions() / "bbbb_b.toml"));

  auto second = headers();
  ASSERT_TRUE(second.ok());
  for (RevIndex i = 0; i < 2; ++i) {
    const auto& a = first->file(i);
    const auto& b = second->file(i);
    const RevisionHeader& ha = first->map().at(i).header;
    const RevisionHeader& hb = second->map().at(i).header;
    EXPECT_EQ(ha.id, hb.id);
    EXPECT_EQ(ha.message, hb.message);
    EXPECT_EQ(ha.down_revisions, hb.down_revisions);
    EXPECT_EQ(ha.depends_on, hb.depends_on);
    EXPECT_EQ(ha.branch_labels, hb.branch_labels);
    EXPECT_EQ(ha.location, hb.location);
    EXPECT_EQ(ha.path, hb.path);
    EXPECT_EQ(a.path, b.path);
    EXPECT_EQ(a.create_date, b.create_date);
    EXPECT_EQ(a.transactional, b.transactional);
    EXPECT_EQ(first->checksum(i), second->checksum(i));
    EXPECT_FALSE(second->parsed(i)) << "headers come from the cache without parsing";
    auto doc = second->document(i);
    ASSERT_TRUE(doc.ok()) << doc.error().to_string();
    EXPECT_EQ(revision_checksum(**doc), second->checksum(i)) << "the cached checksum is the file's";
  }
  EXPECT_EQ(second->map().at(1).header.location, first->map().at(1).header.location);
  EXPECT_NE(second->map().at(1).header.location.find(":2"), std::string::npos);
}

// The keys a revision's steps passed a plan's checks under survive a reload, a few per revision, and go
// with any change to the file.
TEST_F(RevisionCacheTest, PlanChecksAreKeptUntilTheFileChanges) {
  write_file(versions() / "aaaa_a.toml", "revision = \"aaaa\"\n");
  write_file(versions() / "bbbb_b.toml", "revision = \"bbbb\"\ndown_revision = \"aaaa\"\n");
  {
    auto s = headers();
    ASSERT_TRUE(s.ok());
    EXPECT_FALSE(s->planned_under(0, "k1"));
    s->remember_planned({{0, "k1"}, {1, "k1"}, {1, "k2,with\ttab"}});
    EXPECT_TRUE(s->planned_under(1, "k2,with\ttab"));
  }
  auto again = headers();
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->planned_under(0, "k1"));
  EXPECT_TRUE(again->planned_under(1, "k1"));
  EXPECT_TRUE(again->planned_under(1, "k2,with\ttab")) << "escaped in the cache";
  EXPECT_FALSE(again->planned_under(0, "k2,with\ttab"));
  EXPECT_FALSE(again->planned_under(0, "")) << "no key, no claim";

  std::vector<std::pair<RevIndex, std::string>> many;
  for (int k = 0; k < 20; ++k) many.emplace_back(0, "n" + std::to_string(k));
  again->remember_planned(many);
  auto bounded = headers();
  ASSERT_TRUE(bounded.ok());
  EXPECT_TRUE(bounded->planned_under(0, "n19"));
  EXPECT_TRUE(bounded->planned_under(0, "n12"));
  EXPECT_FALSE(bounded->planned_under(0, "n11")) << "the folder keeps the newest 8 keys";
  EXPECT_FALSE(bounded->planned_under(1, "k1")) << "the oldest keys made room, in every file";
  bounded->remember_planned({{1, "k1"}});
  EXPECT_TRUE(bounded->planned_under(1, "k1"));
  EXPECT_FALSE(bounded->planned_under(0, "k1"));
  EXPECT_FALSE(bounded->planned_under(0, "n12")) << "made room for k1";
  EXPECT_TRUE(bounded->planned_under(0, "n13")) << "the bits of the other keys moved with them";
  EXPECT_TRUE(headers()->planned_under(0, "n13"));

  write_file(versions() / "bbbb_b.toml", "revision = \"bbbb\"\ndown_revision = \"aaaa\"\nmessage = \"changed\"\n");
  auto changed = headers();
  ASSERT_TRUE(changed.ok());
  EXPECT_FALSE(changed->planned_under(1, "k1")) << "a changed file is planned and checked again";
  EXPECT_TRUE(changed->planned_under(0, "n19"));
}

TEST_F(RevisionCacheTest, ChangedAddedAndRemovedFilesAreNoticed) {
  write_file(versions() / "aaaa_a.toml", "revision = \"aaaa\"\nmessage = \"one\"\n");
  ASSERT_TRUE(headers().ok());
  write_file(versions() / "aaaa_a.toml", "revision = \"aaaa\"\nmessage = \"changed message\"\n");
  write_file(versions() / "bbbb_b.toml", "revision = \"bbbb\"\ndown_revision = \"aaaa\"\n");
  auto s = headers();
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->map().at(0).header.message, "changed message");
  EXPECT_EQ(s->map().size(), 2u);
  std::filesystem::remove(versions() / "bbbb_b.toml");
  write_file(versions() / "aaaa_a.toml", "revision = \"aaaa\"\nmessage = [broken\n");
  auto broken = headers();
  ASSERT_FALSE(broken.ok()) << "a broken file is parsed again, never served from the cache";
  EXPECT_NE(broken.error().to_string().find("aaaa_a.toml:2"), std::string::npos);
}

TEST_F(RevisionCacheTest, CorruptCacheIsIgnored) {
  write_file(versions() / "aaaa_a.toml", "revision = \"aaaa\"\nmessage = \"one\"\n");
  std::filesystem::path cache = RevisionCache::file_for(std::filesystem::absolute(versions()));
  write_file(cache, "retort-revision-cache 2\nfolder\t" + std::filesystem::absolute(versions()).string() + "\nchecked\t\nnot\tenough\tfields\nend\t1\n");
  auto s = headers();
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_EQ(s->map().at(0).header.message, "one");
}

TEST_F(RevisionCacheTest, TruncatedOrForeignCachesAreIgnored) {
  write_file(versions() / "aaaa_a.toml", "revision = \"aaaa\"\nmessage = \"real\"\n");
  ASSERT_TRUE(headers().ok());
  const std::filesystem::path cache = RevisionCache::file_for(std::filesystem::absolute(versions()));
  const std::string written = testing::read_file(cache);
  ASSERT_EQ(written.rfind("retort-revision-cache 3\nfolder\t", 0), 0u) << written;
  // A cache that lies about the message shows whether it was used.
  std::string lying = written;
  lying.replace(lying.find("\treal\t"), 6, "\tlied\t");
  write_file(cache, lying);
  EXPECT_EQ(headers()->map().at(0).header.message, "lied") << "the edited cache is read as written";

  std::string older = lying;
  older.replace(0, 23, "retort-revision-cache 2");
  write_file(cache, older);
  EXPECT_EQ(headers()->map().at(0).header.message, "real") << "a cache of another version is rebuilt";

  write_file(cache, lying.substr(0, lying.find("end\t")));
  EXPECT_EQ(headers()->map().at(0).header.message, "real") << "a cache without its end line is truncated";

  write_file(cache, lying);
  std::string foreign = lying;
  foreign.replace(foreign.find("\nfolder\t") + 8, 1, "/elsewhere");
  write_file(cache, foreign);
  EXPECT_EQ(headers()->map().at(0).header.message, "real") << "another folder's cache is foreign";
}

TEST_F(RevisionCacheTest, ADocumentWhoseFileChangedAfterListingIsRefused) {
  write_file(versions() / "aaaa_a.toml", "revision = \"aaaa\"\n[[upgrade]]\nop = \"drop_table\"\ntable = \"t\"\n");
  ASSERT_TRUE(headers().ok());
  auto listed = headers();  // from the cache: no document yet
  ASSERT_TRUE(listed.ok());
  ASSERT_FALSE(listed->parsed(0));
  write_file(versions() / "aaaa_a.toml", "revision = \"aaaa\"\n[[upgrade]]\nop = \"drop_table\"\ntable = \"other\"\n");
  auto doc = listed->document(0);
  ASSERT_FALSE(doc.ok()) << "what was listed and checked is not what is on disk";
  EXPECT_NE(doc.error().to_string().find("changed after retort listed"), std::string::npos) << doc.error().to_string();
  EXPECT_FALSE(listed->load_documents({0}).ok());
}

TEST_F(RevisionCacheTest, ACacheThatIsNoRegularFileIsIgnoredWithoutWaiting) {
  write_file(versions() / "aaaa_a.toml", "revision = \"aaaa\"\nmessage = \"one\"\n");
  std::filesystem::path cache = RevisionCache::file_for(std::filesystem::absolute(versions()));
  std::filesystem::create_directories(cache.parent_path());
  ASSERT_EQ(::mkfifo(cache.c_str(), 0600), 0);
  auto s = headers();
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_EQ(s->map().at(0).header.message, "one");
}

TEST_F(RevisionCacheTest, EachSubfolderHasItsOwnCache) {
  write_file(versions() / "aaaa_a.toml", "revision = \"aaaa\"\n");
  write_file(versions() / "sub/bbbb_b.toml", "revision = \"bbbb\"\ndown_revision = \"aaaa\"\nmessage = \"old\"\n");
  auto load = [&] { return ScriptDirectory::load({versions()}, ScriptDirectory::Subfolders::kRead); };
  ASSERT_TRUE(load().ok());
  const auto sub = std::filesystem::absolute(versions() / "sub");
  const RevisionCache cached = RevisionCache::read(RevisionCache::file_for(sub), sub);
  ASSERT_EQ(cached.entries.size(), 1u);
  EXPECT_EQ(cached.entries[0].file_name, "bbbb_b.toml");
  // An edit in the subfolder is seen through its cache.
  write_file(versions() / "sub/bbbb_b.toml", "revision = \"bbbb\"\ndown_revision = \"aaaa\"\nmessage = \"new, longer\"\n");
  auto again = load();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->map().at(*again->map().find("bbbb")).header.message, "new, longer");
}

TEST_F(RevisionCacheTest, CanBeTurnedOff) {
  setenv("RETORT_NO_CACHE", "1", 1);
  EXPECT_TRUE(RevisionCache::file_for(versions()).empty());
  unsetenv("RETORT_NO_CACHE");
  EXPECT_FALSE(RevisionCache::file_for(versions()).empty());
}

}  // namespace
}  // namespace retort
