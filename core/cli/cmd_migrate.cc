#include "commands.h"
#include "option_values.h"

#include "graph/revision_query.h"
#include "runtime/multi_database_run.h"
#include "util/strings.h"

#include <algorithm>
#include <iomanip>

namespace retort::cli {
namespace {

using Command = MigrationRequest::Command;

struct MigrateOpts {
  std::vector<std::string> targets;
  bool sql = false;
  bool purge = false;
  std::string tag;
  std::string resume;  // "", "skip" or "rerun"
};

const char* command_name(Command c) {
  return c == Command::kUpgrade ? "upgrade" : c == Command::kDowngrade ? "downgrade" : "stamp";
}

// "FROM:TO" for offline runs; FROM may be empty (base). Every target of an offline stamp starts from the
// same FROM, as in Alembic.
Result<MigrationRequest> parse_request(Command command, const MigrateOpts& o) {
  MigrationRequest request;
  request.command = command;
  request.purge = o.purge;
  for (const auto& text : o.targets) {
    auto colon = text.find(':');
    if (colon == std::string::npos) {
      request.targets.push_back(text);
      continue;
    }
    std::string from_text = text.substr(0, colon);
    std::string to_text = text.substr(colon + 1);
    if (to_text.find(':') != std::string::npos)
      return Error("'" + text + "' has more than one ':'").hint("an offline range is FROM:TO");
    if (from_text == "current" || to_text == "current")
      return Error("an offline script cannot start from or go to 'current': it does not read the database")
          .hint("name the revision the database is at, e.g. `retort " + std::string(command_name(command)) +
                " REV:heads --sql` (`retort current` shows it)");
    std::optional<std::string> from;
    if (!from_text.empty()) from = from_text;
    if (!request.targets.empty() && request.from != from)
      return Error("every target of an offline stamp must start from the same revision")
          .hint("run one `retort stamp FROM:TO --sql` per starting revision");
    request.from = from;
    request.targets.push_back(to_text);
  }
  return request;
}

std::string done_text(Command command, bool sql, const RunReport& r) {
  if (sql) return "script written";
  if (command == Command::kStamp) return "stamped; now at " + id_list(r.after);
  if (r.steps == 0) return "nothing to do; at " + id_list(r.after);
  return std::string(command == Command::kUpgrade ? "upgraded " : "downgraded ") + std::to_string(r.steps) +
         (r.steps == 1 ? " revision" : " revisions") + "; now at " + id_list(r.after);
}

// The per-database table after a command over several databases.
void print_summary(std::ostream& err, Command command, bool sql, Precheck precheck,
                   const std::vector<DatabaseOutcome>& outcomes) {
  size_t width = 0;
  for (const auto& o : outcomes) width = std::max(width, o.database->name.size());
  size_t done = 0;
  for (const auto& o : outcomes) done += o.state == DatabaseOutcome::State::kDone ? 1 : 0;
  err << "Summary: " << done << " of " << outcomes.size() << " databases " << (sql ? "scripted" : "done")
      << (sql ? "" : precheck == Precheck::kAll ? " (all checked before any was changed)"
                                                : " (each checked right before it ran)")
      << "\n";
  for (const auto& o : outcomes) {
    err << "  " << std::left << std::setw(static_cast<int>(width)) << o.database->name << "  ";
    switch (o.state) {
      case DatabaseOutcome::State::kDone:
        err << "ok       " << done_text(command, sql, o.report);
        break;
      case DatabaseOutcome::State::kFailed:
        err << "FAILED   " << (o.failed_check ? "failed the check before the run; nothing was changed" : "see the error above");
        break;
      case DatabaseOutcome::State::kSkipped:
        err << "skipped  " << o.skipped_because;
        break;
    }
    err << "\n";
  }
}

Status run(CliContext& ctx, Command command, const MigrateOpts& o) {
  const char* name = command_name(command);
  const bool ranged = std::any_of(o.targets.begin(), o.targets.end(),
                                  [](const std::string& t) { return t.find(':') != std::string::npos; });
  const std::string typed = join(o.targets, " ");
  if (ranged && !o.sql)
    return Error(std::string("a FROM:TO range is only for offline scripts")).hint(std::string("use `retort ") + name + " " + typed + " --sql`");
  if (command == Command::kDowngrade && o.sql && !ranged)
    return Error("downgrade --sql needs to know where the database is").hint("give a range: retort downgrade FROM:TO --sql");
  if (o.purge && o.sql)
    return Error("stamp --purge cannot be written as an offline script: it deletes rows it would have to read first")
        .hint("run `retort stamp --purge " + typed + "` against the database, or write the rows without --purge");
  RETORT_ASSIGN_OR_RETURN(MigrationRequest request, parse_request(command, o));
  RETORT_ASSIGN_OR_RETURN(auto dbs, ctx.databases());
  if (dbs.empty()) return Status();  // an empty fleet or shard (CliContext said which): nothing to do
  RETORT_ASSIGN_OR_RETURN(const PluginHost* plugins, ctx.plugins());
  RETORT_ASSIGN_OR_RETURN(const OpCatalogue* catalogue, ctx.catalogue());
  RETORT_ASSIGN_OR_RETURN(const CheckedScripts* scripts, ctx.checked_scripts());
  RunOptions run_options = ctx.run_options();
  run_options.tag = o.tag;
  if (!o.resume.empty()) {
    if (o.sql) return Error("--resume is for a run against the database, not an offline script").hint("leave out --resume or --sql");
    run_options.resume = o.resume == "skip" ? UncertainStatement::kSkip : UncertainStatement::kRerun;
  }
  if (!o.tag.empty() && !ctx.options.quiet) ctx.err << "tag: " << o.tag << "\n";

  if (!o.sql) ctx.note_new_sqlite_files(dbs);
  MultiDatabaseRun runs(*scripts, *plugins, *catalogue, run_options, ctx.multi_run_options());
  const bool several = dbs.size() > 1;
  // With several databases each failure is printed as it happens, and the summary says what became of each.
  auto print_failure = [&](const DatabaseOutcome& outcome) {
    if (several && outcome.error) ctx.err << "error: " << outcome.error->to_string() << "\n" << std::flush;
  };
  RETORT_ASSIGN_OR_RETURN(auto outcomes, o.sql ? runs.write_sql(dbs, request, ctx.run_output(), print_failure)
                                                : runs.run(dbs, request, ctx.run_output(), print_failure));
  if (!several) {
    if (outcomes.front().error) return *outcomes.front().error;
    return Status();
  }
  if (!ctx.options.quiet || !all_done(outcomes))
    print_summary(ctx.err, command, o.sql, effective_precheck(ctx.multi_run_options().precheck, dbs.size()), outcomes);
  if (all_done(outcomes)) return Status();
  std::vector<std::string> failed, skipped;
  for (const auto& outcome : outcomes) {
    if (outcome.state == DatabaseOutcome::State::kFailed) failed.push_back(outcome.database->name);
    if (outcome.state == DatabaseOutcome::State::kSkipped) skipped.push_back(outcome.database->name);
  }
  Error error(std::string(name) + " failed on " + join(failed, ", ") +
              (skipped.empty() ? "" : "; not run on " + join(skipped, ", ")));
  if (!skipped.empty() && !ctx.options.continue_on_error)
    error.hint("fix the failure and run again; --continue-on-error goes on with the other databases after a failure");
  else
    error.hint("fix the failure and run again; databases already migrated are left as they are");
  return error;
}

void add(CLI::App& app, CliContext& ctx, Action& action, Command command) {
  auto o = std::make_shared<MigrateOpts>();
  const char* help = command == Command::kUpgrade     ? "Apply revisions up to TARGET"
                     : command == Command::kDowngrade ? "Revert revisions down to TARGET"
                                                      : "Set the version table to TARGET without running migrations";
  auto* cmd = app.add_subcommand(command_name(command), help);
  auto* target = cmd->add_option(command == Command::kStamp ? "TARGETS" : "TARGET", o->targets,
                                 "heads, head, base, an id or unique prefix, +N, -N, REV+N, REV-N, LABEL@head, "
                                 "LABEL@base, LABEL@+N, LABEL@REV; FROM:TO with --sql" +
                                     std::string(command == Command::kStamp ? "; several heads may be stamped at once" : ""));
  target->required();
  if (command != Command::kStamp) target->expected(1);
  cmd->add_flag("--sql", o->sql, "Write the SQL to stdout instead of running it (offline)");
  cmd->add_option("--tag", o->tag, "A tag recorded in the history table (retort_history), the output and the offline script");
  if (command == Command::kStamp) cmd->add_flag("--purge", o->purge, "Delete every version row first, even unknown ones");
  if (command != Command::kStamp)
    cmd->add_option("--resume", o->resume,
                    "skip or rerun: whether the schema change a stopped run may have completed took effect, when "
                    "retort cannot tell from the schema (the error says which statement)")
        ->check(one_of({"skip", "rerun"}));
  cmd->callback([&ctx, &action, o, command] { action = [&ctx, o, command] { return run(ctx, command, *o); }; });
}

}  // namespace

void add_migrate_commands(CLI::App& app, CliContext& ctx, Action& action) {
  add(app, ctx, action, Command::kUpgrade);
  add(app, ctx, action, Command::kDowngrade);
  add(app, ctx, action, Command::kStamp);
}

}  // namespace retort::cli
