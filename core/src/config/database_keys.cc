#include "config/database_keys.h"

namespace retort {

const std::vector<std::string>& shared_database_keys() {
  static const std::vector<std::string> keys = {"version_table", "version_table_schema", "history_table",
                                                "branches",      "scratch",              "validate_on_migrate"};
  return keys;
}

void read_shared_database_keys(const toml::table& t, ConfigReader& read, bool validate_default, DatabaseConfig& db) {
  db.version_table = read.string(t, "version_table", false).value_or("retort_version");
  db.version_table_schema = read.string(t, "version_table_schema", false).value_or("");
  db.history_table = read.string(t, "history_table", false).value_or("retort_history");
  if (db.history_table == db.version_table)
    read.errors.add(error_at(t, read.path, "history_table and version_table name the same table '" + db.history_table + "'"));
  db.validate_on_migrate = read.boolean(t, "validate_on_migrate").value_or(validate_default);
  db.branches = read.strings(t, "branches");
  if (auto scratch = read.string(t, "scratch", true)) {
    if (*scratch == "auto") {
      db.scratch_auto = true;
    } else {
      auto url = parse_url(*scratch);
      if (url.ok()) {
        db.scratch_url = std::move(url).value();
      } else {
        read.errors.add(Error("'scratch' must be \"auto\" or a database URL: " + url.error().message())
                            .at(location_of(*t.get("scratch"), read.path)));
      }
    }
  }
}

void read_schema_files(const toml::table& t, const char* key, ConfigReader& read, const std::filesystem::path& base,
                       DatabaseConfig& db) {
  for (const auto& file : read.strings(t, key)) db.schema_files.push_back(absolute_from(base, file));
}

}  // namespace retort
