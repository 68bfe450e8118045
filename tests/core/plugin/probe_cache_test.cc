// Tests plugin/probe_cache.cc: which probes are remembered, for which files and programs, and that a
// damaged cache is never trusted.
#include "plugin/probe_cache.h"

#include "temp_dir.h"

#include <gtest/gtest.h>

#include <fstream>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::TempDir;
using testing::write_file;

class ProbeCacheTest : public ::testing::Test {
 protected:
  TempDir dir;
  fs::path cache_file() const { return dir / "cache/plugins.probe"; }
  fs::path plugin() const { return dir / "retort_x.so"; }
  fs::path program() const { return dir / "retort"; }
  void SetUp() override {
    write_file(plugin(), "a plugin");
    write_file(program(), "a program");
  }
  ProbeCache open() const { return ProbeCache::open(cache_file(), program()); }
  bool passes(const fs::path& file) const { return open().passed(file, stamp_of(file)); }
  void remember(const fs::path& file) const { open().remember(file, stamp_of(file)); }
  // The cache file with `from` replaced by `to` in its entry lines.
  void tamper(const std::string& from, const std::string& to) const {
    std::string text = read_file(cache_file());
    auto at = text.find(from, text.find('\n'));
    ASSERT_NE(at, std::string::npos) << text;
    write_file(cache_file(), text.replace(at, from.size(), to));
  }
};

TEST_F(ProbeCacheTest, RemembersAPassForTheSameFileAndProgram) {
  ProbeCache cache = open();
  EXPECT_FALSE(cache.passed(plugin(), stamp_of(plugin())));
  cache.remember(plugin(), stamp_of(plugin()));
  EXPECT_TRUE(cache.passed(plugin(), stamp_of(plugin())));
  EXPECT_TRUE(passes(plugin())) << "read back from the file";
}

TEST_F(ProbeCacheTest, ForgetsAPluginThatChanged) {
  remember(plugin());
  write_file(plugin(), "a rebuilt plugin");
  EXPECT_FALSE(passes(plugin()));
}

TEST_F(ProbeCacheTest, IsForOneProgramAsItIsNow) {
  remember(plugin());
  write_file(dir / "other", "another program");
  EXPECT_FALSE(ProbeCache::open(cache_file(), dir / "other").passed(plugin(), stamp_of(plugin())));
  write_file(program(), "a rebuilt program");
  EXPECT_FALSE(passes(plugin()));
}

TEST_F(ProbeCacheTest, RemembersTheStampFromBeforeTheProbe) {
  auto before = stamp_of(plugin());
  write_file(plugin(), "replaced while it was probed");
  open().remember(plugin(), before);
  EXPECT_FALSE(passes(plugin()));
}

TEST_F(ProbeCacheTest, NeverTrustsADamagedEntry) {
  remember(plugin());
  const std::string good = read_file(cache_file());
  // Another file's identity written over the entry's, with the checksum left as it was.
  FileStamp forged = *stamp_of(plugin());
  tamper("\t" + std::to_string(forged.inode) + "\t", "\t" + std::to_string(forged.inode + 1) + "\t");
  ++forged.inode;
  EXPECT_FALSE(open().passed(plugin(), forged));
  // A line cut short, a checksum changed, another format.
  write_file(cache_file(), good.substr(0, good.size() - 5) + "\n");
  EXPECT_FALSE(passes(plugin()));
  write_file(cache_file(), good);
  tamper(good.substr(good.size() - 5, 4), "zzzz");
  EXPECT_FALSE(passes(plugin()));
  write_file(cache_file(), "retort-plugin-probes 0" + good.substr(good.find('\n')));
  EXPECT_FALSE(passes(plugin()));
  // Garbage next to a good entry costs only itself.
  write_file(cache_file(), good + "garbage\t1\t2\n\n\t\t\n");
  EXPECT_TRUE(passes(plugin()));
}

TEST_F(ProbeCacheTest, KeepsWhatOtherRunsWroteAndDropsFilesThatAreGone) {
  const fs::path second = dir / "retort_y.so";
  const fs::path gone = dir / "retort_z.so";
  write_file(second, "another plugin");
  write_file(gone, "a plugin about to go");
  ProbeCache first_run = open();
  ProbeCache second_run = open();
  first_run.remember(plugin(), stamp_of(plugin()));
  second_run.remember(gone, stamp_of(gone));
  fs::remove(gone);
  second_run.remember(second, stamp_of(second));
  EXPECT_TRUE(passes(plugin()));
  EXPECT_TRUE(passes(second));
  EXPECT_EQ(read_file(cache_file()).find("retort_z.so"), std::string::npos) << read_file(cache_file());
}

TEST_F(ProbeCacheTest, RemembersNothingWithoutACacheFile) {
  ProbeCache cache = ProbeCache::open({}, program());
  cache.remember(plugin(), stamp_of(plugin()));
  EXPECT_FALSE(cache.passed(plugin(), stamp_of(plugin())));
  EXPECT_FALSE(fs::exists(dir / "cache"));
}

}  // namespace
}  // namespace retort
