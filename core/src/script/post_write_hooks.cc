#include "script/post_write_hooks.h"

#include "util/strings.h"
#include "util/subprocess.h"

#include <ostream>

namespace retort {
namespace fs = std::filesystem;

namespace {

constexpr const char* kAlembicToken = "REVISION_SCRIPT_FILENAME";

std::string replace_all(std::string text, const std::string& what, const std::string& with) {
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size()))
    text.replace(at, what.size(), with);
  return text;
}

// The last lines of what a failed hook said, enough to see why without flooding the terminal.
std::string tail_of(const std::string& text, size_t max_lines = 20) {
  std::vector<std::string> lines = split(trim(text), '\n');
  if (lines.size() > max_lines) lines.erase(lines.begin(), lines.end() - static_cast<std::ptrdiff_t>(max_lines));
  return join(lines, "\n    ");
}

}  // namespace

std::vector<std::string> hook_command(const PostWriteHook& hook, const fs::path& file) {
  std::vector<std::string> argv;
  bool placed = false;
  for (size_t i = 0; i < hook.command.size(); ++i) {
    const std::string& arg = hook.command[i];
    placed = placed || (i > 0 && (arg.find("{file}") != std::string::npos || arg.find(kAlembicToken) != std::string::npos));
    argv.push_back(i == 0 ? arg : replace_all(replace_all(arg, "{file}", file.string()), kAlembicToken, file.string()));
  }
  if (!placed) argv.push_back(file.string());
  return argv;
}

Status run_post_write_hooks(const std::vector<PostWriteHook>& hooks, const fs::path& file, std::ostream* progress) {
  const fs::path absolute = fs::absolute(file).lexically_normal();
  for (const PostWriteHook& hook : hooks) {
    if (progress) *progress << "  Running post write hook \"" << hook.name << "\" ..." << std::flush;
    const std::vector<std::string> argv = hook_command(hook, absolute);
    auto outcome = run_process(argv, ProcessOptions{hook.cwd, true});
    const bool ok = outcome.ok() && outcome->succeeded();
    if (progress) *progress << (ok ? "  done\n" : "  FAILED\n") << std::flush;
    if (ok) continue;
    const std::string written = "the revision file was written: " + absolute.string();
    const std::string fix = "fix the hook (" + hook.location + ") and run it by hand, or fix the file";
    if (!outcome.ok()) {
      Error e = std::move(outcome).error();
      const std::string cause_hint = e.hint_text().empty() ? fix : e.hint_text();
      return std::move(e.at("post write hook '" + hook.name + "'")).hint(cause_hint + "; " + written);
    }
    std::string said = tail_of(outcome->err.empty() ? outcome->out : outcome->err);
    return Error("post write hook '" + hook.name + "' (" + join(argv, " ") + ") failed with " + outcome->ending() +
                 (said.empty() ? std::string() : ":\n    " + said))
        .hint(written + "; " + fix);
  }
  return Status();
}

}  // namespace retort
