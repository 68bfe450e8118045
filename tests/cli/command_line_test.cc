// The command line in retort's voice: a bad command line is `error: ...` and `  hint: ...` lines, never
// CLI11's wording, names the command and the closest match, and exits with 2; every command's --help ends
// with examples (checked for every subcommand the program lists, at every depth).
#include "cli_runner.h"
#include "temp_dir.h"
#include "text_checks.h"

#include <gtest/gtest.h>

#include <sstream>

namespace retort {
namespace {

using testing::CliResult;
using testing::contains;

class CommandLineTest : public ::testing::Test {
 protected:
  CliResult retort(const std::vector<std::string>& args) { return testing::run_retort(dir_.path(), args); }
  testing::TempDir dir_;
};

// Every line of `err` is an error line or an indented hint.
void expect_error_and_hints(const std::string& err) {
  std::istringstream lines(err);
  std::string line;
  ASSERT_TRUE(std::getline(lines, line)) << "no output";
  EXPECT_EQ(line.rfind("error: ", 0), 0u) << err;
  while (std::getline(lines, line)) EXPECT_EQ(line.rfind("  hint: ", 0), 0u) << err;
}

struct BadCommandLine {
  std::vector<std::string> args;
  std::string error;  // the whole first line
  std::string hint;   // part of the hint
};

TEST_F(CommandLineTest, ParserMessagesAreRetorts) {
  const std::vector<BadCommandLine> cases = {
      {{}, "error: retort needs a command", "for example retort upgrade heads"},
      {{"upgrade"}, "error: upgrade needs a TARGET", "for example retort upgrade heads"},
      {{"downgrade"}, "error: downgrade needs a TARGET", "for example retort downgrade -1"},
      {{"stamp"}, "error: stamp needs one or more TARGETS", "for example retort stamp heads"},
      {{"show"}, "error: show needs a REV", "for example retort show heads"},
      {{"schema"}, "error: schema needs a command", "commands: inspect"},
      {{"upgarde", "heads"}, "error: retort has no command 'upgarde'", "did you mean 'upgrade'?"},
      {{"schema", "inspct"}, "error: schema has no command 'inspct'", "did you mean 'inspect'?"},
      // A flag takes no value: the word after it is still the command.
      {{"-v", "upgarde", "heads"}, "error: retort has no command 'upgarde'", "did you mean 'upgrade'?"},
      {{"-q", "--continue-on-error", "histroy"}, "error: retort has no command 'histroy'", "did you mean 'history'?"},
      {{"upgrade", "heads", "--sqll"}, "error: upgrade has no option '--sqll'", "did you mean '--sql'?"},
      {{"history", "--rev-rang=a:"}, "error: history has no option '--rev-rang'", "did you mean '--rev-range'?"},
      {{"--engin", "app", "current"}, "error: retort has no option '--engin'", "did you mean '--engine'?"},
      {{"-qv", "current"}, "error: --quiet and --verbose cannot be used together", "leave one of them out"},
      {{"upgrade", "heads", "base"}, "error: upgrade takes only one TARGET", "for example retort upgrade heads"},
      {{"revision", "-m"}, "error: revision: --message needs a value", "for example retort revision -m"},
      {{"-j", "0", "current"}, "error: --jobs: must be a whole number from 1 to 64, not '0'", "retort current --help"},
      {{"-q", "-v", "current"}, "error: --quiet and --verbose cannot be used together", "leave one of them out"},
      {{"--shard", "4/4", "current"}, "error: --shard: I must be below N (shards are numbered from 0), not '4/4'",
       "retort current --help"},
      {{"--shard", "two", "current"}, "error: --shard: must be I/N with whole numbers I and N, not 'two'",
       "retort current --help"},
      {{"init", "--template", "multi"}, "error: --template: must be generic or multidb, not 'multi' (did you mean 'multidb'?)",
       "for example retort init"},
      {{"upgrade", "heads", "--resume", "again"}, "error: --resume: must be skip or rerun, not 'again'", "retort upgrade --help"},
      {{"revision", "--from-db"}, "error: --from-db and --allow-destructive go with --autogenerate", "retort revision --help"},
  };
  for (const auto& c : cases) {
    std::string shown;
    for (const auto& a : c.args) shown += a + " ";
    CliResult r = retort(c.args);
    EXPECT_EQ(r.exit_code, 2) << shown << "\n" << r.err;
    EXPECT_EQ(r.out, "") << shown;
    EXPECT_EQ(r.err.substr(0, r.err.find('\n')), c.error) << shown << "\n" << r.err;
    EXPECT_TRUE(contains(r.err, "\n  hint: ")) << shown << "\n" << r.err;
    EXPECT_TRUE(contains(r.err, c.hint)) << shown << "\n" << r.err;
    expect_error_and_hints(r.err);
    // None of CLI11's own wording.
    for (const char* cli11 : {"Run with --help", "is required", "was not expected", "were not expected", "excludes",
                              "not in {", "not in range", "Could not convert", "required TEXT missing"})
      EXPECT_FALSE(contains(r.err, cli11)) << shown << "\n" << r.err;
  }
}

TEST_F(CommandLineTest, OptionsWithValuesAndFlagsAreTakenAsTheyAre) {
  testing::write_project(dir_.path(), "url = \"sqlite:///app.db\"\n");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"-v", "heads"}, {"-q", "-v", "--help"}, {"--engine", "main", "heads"},
        {"--engine=main", "heads"}, {"-j2", "-qx", "K=V", "heads"}, {"-x", "K=V", "history", "-r", "-1:"},
        {"--continue-on-error", "current", "-v"}, {"downgrade", "-1", "--sql"}}) {
    CliResult r = retort(args);
    EXPECT_NE(r.exit_code, 2) << args.front() << " ...\n" << r.err;
    EXPECT_EQ(r.err.find("has no "), std::string::npos) << args.front() << " ...\n" << r.err;
  }
}

