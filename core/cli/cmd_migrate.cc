#include "commands.h"
#include "option_values.h"
#include "outcome_tally.h"
#include "progress_line.h"
#include "run_summary.h"

#include "graph/revision_query.h"
#include "runtime/multi_database_run.h"
#include "runtime/outcome_report.h"
#include "util/strings.h"

#include <algorithm>
#include <optional>

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

// Writes --report FILE as outcomes arrive. A report that cannot be written stops being written (the
// run goes on: the databases matter more) and fails the command at the end.
class ReportSink {
 public:
  Status open(const std::string& path) {
    if (path.empty()) return Status();
    RETORT_ASSIGN_OR_RETURN(OutcomeReport r, OutcomeReport::create(path));
    report_.emplace(std::move(r));
    return Status();
  }
  void add(const DatabaseOutcome& outcome) {
    if (report_ && problem_.ok()) problem_ = report_->add(outcome);
  }
  // Every database as failed with `error`: the command stopped before running any of them.
  void fail_all(const std::vector<const DatabaseConfig*>& dbs, const Error& error) {
    for (const DatabaseConfig* db : dbs)
      if (report_ && problem_.ok()) problem_ = report_->add_failed(*db, error);
  }
  Status finish() {
    if (!report_) return Status();
    if (problem_.ok()) problem_ = report_->finish();
    report_.reset();
    return problem_;
  }

 private:
  std::optional<OutcomeReport> report_;
  Status problem_;
};

// The error a command over several databases ends with when not every one is done.
Error run_error(const char* name, const std::vector<DatabaseOutcome>& outcomes, bool grouped, bool continue_on_error) {
  std::vector<std::string> failed, skipped;
  for (const auto& outcome : outcomes) {
    if (outcome.state == DatabaseOutcome::State::kFailed) failed.push_back(outcome.database->name);
    if (outcome.state == DatabaseOutcome::State::kSkipped) skipped.push_back(outcome.database->name);
  }
  Error error = [&] {
    if (!grouped)
      return Error(std::string(name) + " failed on " + join(failed, ", ") +
                   (skipped.empty() ? "" : "; not run on " + join(skipped, ", ")));
    // A fleet's failures are listed in the summary above (and the report), not again here.
    return Error(std::string(name) + " failed on " + std::to_string(failed.size()) + " of " +
                 std::to_string(outcomes.size()) + " databases" +
                 (skipped.empty() ? "" : "; " + std::to_string(skipped.size()) + " not run"));
  }();
  if (!skipped.empty() && !continue_on_error)
    error.hint("fix the failure and run again; --continue-on-error goes on with the other databases after a failure");
  else
    error.hint("fix the failure and run again; databases already migrated are left as they are");
  return error;
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
  ReportSink report;
  RETORT_TRY(report.open(ctx.options.report));
  if (dbs.empty()) return report.finish();  // an empty fleet or shard (CliContext said which): nothing to do
  // From here on every selected database gets its entry in the report, even when the run cannot start.
  auto stopped = [&](Error error) -> Status {
    report.fail_all(dbs, error);
    Status finished = report.finish();
    if (!finished.ok()) ctx.err << "error: " << finished.error().to_string() << "\n";
    return error;
  };
  auto plugins = ctx.plugins();
  if (!plugins.ok()) return stopped(std::move(plugins).error());
  auto catalogue = ctx.catalogue();
  if (!catalogue.ok()) return stopped(std::move(catalogue).error());
  auto scripts = ctx.checked_scripts();
  if (!scripts.ok()) return stopped(std::move(scripts).error());
  RunOptions run_options = ctx.run_options();
  run_options.tag = o.tag;
  if (!o.resume.empty()) {
    if (o.sql) return stopped(Error("--resume is for a run against the database, not an offline script").hint("leave out --resume or --sql"));
    run_options.resume = o.resume == "skip" ? UncertainStatement::kSkip : UncertainStatement::kRerun;
  }
  if (!o.tag.empty() && !ctx.options.quiet) ctx.err << "tag: " << o.tag << "\n";

  if (!o.sql) ctx.note_new_sqlite_files(dbs);
  const MultiRunOptions options = ctx.multi_run_options();
  MultiDatabaseRun runs(**scripts, **plugins, **catalogue, run_options, options);
  const bool several = dbs.size() > 1;
  const bool grouped = reported_in_groups(dbs);
  ProgressLine progress(ctx.err, several && !ctx.options.quiet && is_terminal_stderr(ctx.err), dbs.size());
  const RunOutput output{ctx.out, progress, ctx.options.quiet, ctx.options.verbose};
  OutcomeTally tally;
  // With several databases each failure is printed as it happens (a fleet's first few, or all with -v),
  // and the summary says what became of each.
  auto on_outcome = [&](const DatabaseOutcome& outcome) {
    progress.finished(outcome.state);
    report.add(outcome);
    tally.add(outcome);
    if (several && outcome.error && (!grouped || ctx.options.verbose || tally.failed <= kListedFailures))
      progress << "error: " << outcome.error->to_string() << "\n" << std::flush;
  };
  auto on_start = [&](const DatabaseConfig&) { progress.started(); };
  auto ran = o.sql ? runs.write_sql(dbs, request, output, on_outcome, on_start)
                   : runs.run(dbs, request, output, on_outcome, on_start);
  progress.clear();
  if (!ran.ok()) return stopped(std::move(ran).error());
  const std::vector<DatabaseOutcome>& outcomes = *ran;
  Status reported = report.finish();
  if (!several) {
    if (!outcomes.front().error) return reported;
    if (!reported.ok()) ctx.err << "error: " << reported.error().to_string() << "\n";
    return *outcomes.front().error;
  }
  if (!ctx.options.quiet || !all_done(outcomes)) {
    const SummaryHeading heading{command, o.sql, effective_precheck(options.precheck, dbs), ctx.options.report};
    if (grouped)
      print_grouped_summary(ctx.err, heading, tally);
    else
      print_summary(ctx.err, heading, outcomes);
  }
  if (!all_done(outcomes)) {
    if (!reported.ok()) ctx.err << "error: " << reported.error().to_string() << "\n";
    return run_error(name, outcomes, grouped, effective_continue_on_error(options.continue_on_error, dbs));
  }
  return reported;
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
