// The keys a [databases.NAME] table and a [fleets.NAME] table share (each member of a fleet is a database
// like any other), read in one place so that both accept exactly the same values.
#pragma once

#include "config/config_reader.h"
#include "config/database_config.h"
#include "util/toml_file.h"

#include <filesystem>
#include <string>
#include <vector>

namespace retort {

// version_table, version_table_schema, history_table, branches, scratch, validate_on_migrate: not url
// (a fleet's is a template) nor the declared schema files (whose key differs, see fleet_config.h).
const std::vector<std::string>& shared_database_keys();

// Reads the shared keys of `t` into `db`; relative paths are relative to `base`, and validate_on_migrate
// defaults to `validate_default` ([retort]'s).
void read_shared_database_keys(const toml::table& t, ConfigReader& read, bool validate_default, DatabaseConfig& db);

// The declared schema files under `key`, made absolute against `base`.
void read_schema_files(const toml::table& t, const char* key, ConfigReader& read, const std::filesystem::path& base,
                       DatabaseConfig& db);

}  // namespace retort
