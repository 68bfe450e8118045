// What every command needs, loaded on first use: the global options, the config, the revision files,
// the plugins and the databases selected with --engine/--url. Commands stay small because of it.
#pragma once

#include "config/config.h"
#include "ops/op_catalogue.h"
#include "plugin/plugin_host.h"
#include "runtime/migration_runner.h"
#include "runtime/multi_database_run.h"
#include "script/script_directory.h"
#include "util/status.h"

#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace retort::cli {

struct GlobalOptions {
  std::string config_path;
  std::vector<std::string> engines;
  std::string url;
  std::vector<std::string> x_args;
  std::string report;  // --report FILE: every database's outcome as JSON
  bool quiet = false;
  bool verbose = false;
  size_t jobs = 1;
  bool continue_on_error = false;
  std::string precheck;  // "", "all" or "each" (--precheck)
  std::string shard;     // "" or "I/N" (--shard): keep a stable 1/N of the selected databases
};

// The core operations and those the plugins `host` loaded provide.
OpCatalogue catalogue_of(const PluginHost& host);

class CliContext {
 public:
  CliContext(std::ostream& out, std::ostream& err) : out(out), err(err) {}

  GlobalOptions options;
  std::ostream& out;
  std::ostream& err;

  Result<const Config*> config();
  // The revision files, listed (headers from the revision cache; operations parsed when asked for).
  Result<const ScriptDirectory*> scripts();
  // The same, checked against the catalogue and the configured databases: what runs use.
  Result<const CheckedScripts*> checked_scripts();
  // Every plugin folder loaded, broken plugins recorded in problems(). Not cached: `retort plugins`.
  PluginHost load_plugin_host();
  // The loaded plugins; an error when any of them failed to load.
  Result<const PluginHost*> plugins();
  // The databases to act on, in config order: all of them, or those named by --engine, then --shard's part
  // of them. Every [databases.NAME] comes before the fleets' members; a fleet's source is read (once) only
  // when the selection needs it.
  Result<std::vector<const DatabaseConfig*>> databases();
  // The same selection without reading any fleet's source: each selected fleet stands for its members as
  // one definition named after it (its URL a template). For what the members' names do not change, such
  // as the branches they follow; --shard does not apply.
  Result<std::vector<const DatabaseConfig*>> database_definitions();
  // The members of `fleet`, read from its source on first use.
  Result<const std::vector<DatabaseConfig>*> fleet_members(const FleetConfig& fleet);
  // The core operations and those the loaded plugins provide.
  Result<const OpCatalogue*> catalogue();

  // Before connecting to `dbs` online: "note: creating a new SQLite database at ..." for each relative
  // SQLite file that does not exist yet (config/sqlite_file.h), once per database, unless -q; for a
  // selection reported in groups the first such note and how many more.
  void note_new_sqlite_files(const std::vector<const DatabaseConfig*>& dbs);
  // "warning: TEXT" on stderr, once per distinct text.
  void warning(const std::string& text);

  RunOptions run_options() const;
  MultiRunOptions multi_run_options() const;
  RunOutput run_output() { return RunOutput{out, err, options.quiet, options.verbose}; }


 private:
  std::optional<Config> config_;
  std::optional<ScriptDirectory> scripts_;
  std::optional<CheckedScripts> checked_;
  std::optional<PluginHost> plugins_;
  std::optional<OpCatalogue> catalogue_;
  std::optional<DatabaseConfig> url_override_;
  std::map<std::string, std::vector<DatabaseConfig>> fleet_members_;  // by fleet name, once read
  std::set<std::string> said_;  // notes and warnings already printed
};

}  // namespace retort::cli
