// End-to-end: how `retort revision` names and writes files, from [retort] in the config (file_template,
// truncate_slug_length, timezone, revision_template, post_write_hooks), --dry-run, and revision files in
// subfolders of the version locations (recursive_version_locations, or a warning naming them).
#include "cli_runner.h"
#include "temp_dir.h"
#include "text_checks.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::CliResult;
using testing::contains;
using testing::read_file;
using testing::write_file;

class RevisionWritingTest : public ::testing::Test {
 protected:
  testing::TempDir dir;
  void project(const std::string& retort_lines) {
    testing::write_project(dir.path(), "url = \"sqlite:///${here}/app.db\"\n", retort_lines);
  }
  CliResult retort(const std::vector<std::string>& args) { return testing::run_retort(dir.path(), args); }
  fs::path versions() const { return dir / "migrations/versions"; }
  // The files below the versions folder, relative to it, sorted.
  std::vector<std::string> files() const {
    std::vector<std::string> out;
    if (!fs::exists(versions())) return out;
    for (const auto& e : fs::recursive_directory_iterator(versions()))
      if (e.is_regular_file()) out.push_back(e.path().lexically_relative(versions()).string());
    std::sort(out.begin(), out.end());
    return out;
  }
};

TEST_F(RevisionWritingTest, FileTemplateWithDateTokensAndSlugLength) {
  project("file_template = \"%(year)d_%(month).2d_%(day).2d_%(hour).2d%(minute).2d-%(rev)s_%(slug)s\"\n"
          "truncate_slug_length = 12\n");
  CliResult r = retort({"revision", "-m", "create account table now", "--rev-id", "ae1027a6acf0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(files().size(), 1U);
  // Alembic's cut: "create_accou" back to its last '_', then '_'.
  EXPECT_TRUE(std::regex_match(files()[0], std::regex(R"(20\d\d_\d\d_\d\d_\d{4}-ae1027a6acf0_create_\.toml)"))) << files()[0];
  CliResult history = retort({"history"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_EQ(history.out, "<base> -> ae1027a6acf0 (head), create account table now\n");
}

TEST_F(RevisionWritingTest, BadFileTemplateIsAConfigErrorNamingTheKey) {
  project("file_template = \"%(rev)s_%(title)s\"\n");
  CliResult r = retort({"revision", "-m", "x"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "retort.toml:3: 'file_template': unknown token '%(title)'")) << r.err;
  EXPECT_TRUE(contains(r.err, "hint: the tokens are %(rev)s, %(slug)s")) << r.err;
  EXPECT_TRUE(files().empty());
}

TEST_F(RevisionWritingTest, TimezoneGivesCreateDateItsOffset) {
  project("timezone = \"Asia/Kolkata\"\nfile_template = \"%(hour).2d%(minute).2d_%(rev)s\"\n");  // +05:30 all year
  CliResult r = retort({"revision", "-m", "x", "--rev-id", "aaaa00000001"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(files().size(), 1U);
  const std::string text = read_file(versions() / files()[0]);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(text, m, std::regex(R"(\ncreate_date = 20\d\d-\d\d-\d\dT(\d\d):(\d\d):\d\d\+05:30\n)"))) << text;
  // The file name's tokens are the same wall clock.
  EXPECT_EQ(files()[0], m[1].str() + m[2].str() + "_aaaa00000001.toml");
  CliResult show = retort({"show", "aaaa00000001"});
  EXPECT_TRUE(contains(show.out, "+05:30")) << show.out;

  project("timezone = \"Europe/Atlantis\"\n");
  CliResult bad = retort({"revision", "-m", "y"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_TRUE(contains(bad.err, "retort.toml:3: 'timezone': unknown time zone 'Europe/Atlantis'")) << bad.err;
  EXPECT_EQ(files().size(), 1U);
  // Only writing a revision needs the zone: the rest of retort runs with this config.
  CliResult up = retort({"upgrade", "heads"});
  EXPECT_EQ(up.exit_code, 0) << up.err;
}

TEST_F(RevisionWritingTest, RevisionTemplateLaysOutTheFile) {
  project("revision_template = \"templates/revision.toml.tmpl\"\n");
  write_file(dir / "templates/revision.toml.tmpl",
             "# Ticket: (fill in)\n{{comment}}\n{{header}}transaction = false\n\n[[upgrade]]\nop = \"execute\"\nsql = \"SELECT 1\"\n");
  CliResult r = retort({"revision", "-m", "with template", "--rev-id", "aaaa00000001"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string text = read_file(versions() / "aaaa00000001_with_template.toml");
  EXPECT_EQ(text.rfind("# Ticket: (fill in)\n# with template\n#\n# Revision ID: aaaa00000001\n", 0), 0U) << text;
  EXPECT_TRUE(contains(text, "\nrevision = \"aaaa00000001\"\ndown_revision = \"\"\nmessage = \"with template\"\n")) << text;
  CliResult up = retort({"upgrade", "heads"});
  EXPECT_EQ(up.exit_code, 0) << up.err;

  // Broken: named with its line, and nothing is written.
  write_file(dir / "templates/revision.toml.tmpl", "{{header}}\n{{upgrades}}\n");
  CliResult broken = retort({"revision", "-m", "second"});
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_TRUE(contains(broken.err, "revision.toml.tmpl:2: unknown placeholder {{upgrades}}")) << broken.err;
  fs::remove(dir / "templates/revision.toml.tmpl");
  CliResult missing = retort({"revision", "-m", "second"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_TRUE(contains(missing.err, "revision_template 'templates/revision.toml.tmpl' does not exist")) << missing.err;
  EXPECT_EQ(files(), std::vector<std::string>{"aaaa00000001_with_template.toml"});
}

TEST_F(RevisionWritingTest, PostWriteHooksRunOnTheNewFile) {
  project("[[retort.post_write_hooks]]\nname = \"stamp\"\n"
          "command = [\"sh\", \"-c\", \"echo '# checked' >> \\\"$1\\\"\", \"sh\", \"{file}\"]\n"
          "[[retort.post_write_hooks]]\nname = \"log\"\ncommand = [\"sh\", \"-c\", \"basename \\\"$0\\\" > hook.log\"]\n"
          "cwd = \"${here}\"\n");
  CliResult r = retort({"revision", "-m", "hooked", "--rev-id", "aaaa00000001"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "Running post write hook \"stamp\" ...  done\n  Running post write hook \"log\" ...  done")) << r.err;
  const std::string text = read_file(versions() / "aaaa00000001_hooked.toml");
  EXPECT_EQ(text.substr(text.size() - 10), "# checked\n");
  EXPECT_EQ(read_file(dir / "hook.log"), "aaaa00000001_hooked.toml\n");
}

TEST_F(RevisionWritingTest, AFailingHookIsReportedAndTheFileStays) {
  project("[[retort.post_write_hooks]]\nname = \"lint\"\n"
          "command = [\"sh\", \"-c\", \"echo 'lint: line 3 is too long' >&2; exit 4\"]\n");
  CliResult r = retort({"revision", "-m", "linted", "--rev-id", "aaaa00000001"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "post write hook 'lint'")) << r.err;
  EXPECT_TRUE(contains(r.err, "failed with exit status 4:\n    lint: line 3 is too long")) << r.err;
  EXPECT_TRUE(contains(r.err, "the revision file was written: " + fs::canonical(versions()).string() +
                                  "/aaaa00000001_linted.toml"))
      << r.err;
  EXPECT_EQ(files(), std::vector<std::string>{"aaaa00000001_linted.toml"});
}

TEST_F(RevisionWritingTest, DryRunPrintsTheFileAndWritesNothing) {
  project("[[retort.post_write_hooks]]\ncommand = [\"touch\", \"${here}/hook-ran\"]\n");
  fs::remove_all(versions());
  fs::create_directories(versions());
  CliResult r = retort({"revision", "-m", "just looking", "--rev-id", "aaaa00000001", "--dry-run"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("# just looking\n#\n# Revision ID: aaaa00000001\n", 0), 0U) << r.out;
  EXPECT_TRUE(contains(r.out, "\nrevision = \"aaaa00000001\"\n")) << r.out;
  EXPECT_TRUE(contains(r.err, "aaaa00000001_just_looking.toml was not written")) << r.err;
  EXPECT_TRUE(files().empty());
  EXPECT_FALSE(fs::exists(dir / "hook-ran"));
  // The same for merge.
  ASSERT_EQ(retort({"revision", "-m", "a", "--rev-id", "aaaa00000002", "--head", "base"}).exit_code, 0);
  ASSERT_EQ(retort({"revision", "-m", "b", "--rev-id", "aaaa00000003", "--head", "base"}).exit_code, 0);
  CliResult merge = retort({"merge", "heads", "-m", "join", "--rev-id", "aaaa00000004", "--dry-run"});
  ASSERT_EQ(merge.exit_code, 0) << merge.err;
  EXPECT_TRUE(contains(merge.out, "down_revision = [\"aaaa00000002\", \"aaaa00000003\"]")) << merge.out;
  EXPECT_EQ(files().size(), 2U);
}

TEST_F(RevisionWritingTest, SubfoldersAreReadWhenRecursive) {
  project("");
  write_file(versions() / "aaaa00000001_base.toml", "revision = \"aaaa00000001\"\nmessage = \"base\"\n");
  write_file(versions() / "2026/aaaa00000002_next.toml",
             "revision = \"aaaa00000002\"\ndown_revision = \"aaaa00000001\"\nmessage = \"next\"\n");
  // Not read: said once, naming the folder.
  CliResult flat = retort({"heads"});
  ASSERT_EQ(flat.exit_code, 0) << flat.err;
  EXPECT_EQ(flat.out, "aaaa00000001 (head)\n");
  EXPECT_TRUE(contains(flat.err, "warning: revision files in subfolder migrations/versions/2026 are not read; add "
                                 "recursive_version_locations = true to [retort] to read them"))
      << flat.err;

  project("recursive_version_locations = true\nfile_template = \"%(year)d/%(rev)s_%(slug)s\"\n");
  CliResult deep = retort({"history"});
  ASSERT_EQ(deep.exit_code, 0) << deep.err;
  EXPECT_EQ(deep.out, "aaaa00000001 -> aaaa00000002 (head), next\n<base> -> aaaa00000001, base\n");
  EXPECT_FALSE(contains(deep.err, "warning")) << deep.err;
  // A new revision on the one in 2026/ goes in this year's folder of the version location, not below 2026/.
  CliResult made = retort({"revision", "-m", "third", "--rev-id", "aaaa00000003"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const auto listed = files();
  ASSERT_EQ(listed.size(), 3U);
  EXPECT_EQ(std::count_if(listed.begin(), listed.end(),
                          [](const std::string& f) { return std::regex_match(f, std::regex(R"(20\d\d/aaaa00000003_third\.toml)")); }),
            1)
      << ::testing::PrintToString(listed);
  CliResult up = retort({"upgrade", "heads"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(retort({"current"}).out, "aaaa00000003 (head)\n");
}

TEST_F(RevisionWritingTest, FoldersInTheTemplateNeedRecursive) {
  project("file_template = \"%(year)d/%(rev)s\"\n");
  CliResult r = retort({"revision", "-m", "x"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "'file_template' names subfolders, which are read only with recursive_version_locations = true"))
      << r.err;
}

TEST_F(RevisionWritingTest, HelpShowsAnExample) {
  CliResult r = retort({"revision", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(contains(r.out, "--dry-run")) << r.out;
  EXPECT_TRUE(contains(r.out, "retort revision -m \"add account\" --dry-run")) << r.out;
}

}  // namespace
}  // namespace retort
