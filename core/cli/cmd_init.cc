// `retort init` and `retort list_templates`: a new project from one of the templates, and the templates.
#include "commands.h"
#include "option_values.h"
#include "script/project_template.h"

namespace retort::cli {
namespace {

// As Alembic's list_templates: one line per template, then how to use one.
Status list_templates(CliContext& ctx) {
  ctx.out << "Available templates:\n\n";
  for (const auto& t : project_templates()) ctx.out << t.name << " - " << t.description << "\n";
  ctx.out << "\nTemplates are used via the 'init' command, e.g.:\n\n  retort init --template generic migrations\n";
  return Status();
}

}  // namespace

void add_init_command(CLI::App& app, CliContext& ctx, Action& action) {
  struct Opts {
    std::string dir = "migrations";
    std::string template_name = "generic";
  };
  auto o = std::make_shared<Opts>();
  std::vector<std::string> names;
  for (const auto& t : project_templates()) names.push_back(t.name);
  auto* cmd = app.add_subcommand("init", "Create retort.toml and a revision folder in the current folder");
  cmd->add_option("DIR", o->dir, "Folder for the revisions (default: migrations)");
  cmd->add_option("--template,-t", o->template_name, "generic (one SQLite database) or multidb (`retort list_templates`)")
      ->check(one_of(names));
  cmd->callback([&ctx, &action, o] {
    action = [&ctx, o]() -> Status {
      RETORT_TRY(init_project(".", o->dir, o->template_name));
      ctx.err << "Created retort.toml and " << o->dir << "/versions/ (" << o->template_name << " template)\n"
              << "Next: retort revision -m \"first revision\"\n";
      return Status();
    };
  });

  auto* list = app.add_subcommand("list_templates", "List the templates `retort init --template` can start a project from");
  list->callback([&ctx, &action] { action = [&ctx] { return list_templates(ctx); }; });
}

}  // namespace retort::cli
