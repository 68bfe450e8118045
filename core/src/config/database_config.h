// One database retort migrates, as the config describes it: a [databases.NAME] table, or one member of a
// [fleets.NAME] (config/fleet_config.h).
#pragma once

#include "config/url.h"

#include <filesystem>
#include <optional>
#include <string>
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
  // A fleet's `schema = "tenant_{name}"` (PostgreSQL only): the schema this member lives in. The connection
  // gets it as its search_path, and it is created, if missing, with the version table (which it holds:
  // version_table_schema is the same). "" for none.
  std::string connection_schema;
};

// The NAME of the [[upgrade_NAME]] and [[downgrade_NAME]] sections `db` runs: its own name, or for a fleet's
// member its fleet's (every member of a fleet runs the same operations).
inline const std::string& section_name(const DatabaseConfig& db) { return db.fleet.empty() ? db.name : db.fleet; }

}  // namespace retort
