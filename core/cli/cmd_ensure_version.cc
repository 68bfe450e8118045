// `retort ensure_version` (Alembic's command): the version and history tables of every selected database,
// created where missing; nothing else changes, and a second run changes nothing.
#include "commands.h"

#include "runtime/ensure_version.h"
#include "util/strings.h"

namespace retort::cli {
namespace {

Status ensure_version_cmd(CliContext& ctx) {
  RETORT_ASSIGN_OR_RETURN(auto dbs, ctx.databases());
  RETORT_ASSIGN_OR_RETURN(const PluginHost* plugins, ctx.plugins());
  RETORT_ASSIGN_OR_RETURN(const OpCatalogue* catalogue, ctx.catalogue());
  const RunOptions options = ctx.run_options();
  ctx.note_new_sqlite_files(dbs);
  ErrorList failures;
  // One database that cannot be reached does not keep the others from their tables.
  for (const DatabaseConfig* c : dbs) {
    auto ensured = [&]() -> Result<EnsuredTables> {
      RETORT_ASSIGN_OR_RETURN(Database db, Database::connect(*plugins, *c));
      return ensure_version_tables(db, *catalogue, options.lock_timeout_seconds, ctx.options.quiet ? nullptr : &ctx.err);
    }();
    if (!ensured.ok()) {
      failures.add(std::move(ensured).error().at("database '" + c->name + "'"));
      continue;
    }
    if (ensured->adoption_warning) ctx.warning(*ensured->adoption_warning);
    if (ctx.options.quiet) continue;
    if (!ensured->created.empty())
      ctx.err << "Created " << join(ensured->created, " and ") << " in database '" << c->name << "'\n";
    if (!ensured->existed.empty())
      ctx.err << join(ensured->existed, " and ") << (ensured->existed.size() == 1 ? " exists" : " exist")
              << " already in database '" << c->name << "'\n";
  }
  if (failures.empty()) return Status();
  return failures.combined("ensure_version failed on " + std::to_string(failures.errors().size()) + " databases:");
}

}  // namespace

void add_ensure_version_command(CLI::App& app, CliContext& ctx, Action& action) {
  auto* cmd = app.add_subcommand("ensure_version",
                                 "Create the version and history tables where they are missing (nothing else)");
  cmd->callback([&ctx, &action] { action = [&ctx] { return ensure_version_cmd(ctx); }; });
}

}  // namespace retort::cli
