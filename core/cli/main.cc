// The retort command line: parses the global options and the subcommand, runs it, and turns its Status
// into a message and an exit code (0 success, 1 failure, 2 bad command line).
#include "cli_context.h"
#include "command_examples.h"
#include "command_line_errors.h"
#include "commands.h"
#include "option_values.h"

#include <CLI/CLI.hpp>

#include "config/shard.h"
#include "config/x_arguments.h"
#include "util/interrupt_cleanup.h"

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
      ->check(whole_number(1, 64));
  app.add_option("--report", ctx.options.report,
                 "Write every database's outcome, revisions and time to FILE as JSON (upgrade, downgrade, stamp)")
      ->type_name("FILE");
  app.add_flag("--continue-on-error", ctx.options.continue_on_error,
               "After a database fails, go on with the other databases (always on for fleet members)");
  app.add_option("--precheck", ctx.options.precheck,
                 "all: check every database before changing any (the default up to " +
                     std::to_string(retort::kPrecheckAllUpTo) + " databases); each: check each right before it runs")
      ->check(CLI::IsMember({"all", "each"}));
  app.add_option("--shard", ctx.options.shard,
                 "I/N: only the databases in part I of N (0 <= I < N), by a stable hash of each name")
      ->check(CLI::Validator(
          [](const std::string& v) -> std::string {
            auto shard = retort::parse_shard(v);
            return shard.ok() ? "" : shard.error().message().substr(sizeof("--shard: ") - 1);
          },
          "I/N"));
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
  add_ops_command(app, ctx, action);
  attach_examples(app);

  // A bad command line is said in retort's words, never CLI11's, and exits with 2.
  if (auto unknown = unknown_word(app, std::vector<std::string>(argv + 1, argv + argc))) {
    std::cerr << "error: " << unknown->to_string() << "\n";
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "error: " << command_line_error(app, e).to_string() << "\n";
    return 2;
  }
  if (!action) {  // every command sets one; a parse that chose none is a bad command line
    std::cerr << "error: retort needs a command\n  hint: `retort --help` lists them\n";
    return 2;
  }
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