TEST_F(CommandLineTest, AFailingCommandSaysErrorAndHint) {
  CliResult r = retort({"current"});  // no retort.toml here
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "error: no config file at 'retort.toml'\n"
                   "  hint: run `retort init` to create one, or pass -c PATH (or set RETORT_CONFIG)\n");
}

// The subcommands `retort [PATH] --help` lists under "Subcommands:".
std::vector<std::string> listed_subcommands(const std::string& help) {
  std::vector<std::string> names;
  std::istringstream lines(help);
  std::string line;
  bool in_list = false;
  while (std::getline(lines, line)) {
    if (line == "Subcommands:") {
      in_list = true;
      continue;
    }
    if (!in_list) continue;
    if (line.empty()) break;
    if (line.size() > 2 && line[2] != ' ') names.push_back(line.substr(2, line.find(' ', 2) - 2));
  }
  return names;
}

// `retort PATH --help` ends with examples of that command; then the same for each subcommand it lists.
void expect_examples(const std::vector<std::string>& path, size_t& checked) {
  std::vector<std::string> args = path;
  args.push_back("--help");
  testing::TempDir dir;
  CliResult help = testing::run_retort(dir.path(), args);
  std::string typed = "retort";
  for (const auto& p : path) typed += " " + p;
  ASSERT_EQ(help.exit_code, 0) << typed << "\n" << help.err;
  const auto examples = help.out.find("\nExamples:\n  retort ");
  EXPECT_NE(examples, std::string::npos) << typed << " --help shows no example:\n" << help.out;
  // The examples use the command they document.
  if (!path.empty() && examples != std::string::npos) {
    const std::string tail = help.out.substr(examples);
    EXPECT_TRUE(contains(tail, path.back())) << typed << ":\n" << tail;
  }
  ++checked;
  for (const auto& sub : listed_subcommands(help.out)) {
    std::vector<std::string> deeper = path;
    deeper.push_back(sub);
    expect_examples(deeper, checked);
  }
}

TEST_F(CommandLineTest, EveryCommandsHelpEndsWithExamples) {
  size_t checked = 0;
  expect_examples({}, checked);
  EXPECT_GE(checked, 19u) << "the walk should reach every command, schema inspect included";
}

}  // namespace
}  // namespace retort
