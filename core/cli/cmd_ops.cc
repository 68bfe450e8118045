// `retort ops [NAME] [--markdown]`: the operations a revision file may use, core and plugin-provided, with
// their fields; one in full; or the Markdown reference of docs/revision-files.md. Needs no config: the
// plugins are those of the plugin folders (and the config's plugin_paths when there is one).
#include "commands.h"

#include "ops/op_reference.h"
#include "util/strings.h"

namespace retort::cli {
namespace {

struct OpsOptions {
  std::string name;
  bool markdown = false;
};

Status ops_cmd(CliContext& ctx, const OpsOptions& o) {
  const PluginHost host = ctx.load_plugin_host();
  const OpCatalogue catalogue = catalogue_of(host);
  if (o.name.empty()) {
    ctx.out << (o.markdown ? operations_markdown(catalogue) : operations_listing(catalogue));
  } else if (const OpSpec* spec = catalogue.find(o.name)) {
    ctx.out << (o.markdown ? operation_markdown(*spec) : operation_text(*spec));
  } else {
    const std::string near = closest_match(o.name, catalogue.names());
    return Error("no operation named '" + o.name + "'")
        .hint((near.empty() ? std::string() : "did you mean '" + near + "'? ") + "`retort ops` lists every operation");
  }
  ctx.out << std::flush;
  // The operations of a plugin that failed to load are missing above: say so.
  Status loaded =
      host.problems_error(std::to_string(host.problems().size()) + " plugin(s) failed to load; their operations are not listed:");
  if (loaded.ok()) return loaded;
  return std::move(loaded).error().default_hint("fix or remove the broken plugin; `retort plugins` lists what was found");
}

}  // namespace

void add_ops_command(CLI::App& app, CliContext& ctx, Action& action) {
  auto o = std::make_shared<OpsOptions>();
  auto* cmd = app.add_subcommand("ops", "List the operations revision files may use, with their fields and who provides them");
  cmd->add_option("NAME", o->name, "Show this operation in full");
  cmd->add_flag("--markdown", o->markdown, "Print the reference as Markdown (the one in docs/revision-files.md)");
  cmd->callback([&ctx, &action, o] { action = [&ctx, o] { return ops_cmd(ctx, *o); }; });
}

}  // namespace retort::cli
