// End-to-end: the retort program against hostile input files. Entries in a versions folder that are not
// regular files are skipped with a warning, a config that is not one is an error, nothing larger than the
// cap is read, and absurdly nested TOML is an error rather than a crash. Every run has a time limit, so a
// read that blocks fails the case instead of stalling the suite.
#include "cli_runner.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::CliResult;
using testing::run_retort_within;
using testing::TempDir;
using testing::write_file;

constexpr std::chrono::seconds kLimit(30);

class InputFilesTest : public ::testing::Test {
 protected:
  TempDir dir;
  fs::path versions() const { return dir / "migrations/versions"; }

  void SetUp() override {
    write_file(dir / "retort.toml",
               "[retort]\nscript_location = \"migrations\"\n\n[databases.main]\nurl = \"sqlite:///app.db\"\n");
    write_file(versions() / "aaaa0001_first.toml",
               "revision = \"aaaa0001\"\ndown_revision = \"\"\nmessage = \"first\"\n\n"
               "[[upgrade]]\nop = \"create_table\"\n"
               "table = \"t\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n");
  }
  CliResult retort(const std::vector<std::string>& args) { return run_retort_within(kLimit, dir.path(), args); }
  static void expect_refused(const CliResult& r, const std::string& message) {
    EXPECT_EQ(r.exit_code, 1) << "(124: killed after " << kLimit.count() << " s)\n" << r.err;
    EXPECT_EQ(r.err.rfind(message, 0), 0U) << r.err;
  }
};

TEST_F(InputFilesTest, FifoInTheVersionsFolderIsSkippedNotWaitedOn) {
  ASSERT_EQ(::mkfifo((versions() / "bbbb0002_fifo.toml").c_str(), 0600), 0);
  for (const std::string command : {"heads", "history", "upgrade"}) {
    CliResult r = command == "upgrade" ? retort({"upgrade", "heads"}) : retort({command});
    ASSERT_EQ(r.exit_code, 0) << command << " (124: killed after " << kLimit.count() << " s)\n" << r.err;
    EXPECT_NE(r.err.find("warning: skipping migrations/versions/bbbb0002_fifo.toml: not a regular file (a FIFO)\n"),
              std::string::npos)
        << r.err;
  }
  CliResult heads = retort({"heads"});
  EXPECT_EQ(heads.out, "aaaa0001 (head)\n");
}

TEST_F(InputFilesTest, DevicesAndFoldersNamedTomlAreSkipped) {
  fs::create_symlink("/dev/zero", versions() / "bbbb0002_zero.toml");
  fs::create_directories(versions() / "cccc0003_folder.toml");
  CliResult r = retort({"history"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "<base> -> aaaa0001 (head), first\n");
  EXPECT_NE(r.err.find("warning: skipping migrations/versions/bbbb0002_zero.toml: not a regular file (a character "
                       "device)\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("warning: skipping migrations/versions/cccc0003_folder.toml: not a regular file (a folder)\n"),
            std::string::npos)
      << r.err;
  // Said once per run, although the upgrade reads the folder twice (headers, then documents).
  CliResult up = retort({"upgrade", "heads"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(up.err.find("zero.toml"), up.err.rfind("zero.toml")) << up.err;
}

TEST_F(InputFilesTest, SymlinkToARegularFileIsARevision) {
  write_file(dir / "shared/bbbb0002.toml",
             "revision = \"bbbb0002\"\ndown_revision = \"aaaa0001\"\nmessage = \"linked\"\n");
  fs::create_symlink(dir / "shared/bbbb0002.toml", versions() / "bbbb0002_linked.toml");
  CliResult r = retort({"history"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "aaaa0001 -> bbbb0002 (head), linked\n<base> -> aaaa0001, first\n");
  EXPECT_EQ(r.err.find("warning"), std::string::npos) << r.err;
}

TEST_F(InputFilesTest, OversizedRevisionFileIsAnErrorNamingFileAndLimit) {
  write_file(versions() / "bbbb0002_big.toml", "revision = \"bbbb0002\"\n");
  fs::resize_file(versions() / "bbbb0002_big.toml", (size_t{16} << 20) + 1);
  CliResult r = retort({"heads"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("migrations/versions/bbbb0002_big.toml: larger than 16 MiB, the most retort reads from one "
                       "file"),
            std::string::npos)
      << r.err;
}

TEST_F(InputFilesTest, ConfigMustBeARegularFile) {
  ASSERT_EQ(::mkfifo((dir / "fifo.toml").c_str(), 0600), 0);
  fs::create_directories(dir / "folder.toml");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"fifo.toml", "error: fifo.toml: not a regular file (a FIFO)"},
      {"/dev/zero", "error: /dev/zero: not a regular file (a character device)"},
      {"folder.toml", "error: folder.toml: is a folder, not a file"},
  };
  for (const auto& [config, message] : cases) {
    expect_refused(retort({"-c", config, "current"}), message);
    expect_refused(run_retort_within(kLimit, dir.path(), {"heads"}, {"RETORT_CONFIG=" + config}), message);
  }
  fs::create_symlink(dir / "retort.toml", dir / "link.toml");
  CliResult linked = retort({"-c", "link.toml", "heads"});
  EXPECT_EQ(linked.exit_code, 0) << linked.err;
  EXPECT_EQ(linked.out, "aaaa0001 (head)\n");
}

TEST_F(InputFilesTest, DeeplyNestedFilesAreErrorsNotCrashes) {
  std::string key = "a";
  for (int i = 0; i < 50000; ++i) key += ".a";
  write_file(versions() / "bbbb0002_deep.toml",
             "revision = \"bbbb0002\"\ndown_revision = \"aaaa0001\"\n" + key + " = 1\n");
  CliResult r = retort({"upgrade", "heads"});
  EXPECT_EQ(r.exit_code, 1) << "before: killed by SIGSEGV (stack overflow)\n" << r.err.substr(0, 500);
  EXPECT_NE(r.err.find("migrations/versions/bbbb0002_deep.toml:3: nesting deeper than 100 levels"), std::string::npos)
      << r.err.substr(0, 500);
  EXPECT_FALSE(fs::exists(dir / "app.db")) << "nothing runs";

  fs::remove(versions() / "bbbb0002_deep.toml");
  write_file(dir / "deep.toml", "[databases.main]\nurl = " + std::string(50000, '[') + "\n");
  CliResult config = retort({"-c", "deep.toml", "current"});
  EXPECT_EQ(config.exit_code, 1) << config.err.substr(0, 500);
  EXPECT_EQ(config.err.rfind("error: deep.toml:2: nesting deeper than 100 levels", 0), 0U) << config.err.substr(0, 500);
}

}  // namespace
}  // namespace retort
