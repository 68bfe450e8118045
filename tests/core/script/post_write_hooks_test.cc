// Tests script/post_write_hooks.cc: where the file goes in a hook's command, hooks run in order in their
// folder, and a failing hook reported with its exit status and stderr.
#include "script/post_write_hooks.h"

#include "temp_dir.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace retort {
namespace {

namespace fs = std::filesystem;

PostWriteHook hook(const std::string& name, std::vector<std::string> command, fs::path cwd = {}) {
  PostWriteHook h;
  h.name = name;
  h.command = std::move(command);
  h.cwd = std::move(cwd);
  h.location = "retort.toml:7";
  return h;
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(HookCommand, TheFileGoesWhereItIsNamedOrLast) {
  const fs::path file = "/p/versions/a1_x.toml";
  EXPECT_EQ(hook_command(hook("fmt", {"taplo", "fmt", "{file}", "--check"}), file),
            (std::vector<std::string>{"taplo", "fmt", "/p/versions/a1_x.toml", "--check"}));
  EXPECT_EQ(hook_command(hook("fmt", {"taplo", "fmt"}), file),
            (std::vector<std::string>{"taplo", "fmt", "/p/versions/a1_x.toml"}));
  EXPECT_EQ(hook_command(hook("alembic", {"black", "-l", "79", "REVISION_SCRIPT_FILENAME"}), file),
            (std::vector<std::string>{"black", "-l", "79", "/p/versions/a1_x.toml"}));
  EXPECT_EQ(hook_command(hook("arg", {"tool", "--path={file}"}), file),
            (std::vector<std::string>{"tool", "--path=/p/versions/a1_x.toml"}));
}

TEST(PostWriteHooks, RunInOrderInTheirFolder) {
  testing::TempDir dir;
  const fs::path file = dir / "a1_x.toml";
  testing::write_file(file, "revision = \"a1\"\n");
  fs::create_directories(dir / "work");
  std::vector<PostWriteHook> hooks = {
      hook("first", {"sh", "-c", "echo \"first $1\" >> log.txt", "sh", "{file}"}, dir / "work"),
      hook("second", {"sh", "-c", "pwd >> work/log.txt; echo '# formatted' >> \"$0\""}, dir.path()),
  };
  std::ostringstream progress;
  Status st = run_post_write_hooks(hooks, file, &progress);
  ASSERT_TRUE(st.ok()) << st.error().to_string();
  EXPECT_EQ(read(dir / "work/log.txt"), "first " + file.string() + "\n" + dir.path().string() + "\n");
  EXPECT_EQ(read(file), "revision = \"a1\"\n# formatted\n");
  EXPECT_EQ(progress.str(), "  Running post write hook \"first\" ...  done\n  Running post write hook \"second\" ...  done\n");
}

TEST(PostWriteHooks, AFailureIsReportedWithStatusAndStderrAndStopsTheRest) {
  testing::TempDir dir;
  const fs::path file = dir / "a1_x.toml";
  testing::write_file(file, "revision = \"a1\"\n");
  std::vector<PostWriteHook> hooks = {
      hook("lint", {"sh", "-c", "echo 'line 1: bad key' >&2; echo noise; exit 3"}),
      hook("never", {"sh", "-c", "touch never-ran", "sh"}, dir.path()),
  };
  std::ostringstream progress;
  Status st = run_post_write_hooks(hooks, file, &progress);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message().find("post write hook 'lint'"), std::string::npos) << st.error().to_string();
  EXPECT_NE(st.error().message().find("failed with exit status 3:\n    line 1: bad key"), std::string::npos)
      << st.error().to_string();
  EXPECT_NE(st.error().hint_text().find("the revision file was written: " + file.string()), std::string::npos);
  EXPECT_NE(st.error().hint_text().find("retort.toml:7"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir / "never-ran"));
  EXPECT_TRUE(fs::exists(file));
  EXPECT_NE(progress.str().find("FAILED"), std::string::npos);
}

TEST(PostWriteHooks, AProgramThatCannotStartIsNamed) {
  testing::TempDir dir;
  const fs::path file = dir / "a1_x.toml";
  testing::write_file(file, "x");
  Status st = run_post_write_hooks({hook("fmt", {"no-such-formatter-here", "{file}"})}, file, nullptr);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().to_string().rfind("post write hook 'fmt': cannot run 'no-such-formatter-here': No such file or directory", 0), 0u)
      << st.error().to_string();
  EXPECT_NE(st.error().hint_text().find("installed"), std::string::npos);
  EXPECT_NE(st.error().hint_text().find("the revision file was written"), std::string::npos);

  Status killed = run_post_write_hooks({hook("hangs", {"sh", "-c", "kill -9 $$"})}, file, nullptr);
  ASSERT_FALSE(killed.ok());
  EXPECT_NE(killed.error().message().find("failed with signal 9"), std::string::npos) << killed.error().to_string();
}

}  // namespace
}  // namespace retort
