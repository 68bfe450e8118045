// The subcommands of the retort program. Each add_* function registers its subcommands on `app`; the
// one the user picks stores its work in `action`, which main() runs after parsing.
#pragma once

#include "cli_context.h"

#include <CLI/CLI.hpp>

#include <functional>

namespace retort::cli {

using Action = std::function<Status()>;

void add_init_command(CLI::App& app, CliContext& ctx, Action& action);  // init, list_templates
void add_revision_commands(CLI::App& app, CliContext& ctx, Action& action);  // revision, merge
void add_migrate_commands(CLI::App& app, CliContext& ctx, Action& action);   // upgrade, downgrade, stamp
void add_inspect_commands(CLI::App& app, CliContext& ctx, Action& action);   // current, history, heads, branches, show
void add_check_command(CLI::App& app, CliContext& ctx, Action& action);
void add_plugins_command(CLI::App& app, CliContext& ctx, Action& action);
void add_schema_command(CLI::App& app, CliContext& ctx, Action& action);     // schema inspect
void add_validate_commands(CLI::App& app, CliContext& ctx, Action& action);  // validate, repair
void add_edit_command(CLI::App& app, CliContext& ctx, Action& action);
void add_ensure_version_command(CLI::App& app, CliContext& ctx, Action& action);
void add_ops_command(CLI::App& app, CliContext& ctx, Action& action);

}  // namespace retort::cli
