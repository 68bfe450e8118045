// retort.toml: where the revisions are, where extra plugins are, and the named databases to migrate.
#pragma once

#include "config/env_expand.h"
#include "config/revision_settings.h"
#include "config/url.h"
#include "util/status.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace retort {

struct DatabaseConfig {
  std::string name;                  // "main", or "FLEET/MEMBER" for a fleet's member
  std::string fleet;                 // the [fleets.NAME] this database is a member of; "" for [databases.NAME]
  Url url;
  std::string version_table = "retort_version";
  std::string version_table_schema;  // "" for the connection's default schema; the history table's too
  std::string history_table = "retort_history";  // DESIGN.md §6
  std::vector<std::string> branches; // branch labels this database follows; empty = all
  std::vector<std::filesystem::path> schema_files;  // the declared schema (§7), absolute; empty: none
  // Where autogenerate replays the tree for a server database: `scratch = "auto"` (a temporary database on
  // the same server) or `scratch = URL`; neither set: no scratch (SQLite needs none: it uses memory).
  bool scratch_auto = false;
  std::optional<Url> scratch_url;
  // Whether upgrade and downgrade first compare the applied revisions' checksums with their files (§6):
  // `validate_on_migrate` of [databases.NAME], else of [retort].
  bool validate_on_migrate = true;
  std::string location;              // "retort.toml:12", for errors
};

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

  const DatabaseConfig* find_database(const std::string& name) const;
  std::vector<std::string> database_names() const;
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
