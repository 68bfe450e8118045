// `retort schema inspect [--out FILE]`: a live database written as a schema file, the way to adopt retort
// on an existing database (declare what is there, then autogenerate the baseline revision).
#include "commands.h"

#include "schema/schema_inspection.h"
#include "schema/schema_writer.h"

#include <fstream>

namespace retort::cli {
namespace {

Status inspect_cmd(CliContext& ctx, const std::string& out_file) {
  RETORT_ASSIGN_OR_RETURN(auto dbs, ctx.databases());
  RETORT_ASSIGN_OR_RETURN(const PluginHost* plugins, ctx.plugins());
  if (!out_file.empty() && dbs.size() > 1)
    return Error("--out writes the schema of one database, and " + std::to_string(dbs.size()) + " are selected")
        .hint("pick one with --engine NAME");
  ctx.note_new_sqlite_files(dbs);
  for (const DatabaseConfig* config : dbs) {
    RETORT_ASSIGN_OR_RETURN(Database db, Database::connect(*plugins, *config));
    RETORT_ASSIGN_OR_RETURN(SchemaDocument doc, inspect_database(db));
    const std::string text = canonical_schema_text(doc);
    if (out_file.empty()) {
      if (dbs.size() > 1 && !ctx.options.quiet) ctx.err << "== database " << config->name << "\n" << std::flush;
      ctx.out << text << std::flush;
      continue;
    }
    std::ofstream file(out_file, std::ios::binary | std::ios::trunc);
    file << text;
    file.close();
    if (!file) return Error("cannot write " + out_file).hint("check that its folder exists and is writable");
    if (!ctx.options.quiet)
      ctx.err << "Wrote the schema of database '" << config->name << "' (" << doc.tables.size() << " tables) to "
              << out_file << "\n";
  }
  return Status();
}

}  // namespace

void add_schema_command(CLI::App& app, CliContext& ctx, Action& action) {
  auto* schema = app.add_subcommand("schema", "Work with declared schemas (see docs/schema-files.md)");
  schema->require_subcommand(1);
  auto* inspect = schema->add_subcommand("inspect", "Print a live database's schema as a schema file");
  auto out_file = std::make_shared<std::string>();
  inspect->add_option("--out", *out_file, "Write it to this file instead of stdout");
  inspect->callback([&ctx, &action, out_file] { action = [&ctx, out_file] { return inspect_cmd(ctx, *out_file); }; });
}

}  // namespace retort::cli
