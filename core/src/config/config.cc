#include "config/config.h"

#include "config/config_reader.h"
#include "config/database_keys.h"
#include "config/revision_settings.h"
#include "util/strings.h"
#include "util/toml_file.h"

#include <algorithm>
#include <cstdlib>

namespace retort {
namespace fs = std::filesystem;

const DatabaseConfig* Config::find_database(const std::string& name) const {
  for (const auto& db : databases)
    if (db.name == name) return &db;
  return nullptr;
}

const FleetConfig* Config::find_fleet(const std::string& name) const {
  for (const auto& f : fleets)
    if (f.name == name) return &f;
  return nullptr;
}

std::vector<std::string> Config::database_names() const {
  std::vector<std::string> names;
  for (const auto& db : databases) names.push_back(db.name);
  return names;
}

std::vector<std::string> Config::section_names() const {
  std::vector<std::string> names = database_names();
  for (const auto& f : fleets) names.push_back(f.name);
  return names;
}

fs::path locate_config(const std::string& explicit_path) {
  if (!explicit_path.empty()) return explicit_path;
  if (const char* env = std::getenv("RETORT_CONFIG"); env && *env) return env;
  return "retort.toml";
}

namespace {

Result<Config> config_from_document(const toml::table& doc, const fs::path& path, const VariableLookup& outer) {
  const std::string shown = path.string();
  ErrorList errors;
  Config config;
  config.path = fs::absolute(path).lexically_normal();
  fs::path base = config.path.parent_path();
  // ${here} is the config's folder, as Alembic's %(here)s, whatever the environment says.
  const VariableLookup variables = [&outer, here = base.string()](const std::string& name) -> std::optional<std::string> {
    if (name == "here") return here;
    return outer(name);
  };
  ConfigReader read{shown, variables, errors};

  check_known_keys(doc, shown, {"retort", "databases", "fleets"}, "the config", errors);
  const toml::table* retort = doc["retort"].as_table();
  if (doc.contains("retort") && !retort) errors.add(error_at(*doc.get("retort"), shown, "[retort] must be a table"));
  toml::table empty;
  if (!retort) retort = &empty;
  check_known_keys(*retort, shown,
                   {"script_location", "version_locations", "recursive_version_locations", "plugin_paths",
                    "transaction_per_migration", "lock_timeout", "validate_on_migrate", "file_template",
                    "truncate_slug_length", "timezone", "revision_template", "post_write_hooks"},
                   "[retort]", errors);
  config.script_location = absolute_from(base, read.string(*retort, "script_location", true).value_or("migrations"));
  for (const auto& loc : read.strings(*retort, "version_locations"))
    config.version_locations.push_back(absolute_from(base, loc));
  if (config.version_locations.empty()) config.version_locations.push_back(config.script_location / "versions");
  config.recursive_version_locations = read.boolean(*retort, "recursive_version_locations").value_or(false);
  config.revisions = read_revision_settings(*retort, read, base, config.recursive_version_locations);
  for (const auto& p : read.strings(*retort, "plugin_paths")) config.plugin_paths.push_back(absolute_from(base, p));
  if (const toml::node* n = retort->get("transaction_per_migration")) {
    if (auto b = n->value<bool>()) {
      config.transaction_per_migration = *b;
    } else {
      errors.add(error_at(*n, shown, "'transaction_per_migration' must be true or false"));
    }
  }
  if (auto b = read.boolean(*retort, "validate_on_migrate")) config.validate_on_migrate = *b;
  if (const toml::node* n = retort->get("lock_timeout")) {
    auto v = n->value<int64_t>();
    if (v && *v >= 0 && *v <= 86400) {
      config.lock_timeout_seconds = static_cast<int>(*v);
    } else {
      errors.add(error_at(*n, shown, "'lock_timeout' must be a number of seconds from 0 to 86400"));
    }
  }

  const toml::node* dbs_node = doc.get("databases");
  const toml::table* dbs = dbs_node ? dbs_node->as_table() : nullptr;
  if (dbs_node && !dbs) errors.add(error_at(*dbs_node, shown, "'databases' must be a table of [databases.NAME]"));
  if (dbs) {
    // toml++ keeps keys sorted; the file's order is the run order, so sort by source position.
    std::vector<std::pair<std::string, const toml::node*>> entries;
    for (const auto& [key, node] : *dbs) entries.emplace_back(std::string(key.str()), &node);
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      return a.second->source().begin < b.second->source().begin;
    });
    for (const auto& [name, node] : entries) {
      const toml::table* t = node->as_table();
      if (!t) {
        errors.add(error_at(*node, shown, "databases." + name + " must be a table"));
        continue;
      }
      DatabaseConfig db;
      db.name = name;
      db.location = location_of(*node, shown);
      std::vector<std::string> keys = shared_database_keys();
      keys.insert(keys.end(), {"url", "schema"});
      check_known_keys(*t, shown, keys, "[databases." + name + "]", errors);
      if (name.find('/') != std::string::npos)
        errors.add(Error("a database name cannot contain '/', which names a fleet's member (FLEET/NAME): '" + name +
                         "'")
                       .at(db.location));
      auto url_text = read.string(*t, "url", true);
      if (!t->contains("url")) errors.add(Error("[databases." + name + "] has no 'url'").at(db.location));
      if (url_text) {
        auto url = parse_url(*url_text);
        if (url.ok()) {
          db.url = std::move(url).value();
        } else {
          errors.add(std::move(url).error().at(location_of(*t->get("url"), shown)));
        }
      }
      read_shared_database_keys(*t, read, config.validate_on_migrate, db);
      read_schema_files(*t, "schema", read, base, db);
      config.databases.push_back(std::move(db));
    }
  }
  config.fleets = read_fleets(doc, read, base, config.validate_on_migrate);
  for (const auto& fleet : config.fleets)
    if (config.find_database(fleet.name))
      errors.add(Error("[fleets." + fleet.name + "] has the name of [databases." + fleet.name +
                       "]: --engine " + fleet.name + " would name both")
                     .at(fleet.location)
                     .hint("rename the fleet or the database"));
  if (!errors.empty()) return errors.combined("the config has " + std::to_string(errors.errors().size()) + " problems:");
  return config;
}

}  // namespace

Result<Config> load_config(const fs::path& path, const VariableLookup& variables) {
  std::error_code ec;
  if (!fs::exists(path, ec))
    return Error("no config file at '" + path.string() + "'")
        .hint("run `retort init` to create one, or pass -c PATH (or set RETORT_CONFIG)");
  RETORT_ASSIGN_OR_RETURN(toml::table doc, parse_toml_file(path));
  return config_from_document(doc, path, variables);
}

Result<Config> parse_config_text(std::string_view text, const fs::path& path, const VariableLookup& variables) {
  RETORT_ASSIGN_OR_RETURN(toml::table doc, parse_toml_text(text, path.string()));
  return config_from_document(doc, path, variables);
}

}  // namespace retort
