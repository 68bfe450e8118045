// End-to-end: `retort revision -m` and `merge -m` with messages holding anything a user can type (line
// breaks, quotes, backslashes, tabs, control characters, emoji), which `history` and `show` must print
// exactly as given, and every other command must still read.
#include "cli_runner.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::CliResult;
using testing::run_retort;
using testing::TempDir;

class RevisionMessageTest : public ::testing::Test {
 protected:
  TempDir dir;
  void SetUp() override { ASSERT_EQ(run_retort(dir.path(), {"init"}).exit_code, 0); }
  CliResult retort(const std::vector<std::string>& args) { return run_retort(dir.path(), args); }

  void expect_revision_shows(const std::string& message, const std::string& id) {
    CliResult r = retort({"revision", "-m", message, "--rev-id", id});
    ASSERT_EQ(r.exit_code, 0) << message << "\n" << r.err;
    CliResult show = retort({"show", id});
    ASSERT_EQ(show.exit_code, 0) << show.err;
    EXPECT_NE(show.out.find("\n    " + message + "\n"), std::string::npos) << show.out;
  }
  void expect_history_lists(const std::vector<std::string>& messages) {
    CliResult history = retort({"history"});
    ASSERT_EQ(history.exit_code, 0) << history.err;
    for (const auto& m : messages) EXPECT_NE(history.out.find(", " + m + "\n"), std::string::npos) << history.out;
  }
};

TEST_F(RevisionMessageTest, MultiLineMessageRoundTrips) {
  const std::string message = "first\n\nmore";
  CliResult made = retort({"revision", "-m", message, "--rev-id", "aaaa00000001"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_TRUE(fs::exists(dir / "migrations/versions/aaaa00000001_first_more.toml"));
  CliResult history = retort({"history"});
  ASSERT_EQ(history.exit_code, 0) << "before: the file was not valid TOML\n" << history.err;
  EXPECT_EQ(history.out, "<base> -> aaaa00000001 (head), " + message + "\n");
  CliResult check = retort({"check"});
  EXPECT_EQ(check.exit_code, 0) << check.err;
  CliResult up = retort({"upgrade", "heads"});
  EXPECT_EQ(up.exit_code, 0) << up.err;
}

TEST_F(RevisionMessageTest, AnyMessagePrintsExactlyAsGiven) {
  const std::vector<std::string> messages = {
      "say \"hi\" and 'bye'",
      R"(back\slash \n \u0041 \)",
      "tab\there\r\nCRLF",
      "\"\"\" ''' # [[upgrade]]\nop = \"drop_table\"\ntable = \"x\"",
      "emoji 🦀🎉, 日本語, Größe",
      "bell \a escape \x1b del \x7f",
  };
  for (size_t i = 0; i < messages.size(); ++i)
    expect_revision_shows(messages[i], "aaaa0000000" + std::to_string(i + 1));
  // Twice: the second run reads the headers from the cache.
  expect_history_lists(messages);
  expect_history_lists(messages);
  CliResult up = retort({"upgrade", "heads"});
  EXPECT_EQ(up.exit_code, 0) << up.err;
}

TEST_F(RevisionMessageTest, MergeMessageRoundTrips) {
  ASSERT_EQ(retort({"revision", "-m", "root", "--rev-id", "aaaa00000001"}).exit_code, 0);
  ASSERT_EQ(retort({"revision", "-m", "left", "--rev-id", "bbbb00000002"}).exit_code, 0);
  ASSERT_EQ(retort({"revision", "-m", "right", "--head", "aaaa00000001", "--splice", "--rev-id", "cccc00000003"})
                .exit_code,
            0);
  const std::string message = "merge \"left\"\nand right\\";
  CliResult merge = retort({"merge", "heads", "-m", message, "--rev-id", "dddd00000004"});
  ASSERT_EQ(merge.exit_code, 0) << merge.err;
  CliResult heads = retort({"heads", "-v"});
  ASSERT_EQ(heads.exit_code, 0) << heads.err;
  CliResult show = retort({"show", "dddd00000004"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("\n    " + message + "\n"), std::string::npos) << show.out;
}

TEST_F(RevisionMessageTest, MessageThatIsNotUtf8IsRefusedAndNothingIsWritten) {
  CliResult r = retort({"revision", "-m", "caf\xe9", "--rev-id", "aaaa00000001"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.rfind("error: the message is not valid UTF-8 (byte 4 of 4)", 0), 0U) << r.err;
  EXPECT_TRUE(fs::is_empty(dir / "migrations/versions"));
  EXPECT_EQ(retort({"history"}).exit_code, 0);
}

}  // namespace
}  // namespace retort
