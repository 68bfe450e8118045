// [fleets.NAME]: many databases from one definition. A source (a query, a file, a glob) gives the member
// names; each member is a database like a [databases.NAME], named FLEET/NAME, whose URL (and PostgreSQL
// schema) is the fleet's template with {name} replaced.
#pragma once

#include "config/config_reader.h"
#include "config/database_config.h"
#include "config/url.h"
#include "util/toml_file.h"

#include <filesystem>
#include <string>
#include <vector>

namespace retort {

// Where a fleet's member names come from: `source = { query = SQL, url = URL }`, `{ file = PATH }` (one
// name a line) or `{ glob = PATTERN }` (SQLite files; a name is a file's stem).
struct FleetSource {
  enum class Kind { kQuery, kFile, kGlob };
  Kind kind = Kind::kFile;
  std::string query;           // kQuery: a SELECT whose rows' first column are the names
  Url url;                     // kQuery: the database it runs on
  std::filesystem::path path;  // kFile: the list; kGlob: the pattern; absolute
  std::string location;        // "retort.toml:12"

  // "query on sqlite:///control.db", "file /p/tenants.txt", "glob /p/data/*.db": for errors, URL masked.
  std::string describe() const;
};

struct FleetConfig {
  std::string name;
  FleetSource source;
  Url url;             // the members' URL: "{name}" stands in its user, host, database or option values
  std::string schema;  // the members' PostgreSQL schema ("tenant_{name}"), or "" for none
  // Every other key, as each member gets it: the fleet as a database named FLEET with the URL template, for
  // what needs no member (a fleet's branches); name, url and connection_schema are set per member.
  DatabaseConfig member;
  std::string location;  // "retort.toml:12"
};

// Each [fleets.NAME] of `doc`, in file order; problems go to read.errors. Relative source paths are
// relative to `base` (the config's folder); validate_on_migrate defaults to `validate_default`.
// The declared schema files are `schema_files` here, since `schema` is the PostgreSQL schema.
std::vector<FleetConfig> read_fleets(const toml::table& doc, ConfigReader& read, const std::filesystem::path& base,
                                     bool validate_default);

}  // namespace retort
