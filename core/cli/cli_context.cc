#include "cli_context.h"

#include "config/sqlite_file.h"
#include "config/x_arguments.h"
#include "runtime/check_key.h"
#include "util/strings.h"

namespace retort::cli {
namespace {

ScriptDirectory::Subfolders subfolders(const Config& c) {
  return c.recursive_version_locations ? ScriptDirectory::Subfolders::kRead : ScriptDirectory::Subfolders::kWarn;
}

}  // namespace

Result<const Config*> CliContext::config() {
  if (config_) return &*config_;
  RETORT_ASSIGN_OR_RETURN(XArguments x, XArguments::parse(options.x_args));
  RETORT_ASSIGN_OR_RETURN(Config c, load_config(locate_config(options.config_path), environment_lookup(x.lookup())));
  config_ = std::move(c);
  return &*config_;
}

Result<const ScriptDirectory*> CliContext::scripts() {
  if (scripts_) return &*scripts_;
  RETORT_ASSIGN_OR_RETURN(const Config* c, config());
  RETORT_ASSIGN_OR_RETURN(ScriptDirectory s, ScriptDirectory::load(c->version_locations, subfolders(*c)));
  for (const auto& w : s.warnings()) warning(w);
  scripts_ = std::move(s);
  return &*scripts_;
}

Result<const CheckedScripts*> CliContext::checked_scripts() {
  if (checked_) return &*checked_;
  RETORT_ASSIGN_OR_RETURN(const ScriptDirectory* scripts, this->scripts());
  RETORT_ASSIGN_OR_RETURN(const OpCatalogue* ops, catalogue());
  RETORT_ASSIGN_OR_RETURN(const PluginHost* host, plugins());
  RETORT_ASSIGN_OR_RETURN(const Config* c, config());
  const std::vector<std::string> names = c->database_names();
  RETORT_ASSIGN_OR_RETURN(CheckedScripts checked,
                          CheckedScripts::check(*scripts, *ops, names, revision_check_key(*ops, host->plugins(), names)));
  checked_.emplace(std::move(checked));
  return &*checked_;
}

PluginHost CliContext::load_plugin_host() {
  std::vector<std::filesystem::path> extra;
  if (auto c = config(); c.ok()) extra = (*c)->plugin_paths;
  PluginHost host;
  host.reserve_operation_names(OpCatalogue::core().names());
  host.load_folders(default_plugin_folders(extra));
  return host;
}

Result<const PluginHost*> CliContext::plugins() {
  if (plugins_) return &*plugins_;
  plugins_ = load_plugin_host();
  Status loaded = plugins_->problems_error("plugins failed to load:");
  if (!loaded.ok())
    return std::move(loaded).error().default_hint("fix or remove the broken plugin; `retort plugins` lists what was found");
  return &*plugins_;
}

Result<const OpCatalogue*> CliContext::catalogue() {
  if (catalogue_) return &*catalogue_;
  RETORT_ASSIGN_OR_RETURN(const PluginHost* host, plugins());
  catalogue_ = catalogue_of(*host);
  return &*catalogue_;
}

Result<std::vector<const DatabaseConfig*>> CliContext::databases() {
  RETORT_ASSIGN_OR_RETURN(const Config* c, config());
  if (c->databases.empty())
    return Error("no database is configured in " + c->path.string()).hint("add a [databases.main] table with a url");
  std::vector<std::string> wanted;
  for (const auto& e : options.engines)
    for (const auto& name : split(e, ','))
      if (!trim(name).empty()) wanted.push_back(trim(name));
  std::vector<const DatabaseConfig*> selected;
  for (const auto& name : wanted) {
    if (!c->find_database(name))
      return Error("no database named '" + name + "' in " + c->path.string())
          .hint("configured databases: " + join(c->database_names(), ", "));
  }
  for (const auto& db : c->databases)
    if (wanted.empty() || std::find(wanted.begin(), wanted.end(), db.name) != wanted.end()) selected.push_back(&db);
  if (!options.url.empty()) {
    if (selected.size() != 1)
      return Error("--url replaces one database's URL, but " + std::to_string(selected.size()) + " are selected")
          .hint("pick one with --engine NAME");
    auto url = parse_url(options.url);
    if (!url.ok()) return std::move(url).error().at("--url");
    url_override_ = *selected.front();
    url_override_->url = std::move(url).value();
    selected = {&*url_override_};
  }
  return selected;
}

MultiRunOptions CliContext::multi_run_options() const {
  const Precheck precheck = options.precheck == "all"    ? Precheck::kAll
                            : options.precheck == "each" ? Precheck::kEach
                                                         : Precheck::kAuto;
  return MultiRunOptions{options.jobs, options.continue_on_error, precheck};
}

void CliContext::note_new_sqlite_files(const std::vector<const DatabaseConfig*>& dbs) {
  if (options.quiet) return;
  if (reported_in_groups(dbs)) {
    // A fleet of new files is one note, not thousands.
    std::optional<std::string> first;
    size_t more = 0;
    for (const DatabaseConfig* db : dbs) {
      auto note = new_sqlite_file_note(*db);
      if (!note) continue;
      if (first)
        ++more;
      else
        first = std::move(note);
    }
    if (first)
      err << "note: " << *first
          << (more > 0 ? " (and " + std::to_string(more) + " more new SQLite files like it)" : std::string()) << "\n"
          << std::flush;
    return;
  }
  for (const DatabaseConfig* db : dbs)
    if (auto note = new_sqlite_file_note(*db); note && said_.insert("note: " + *note).second)
      err << "note: " << *note << "\n" << std::flush;
}

void CliContext::warning(const std::string& text) {
  if (said_.insert("warning: " + text).second) err << "warning: " << text << "\n" << std::flush;
}

OpCatalogue catalogue_of(const PluginHost& host) {
  std::vector<PluginOperation> ops;
  for (const auto& p : host.plugins())
    for (const retort_operation* o : p.operations) ops.push_back(PluginOperation{p.name, o});
  return OpCatalogue::with_plugin_operations(ops);
}

RunOptions CliContext::run_options() const {
  RunOptions o;
  if (config_) {
    o.transaction_per_migration = config_->transaction_per_migration;
    o.lock_timeout_seconds = config_->lock_timeout_seconds;
    o.database_names = config_->database_names();
  }
  return o;
}

}  // namespace retort::cli
