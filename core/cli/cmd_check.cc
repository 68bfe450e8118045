// `retort check`: everything a run would check, for every selected database, without connecting to any:
// every revision file parses and names known operations and fields, every [[upgrade_NAME]] names a
// configured database, every `branches` label exists, and the whole tree renders for each database's
// dialect, up from base and (as a warning only) back down.
#include "commands.h"

#include "ops/revision_ops.h"
#include "runtime/database.h"

#include <sstream>

namespace retort::cli {
namespace {

Status render_offline(CliContext& ctx, const DatabaseConfig& config, const MigrationRequest& request) {
  RETORT_ASSIGN_OR_RETURN(const ScriptDirectory* scripts, ctx.scripts_with_documents());
  RETORT_ASSIGN_OR_RETURN(const PluginHost* plugins, ctx.plugins());
  RETORT_ASSIGN_OR_RETURN(const OpCatalogue* catalogue, ctx.catalogue());
  RETORT_ASSIGN_OR_RETURN(Database db, Database::offline(*plugins, config));
  std::ostringstream discard;
  MigrationRunner runner(*scripts, db, *catalogue, ctx.run_options(), RunOutput{discard, discard, true, false});
  return runner.write_sql(request);
}

Status check_cmd(CliContext& ctx) {
  RETORT_ASSIGN_OR_RETURN(const ScriptDirectory* scripts, ctx.scripts_with_documents());
  RETORT_ASSIGN_OR_RETURN(auto dbs, ctx.databases());
  RETORT_ASSIGN_OR_RETURN(Target heads, parse_target("heads"));
  RETORT_ASSIGN_OR_RETURN(Target base, parse_target("base"));
  RETORT_ASSIGN_OR_RETURN(const OpCatalogue* catalogue, ctx.catalogue());
  RETORT_TRY(check_revision_files(*scripts, *catalogue, ctx.run_options().database_names));
  ErrorList problems;
  for (const DatabaseConfig* db : dbs) {
    MigrationRequest up{MigrationRequest::Command::kUpgrade, heads, std::nullopt, false};
    Status st = render_offline(ctx, *db, up);
    if (!st.ok()) {
      problems.add(std::move(st).error());
      continue;
    }
    MigrationRequest down{MigrationRequest::Command::kDowngrade, base, heads, false};
    Status back = render_offline(ctx, *db, down);
    if (!back.ok() && !ctx.options.quiet)
      ctx.err << "warning: " << back.error().to_string() << "\n  (upgrades are fine; only a downgrade this far is refused)\n";
  }
  if (!problems.empty()) return problems.combined(std::to_string(problems.errors().size()) + " of " +
                                                  std::to_string(dbs.size()) + " databases have problems:");
  std::vector<std::string> names;
  for (const DatabaseConfig* db : dbs) names.push_back(db->name + " (" + db->url.dialect + ")");
  ctx.out << "No problems found: " << scripts->map().size() << " revisions checked for ";
  for (size_t k = 0; k < names.size(); ++k) ctx.out << (k ? ", " : "") << names[k];
  ctx.out << "\n";
  return Status();
}

}  // namespace

void add_check_command(CLI::App& app, CliContext& ctx, Action& action) {
  auto* cmd = app.add_subcommand(
      "check", "Check every revision file against the config and each database's dialect, without connecting");
  cmd->callback([&ctx, &action] { action = [&ctx] { return check_cmd(ctx); }; });
}

}  // namespace retort::cli
