#include "commands.h"

#include "util/strings.h"

namespace retort::cli {
namespace {

struct MigrateOpts {
  std::string target;
  bool sql = false;
  bool purge = false;
  std::string tag;
};

enum class Kind { kUpgrade, kDowngrade, kStamp };

// "FROM:TO" for offline runs; FROM may be empty (base).
Result<std::pair<std::optional<Target>, Target>> parse_range(const std::string& text) {
  auto colon = text.find(':');
  std::optional<Target> from;
  std::string to_text = text;
  if (colon != std::string::npos) {
    std::string from_text = text.substr(0, colon);
    to_text = text.substr(colon + 1);
    if (!from_text.empty()) {
      RETORT_ASSIGN_OR_RETURN(Target f, parse_target(from_text));
      from = f;
    }
  }
  RETORT_ASSIGN_OR_RETURN(Target to, parse_target(to_text));
  return std::make_pair(from, to);
}

Status run(CliContext& ctx, Kind kind, const MigrateOpts& o) {
  const char* name = kind == Kind::kUpgrade ? "upgrade" : kind == Kind::kDowngrade ? "downgrade" : "stamp";
  const bool ranged = o.target.find(':') != std::string::npos;
  if (ranged && !o.sql)
    return Error(std::string("a FROM:TO range is only for offline scripts")).hint(std::string("use `retort ") + name + " " + o.target + " --sql`");
  if (kind == Kind::kDowngrade && o.sql && !ranged)
    return Error("downgrade --sql needs to know where the database is").hint("give a range: retort downgrade FROM:TO --sql");
  RETORT_ASSIGN_OR_RETURN(auto range, parse_range(o.target));
  RETORT_ASSIGN_OR_RETURN(const ScriptDirectory* scripts, ctx.scripts_with_documents());
  RETORT_ASSIGN_OR_RETURN(auto dbs, ctx.databases());
  RETORT_ASSIGN_OR_RETURN(const PluginHost* plugins, ctx.plugins());
  RETORT_ASSIGN_OR_RETURN(const OpCatalogue* catalogue, ctx.catalogue());
  RunOptions run_options = ctx.run_options();
  run_options.tag = o.tag;
  if (!o.tag.empty() && !ctx.options.quiet) ctx.err << "tag: " << o.tag << "\n";

  for (const DatabaseConfig* db_config : dbs) {
    ctx.database_heading(*db_config, dbs.size());
    if (o.sql) {
      if (dbs.size() > 1) ctx.out << "-- database: " << db_config->name << " (" << db_config->url.masked() << ")\n\n";
      RETORT_ASSIGN_OR_RETURN(Database db, Database::offline(*plugins, *db_config));
      MigrationRunner runner(*scripts, db, *catalogue, run_options, ctx.run_output());
      Status st = kind == Kind::kUpgrade     ? runner.upgrade_sql(range.first, range.second)
                  : kind == Kind::kDowngrade ? runner.downgrade_sql(*range.first, range.second)
                                             : runner.stamp_sql(range.first, range.second, o.purge);
      RETORT_TRY(st);
      continue;
    }
    RETORT_ASSIGN_OR_RETURN(Database db, Database::connect(*plugins, *db_config));
    MigrationRunner runner(*scripts, db, *catalogue, run_options, ctx.run_output());
    Status st = kind == Kind::kUpgrade     ? runner.upgrade(range.second)
                : kind == Kind::kDowngrade ? runner.downgrade(range.second)
                                           : runner.stamp(range.second, o.purge);
    RETORT_TRY(st);
  }
  return Status();
}

void add(CLI::App& app, CliContext& ctx, Action& action, Kind kind) {
  auto o = std::make_shared<MigrateOpts>();
  const char* name = kind == Kind::kUpgrade ? "upgrade" : kind == Kind::kDowngrade ? "downgrade" : "stamp";
  const char* help = kind == Kind::kUpgrade     ? "Apply revisions up to TARGET"
                     : kind == Kind::kDowngrade ? "Revert revisions down to TARGET"
                                                : "Set the version table to TARGET without running migrations";
  auto* cmd = app.add_subcommand(name, help);
  cmd->add_option("TARGET", o->target,
                  "heads, head, base, an id or unique prefix, +N, -N, REV+N, REV-N, LABEL@head, LABEL@base, "
                  "LABEL@+N; FROM:TO with --sql")
      ->required();
  cmd->add_flag("--sql", o->sql, "Write the SQL to stdout instead of running it (offline)");
  if (kind == Kind::kUpgrade) cmd->add_option("--tag", o->tag, "A tag recorded in the output and the offline script");
  if (kind == Kind::kStamp) cmd->add_flag("--purge", o->purge, "Delete every version row first, even unknown ones");
  cmd->callback([&ctx, &action, o, kind] { action = [&ctx, o, kind] { return run(ctx, kind, *o); }; });
}

}  // namespace

void add_migrate_commands(CLI::App& app, CliContext& ctx, Action& action) {
  add(app, ctx, action, Kind::kUpgrade);
  add(app, ctx, action, Kind::kDowngrade);
  add(app, ctx, action, Kind::kStamp);
}

}  // namespace retort::cli
