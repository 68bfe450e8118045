// The retort command line: parses the global options and the subcommand, runs it, and turns its Status
// into a message and an exit code (0 success, 1 failure, 2 bad command line).
#include "cli_context.h"
#include "commands.h"

#include <CLI/CLI.hpp>

#include "config/x_arguments.h"
#include "util/interrupt_cleanup.h"
#include "util/strings.h"

#include <algorithm>
#include <iostream>

int main(int argc, char** argv) {
  using namespace retort::cli;
  retort::install_interrupt_cleanup();
  // Freeing a 10,000-revision tree at exit costs more than listing it did, and the system takes the memory
  // back at once: the context lives until the process ends (reachable, so leak checkers stay quiet).
  static CliContext& ctx = *new CliContext(std::cout, std::cerr);
  Action action;

  CLI::App app{"retort: schema migrations for PostgreSQL, MySQL/MariaDB, SQLite and ODBC databases", "retort"};
  app.set_version_flag("--version", "retort 0.1.0");
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option("-c,--config", ctx.options.config_path, "Config file (default: $RETORT_CONFIG or ./retort.toml)");
  app.add_option("--engine", ctx.options.engines, "Database to act on (repeatable, or comma-separated)");
  app.add_option("--url", ctx.options.url, "Use this URL for the selected database");
  app.add_option("-x", ctx.options.x_args, "KEY=VALUE, available as ${KEY} in the config")
      ->check(CLI::Validator([](const std::string& kv) { return retort::x_argument_problem(kv); }, "KEY=VALUE"));
  app.add_option("-j,--jobs", ctx.options.jobs, "Databases to migrate at the same time (default 1)")
      ->check(CLI::Range(1, 64));
  app.add_flag("--continue-on-error", ctx.options.continue_on_error,
               "After a database fails, go on with the other databases");
  app.add_option("--precheck", ctx.options.precheck,
                 "all: check every database before changing any (the default up to " +
                     std::to_string(retort::kPrecheckAllUpTo) + " databases); each: check each right before it runs")
      ->check(CLI::IsMember({"all", "each"}));
  auto* quiet = app.add_flag("-q,--quiet", ctx.options.quiet, "Print only results and errors");
  app.add_flag("-v,--verbose", ctx.options.verbose, "Also print every statement run, and how long each revision took")->excludes(quiet);

  add_init_command(app, ctx, action);
  add_revision_commands(app, ctx, action);
  add_migrate_commands(app, ctx, action);
  add_inspect_commands(app, ctx, action);
  add_check_command(app, ctx, action);
  add_plugins_command(app, ctx, action);
  add_schema_command(app, ctx, action);
  add_validate_commands(app, ctx, action);
  add_edit_command(app, ctx, action);
  add_ensure_version_command(app, ctx, action);

  // Name an unknown command (CLI11 would only say that a subcommand is required).
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-c" || arg == "--config" || arg == "--engine" || arg == "--url" || arg == "-x" || arg == "-j" ||
        arg == "--jobs") {
      ++i;
      continue;
    }
    if (arg.empty() || arg[0] == '-') continue;
    std::vector<std::string> names;
    for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(sub->get_name());
    if (std::find(names.begin(), names.end(), arg) == names.end()) {
      std::string near = retort::closest_match(arg, names);
      std::cerr << "error: unknown command '" << arg << "'"
                << (near.empty() ? "" : "; did you mean '" + near + "'?") << "\n"
                << "  commands: " << retort::join(names, ", ") << "\n";
      return 2;
    }
    break;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (!action) return 2;
  try {
    retort::Status st = action();
    if (!st.ok()) {
      std::cerr << "error: " << st.error().to_string() << "\n";
      return 1;
    }
  } catch (const std::exception& e) {
    // Nothing inside is meant to throw; if something does, say so plainly instead of aborting.
    std::cerr << "error: internal failure: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
