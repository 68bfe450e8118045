#include "commands.h"

#include "plugin/host_api.h"
#include "util/strings.h"

namespace retort::cli {
namespace {

Status plugins_cmd(CliContext& ctx) {
  PluginHost host = ctx.load_plugin_host();
  for (const auto& p : host.plugins()) {
    ctx.out << p.name << " " << p.version << " (ABI " << p.abi_major << "." << p.abi_minor << ")"
            << (p.description.empty() ? "" : ": " + p.description) << "\n";
    ctx.out << "    path: " << p.path << "\n";
    for (const auto* d : p.dialects) {
      const std::string family = dialect_family(d);
      ctx.out << "    dialect: " << d->name << (d->aliases ? std::string(" (also ") + d->aliases + ")" : "")
              << (family != d->name ? " (speaks " + family + ")" : "") << "\n";
    }
    for (const auto* d : p.drivers)
      ctx.out << "    driver: " << d->name << (d->default_for ? std::string(" (default for ") + d->default_for + ")" : "")
              << "\n";
    for (const auto* o : p.operations) ctx.out << "    operation: " << o->name << "\n";
  }
  if (host.plugins().empty()) ctx.out << "no plugins loaded\n";
  std::vector<std::string> searched;
  for (const auto& s : host.searched()) searched.push_back(s.string());
  if (!ctx.options.quiet) ctx.err << "searched: " << (searched.empty() ? "(no plugin folders exist)" : join(searched, ", ")) << "\n";
  return host.problems_error(std::to_string(host.problems().size()) + " plugin(s) failed to load:");
}

}  // namespace

void add_plugins_command(CLI::App& app, CliContext& ctx, Action& action) {
  auto* cmd = app.add_subcommand("plugins", "List the loaded plugins, where they came from, and their versions");
  cmd->callback([&ctx, &action] { action = [&ctx] { return plugins_cmd(ctx); }; });
}

}  // namespace retort::cli
