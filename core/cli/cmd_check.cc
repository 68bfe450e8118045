// `retort check`: everything a run would check, for every selected database, without touching any live
// database: every revision file parses and names known operations and fields, every [[upgrade_NAME]] names
// a configured database, every `branches` label exists, and the whole tree renders for each database's
// dialect, up from base and (as a warning only) back down. Where a database declares a schema, the tree
// replayed into scratch must give exactly that schema (Alembic's check). With --db, each live database is
// also compared with the tree replayed to its own version rows: what changed without a revision (drift);
// over a fleet, the databases without drift are counted by state and only those that drifted are named.
#include "commands.h"
#include "state_groups.h"

#include "graph/revision_query.h"
#include "runtime/database_selection.h"
#include "runtime/multi_database_run.h"
#include "schema/schema_comparison.h"
#include "schema/schema_drift.h"
#include "util/strings.h"

#include <algorithm>
#include <memory>
#include <sstream>

namespace retort::cli {
namespace {

struct CheckOptions {
  bool live = false;  // --db
};

// Each live database against the tree replayed to its own version rows: a problem per database that drifted.
// A fleet's databases without drift are noted in groups of the same state, not one line each.
void check_drift(const ComparisonContext& comparison, const std::vector<const DatabaseConfig*>& dbs,
                 ErrorList& problems, std::vector<std::string>& notes) {
  const bool grouped = reported_in_groups(dbs);
  StateGroups no_drift;
  for (const DatabaseConfig* db : dbs) {
    auto drift = compare_with_revisions(comparison, *db);
    if (!drift.ok()) {
      problems.add(std::move(drift).error().at("comparing database '" + db->name + "' with its revisions"));
      continue;
    }
    const std::string at = id_list(drift->at);
    const std::string behind = std::to_string(drift->pending) + (drift->pending == 1 ? " revision" : " revisions") +
                               " behind heads (retort upgrade heads runs them)";
    if (grouped && drift->diff.empty()) {
      no_drift.add("without drift at " + at + (drift->pending > 0 ? ", " + behind : std::string()), db->name);
      continue;
    }
    if (drift->pending > 0) notes.push_back("Database " + db->name + " is at " + at + ", " + behind);
    if (drift->diff.empty()) {
      notes.push_back("No drift in database " + db->name + ": it is what its revisions make it (at " + at + ")");
      continue;
    }
    problems.add(Error("the database is not what its revisions (at " + at +
                       ") make it; changed outside them, so to match them it would need:\n    " +
                       join(drift->diff.lines(), "\n    "))
                     .at("database '" + db->name + "'")
                     .hint("undo the change by hand, or keep it: declare it, write a revision for it "
                           "(retort revision --autogenerate) and retort stamp the database to that revision"));
  }
  for (const auto& line : no_drift.lines()) notes.push_back(line);
}

// "main (sqlite), legacy (mysql)", or for many "10000 databases (sqlite)". By count alone: the offline check
// takes a fleet as one definition, which is worth naming.
std::string checked_databases(const std::vector<const DatabaseConfig*>& dbs) {
  std::vector<std::string> names;
  if (dbs.size() <= kListEachUpTo) {
    for (const DatabaseConfig* db : dbs) names.push_back(db->name + " (" + db->url.dialect + ")");
    return join(names, ", ");
  }
  std::vector<std::string> dialects;
  for (const DatabaseConfig* db : dbs)
    if (std::find(dialects.begin(), dialects.end(), db->url.dialect) == dialects.end()) dialects.push_back(db->url.dialect);
  return databases_count(dbs.size()) + " (" + join(dialects, ", ") + ")";
}

Status check_cmd(CliContext& ctx, const CheckOptions& check) {
  // Offline, a fleet's members differ only in their names: the fleet is checked once, without its source.
  RETORT_ASSIGN_OR_RETURN(auto dbs, check.live ? ctx.databases() : ctx.database_definitions());
  RETORT_ASSIGN_OR_RETURN(const PluginHost* plugins, ctx.plugins());
  RETORT_ASSIGN_OR_RETURN(const OpCatalogue* catalogue, ctx.catalogue());
  RETORT_ASSIGN_OR_RETURN(const CheckedScripts* scripts, ctx.checked_scripts());
  // The offline scripts a run would write, rendered for every database and thrown away.
  RunOptions options = ctx.run_options();
  options.check_only = true;
  MultiDatabaseRun runs(*scripts, *plugins, *catalogue, options, MultiRunOptions{1, true});
  std::ostringstream discard;
  const RunOutput silent{discard, discard, true, false};
  MigrationRequest up_request;
  up_request.targets = {"heads"};
  MigrationRequest down_request;
  down_request.command = MigrationRequest::Command::kDowngrade;
  down_request.targets = {"base"};
  down_request.from_heads = true;
  RETORT_ASSIGN_OR_RETURN(auto up, runs.write_sql(dbs, up_request, silent));
  RETORT_ASSIGN_OR_RETURN(auto down, runs.write_sql(dbs, down_request, silent));
  ErrorList problems;
  for (size_t i = 0; i < dbs.size(); ++i) {
    if (up[i].error) {
      problems.add(*up[i].error);
    } else if (down[i].error && !ctx.options.quiet) {
      ctx.err << "warning: " << down[i].error->to_string()
              << "\n  note: upgrades are fine; only a downgrade this far is refused\n";
    }
  }
  // Where a database declares its schema, the tree must give exactly that (Alembic's `check`); only once
  // every file is valid, since a broken tree cannot be replayed.
  std::vector<std::string> notes;
  if (problems.empty()) {
    const ComparisonContext comparison{*scripts, *plugins, *catalogue, ctx.run_options()};
    if (check.live) {
      ctx.note_new_sqlite_files(dbs);
      check_drift(comparison, dbs, problems, notes);
    }
    for (const DatabaseConfig* db : dbs) {
      if (db->schema_files.empty()) continue;
      auto c = compare_schema(comparison, *db, CompareWith::kTreeHeads, DiffOptions{true});
      if (!c.ok()) {
        problems.add(std::move(c).error());
        continue;
      }
      if (c->diff.empty()) continue;
      problems.add(Error("the revision tree does not give the declared schema; new upgrade operations would:\n    " +
                         join(c->diff.lines(), "\n    "))
                       .at("database '" + db->name + "'")
                       .hint("run retort revision --autogenerate -m \"...\" (with --allow-destructive for drops)"));
    }
  }
  if (!problems.empty()) return problems.combined(std::to_string(problems.errors().size()) + " of " +
                                                  std::to_string(dbs.size()) + " databases have problems:");
  ctx.out << "No problems found: " << scripts->map().size() << " revisions checked for " << checked_databases(dbs) << "\n";
  for (const DatabaseConfig* db : dbs)
    if (!db->schema_files.empty()) ctx.out << "No changes in schema detected for database " << db->name << "\n";
  for (const auto& note : notes) ctx.out << note << "\n";
  return Status();
}

}  // namespace

void add_check_command(CLI::App& app, CliContext& ctx, Action& action) {
  auto* cmd = app.add_subcommand(
      "check", "Check every revision file for each database's dialect, and that the tree gives the declared schema");
  auto options = std::make_shared<CheckOptions>();
  cmd->add_flag("--db", options->live,
                "Also compare each live database with the tree replayed to its own version rows (drift)");
  cmd->callback([&ctx, &action, options] { action = [&ctx, options] { return check_cmd(ctx, *options); }; });
}

}  // namespace retort::cli
