// `retort edit REV` (Alembic's command): opens the revision files REV names in the user's editor. REV is what
// Alembic's edit takes: an id or unique prefix, head, heads, a branch label, LABEL@head, -N and LABEL@-N
// (counted from the heads), or current (the revisions the selected databases are at). The editor is
// $EDITOR, else $VISUAL (Alembic's order), run through the shell so that "code --wait" works.
#include "commands.h"
#include "current_rows.h"

#include "graph/migration_plan.h"
#include "util/subprocess.h"

#include <algorithm>
#include <cstdlib>

namespace retort::cli {
namespace {

Result<std::string> editor() {
  for (const char* var : {"EDITOR", "VISUAL"})
    if (const char* value = std::getenv(var); value && *value) return std::string(value);
  return Error("no editor is set: neither $EDITOR nor $VISUAL")
      .hint("set one, e.g. `export EDITOR=vim` (or `EDITOR=\"code --wait\" retort edit REV`)");
}

Status edit_cmd(CliContext& ctx, const std::string& rev) {
  RETORT_ASSIGN_OR_RETURN(const ScriptDirectory* scripts, ctx.scripts());
  std::vector<RevIndex> revs;
  if (rev == "current") {
    RETORT_ASSIGN_OR_RETURN(revs, all_current(ctx));
    if (revs.empty())
      return Error("no current revisions: the selected databases have nothing applied")
          .hint("`retort current` shows each database's revision; `retort edit head` opens the newest file");
  } else {
    RETORT_ASSIGN_OR_RETURN(revs, Planner(scripts->map(), {}).revisions(rev));
    if (revs.empty())
      return Error("no revision files indicated by symbol '" + rev + "'")
          .hint("give a revision id or prefix, head, heads, a branch label, LABEL@head, or current");
  }
  RETORT_ASSIGN_OR_RETURN(std::string command, editor());
  std::vector<std::string> files;
  for (RevIndex r : revs)
    if (std::find(files.begin(), files.end(), scripts->file(r).path) == files.end()) files.push_back(scripts->file(r).path);
  for (const auto& file : files) {
    // As git runs $GIT_EDITOR: through the shell, the file as its argument, so editor options work.
    RETORT_ASSIGN_OR_RETURN(ProcessOutcome outcome,
                            run_process({"/bin/sh", "-c", command + " \"$@\"", "sh", file}, ProcessOptions{{}, false}));
    if (!outcome.succeeded())
      return Error("the editor (" + command + ") failed with " + outcome.ending() + " on " + file)
          .hint("check $EDITOR / $VISUAL; the file is unchanged unless the editor saved it");
  }
  return Status();
}

}  // namespace

void add_edit_command(CLI::App& app, CliContext& ctx, Action& action) {
  auto rev = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("edit", "Open a revision file in $EDITOR (or $VISUAL)");
  cmd->add_option("REV", *rev, "An id or unique prefix, head, heads, a branch label, LABEL@head, -N, or current")
      ->required();
  cmd->callback([&ctx, &action, rev] { action = [&ctx, rev] { return edit_cmd(ctx, *rev); }; });
}

}  // namespace retort::cli
