// retort.toml: where the revisions are, where extra plugins are, and the named databases (and fleets of
// databases) to migrate.
#pragma once

#include "config/database_config.h"
#include "config/env_expand.h"
#include "config/fleet_config.h"
#include "config/revision_settings.h"
#include "util/status.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace retort {

struct Config {
  std::filesystem::path path;             // the config file
  std::filesystem::path script_location;  // absolute
  std::vector<std::filesystem::path> version_locations;  // absolute; default <script_location>/versions
  bool recursive_version_locations = false;               // also read the locations' subfolders
  RevisionSettings revisions;                             // how new revision files are written
  std::vector<std::filesystem::path> plugin_paths;       // absolute
  bool transaction_per_migration = false;
  int lock_timeout_seconds = 300;
  bool validate_on_migrate = true;        // [retort]; each database may override it
  std::vector<DatabaseConfig> databases;  // in file order, which is run order
  // [fleets.NAME] in file order; their members (read from each source when a command needs databases)
  // run after every [databases.NAME].
  std::vector<FleetConfig> fleets;

  const DatabaseConfig* find_database(const std::string& name) const;
  const FleetConfig* find_fleet(const std::string& name) const;
  std::vector<std::string> database_names() const;
  // The names [[upgrade_NAME]] sections may use: every database's and every fleet's.
  std::vector<std::string> section_names() const;
};

// Reads and checks the config at `path`; ${VAR} in values is expanded through `variables`, and ${here} is
// the config's folder.
Result<Config> load_config(const std::filesystem::path& path, const VariableLookup& variables);

// The same for config text, as if read from `path` (which names it in errors and anchors relative paths).
Result<Config> parse_config_text(std::string_view text, const std::filesystem::path& path,
                                 const VariableLookup& variables);

// The config file to use: `explicit_path` (-c), else $RETORT_CONFIG, else ./retort.toml.
std::filesystem::path locate_config(const std::string& explicit_path);

}  // namespace retort
