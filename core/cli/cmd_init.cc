#include "commands.h"
#include "option_values.h"
#include "script/project_template.h"

namespace retort::cli {

void add_init_command(CLI::App& app, CliContext& ctx, Action& action) {
  struct Opts {
    std::string dir = "migrations";
    std::string template_name = "generic";
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("init", "Create retort.toml and a revision folder in the current folder");
  cmd->add_option("DIR", o->dir, "Folder for the revisions (default: migrations)");
  cmd->add_option("--template,-t", o->template_name, "generic (one SQLite database) or multidb")
      ->check(one_of({"generic", "multidb"}));
  cmd->callback([&ctx, &action, o] {
    action = [&ctx, o]() -> Status {
      RETORT_TRY(init_project(".", o->dir, o->template_name));
      ctx.err << "Created retort.toml and " << o->dir << "/versions/ (" << o->template_name << " template)\n"
              << "Next: retort revision -m \"first revision\"\n";
      return Status();
    };
  });
}

}  // namespace retort::cli
