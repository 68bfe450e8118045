#include "config/fleet_config.h"

#include "config/database_keys.h"
#include "util/strings.h"

#include <algorithm>

namespace retort {
namespace fs = std::filesystem;

std::string FleetSource::describe() const {
  switch (kind) {
    case Kind::kQuery:
      return "query on " + url.masked();
    case Kind::kFile:
      return "file " + path.string();
    case Kind::kGlob:
      return "glob " + path.string();
  }
  return "";
}

namespace {

constexpr const char* kPlaceholder = "{name}";

bool has_placeholder(const std::string& text) { return text.find(kPlaceholder) != std::string::npos; }

// Whether "{name}" stands somewhere a member's URL is made from it (never the password: a secret is not a
// template, and a password holding "{name}" must stay as it is).
bool url_has_placeholder(const Url& url) {
  if (has_placeholder(url.username) || has_placeholder(url.host) || has_placeholder(url.database)) return true;
  return std::any_of(url.options.begin(), url.options.end(), [](const auto& o) { return has_placeholder(o.second); });
}

// A schema template: "{name}" and letters, digits, '_' and '-' around it.
bool is_schema_template(const std::string& text) {
  std::string rest = text;
  for (size_t at; (at = rest.find(kPlaceholder)) != std::string::npos;) rest.erase(at, 6);
  return std::all_of(rest.begin(), rest.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

void read_source(const toml::node& node, const std::string& fleet, ConfigReader& read, const fs::path& base,
                 FleetSource& source) {
  const std::string where = "[fleets." + fleet + "] source";
  source.location = location_of(node, read.path);
  const char* hint =
      "write source = { query = \"SELECT name FROM tenant\", url = \"...\" }, { file = \"tenants.txt\" } or "
      "{ glob = \"data/tenants/*.db\" }";
  const toml::table* t = node.as_table();
  if (!t) {
    read.errors.add(Error(where + " must be a table, not " + type_name(node)).at(source.location).hint(hint));
    return;
  }
  check_known_keys(*t, read.path, {"query", "url", "file", "glob"}, where, read.errors);
  const int kinds = int{t->contains("query")} + int{t->contains("file")} + int{t->contains("glob")};
  if (kinds != 1) {
    read.errors.add(Error(where + (kinds == 0 ? " names no source" : " names more than one source") +
                          ": it takes exactly one of query, file and glob")
                        .at(source.location)
                        .hint(hint));
    return;
  }
  if (t->contains("query")) {
    source.kind = FleetSource::Kind::kQuery;
    source.query = read.string(*t, "query", true).value_or("");
    if (t->get("query")->is_string() && trim(source.query).empty())
      read.errors.add(error_at(*t->get("query"), read.path, where + ": the query is empty"));
    if (!t->contains("url")) {
      read.errors.add(
          Error(where + ": a query needs the url of the database it runs on").at(source.location).hint(hint));
      return;
    }
    if (auto text = read.string(*t, "url", true)) {
      auto url = parse_url(*text);
      if (url.ok()) {
        source.url = std::move(url).value();
      } else {
        read.errors.add(std::move(url).error().at(location_of(*t->get("url"), read.path) + ": in " + where));
      }
    }
    return;
  }
  if (t->contains("url"))
    read.errors.add(error_at(*t->get("url"), read.path, where + ": 'url' goes only with a query"));
  const bool file = t->contains("file");
  source.kind = file ? FleetSource::Kind::kFile : FleetSource::Kind::kGlob;
  if (auto text = read.string(*t, file ? "file" : "glob", true)) {
    if (text->empty()) {
      read.errors.add(error_at(*t->get(file ? "file" : "glob"), read.path, where + ": the " +
                                                                      (file ? "file" : "glob") + " is empty"));
    } else {
      source.path = absolute_from(base, *text);
    }
  }
}

// The members' URL template; whether it could be read.
bool read_member_url(const toml::table& t, const std::string& where, ConfigReader& read, FleetConfig& fleet) {
  if (!t.contains("url")) {
    read.errors.add(Error(where + " has no 'url' for its members")
                        .at(fleet.location)
                        .hint("add url = \"postgresql://app:${DB_PASSWORD}@host/tenant_{name}\": {name} is each "
                              "member's name"));
    return false;
  }
  auto text = read.string(t, "url", true);
  if (!text) return false;
  auto url = parse_url(*text);
  if (!url.ok()) {
    read.errors.add(std::move(url).error().at(location_of(*t.get("url"), read.path)));
    return false;
  }
  fleet.url = std::move(url).value();
  return true;
}

// `schema`: a PostgreSQL schema name template, for a postgresql url only.
void read_member_schema(const toml::table& t, const std::string& where, bool url_ok, ConfigReader& read,
                        FleetConfig& fleet) {
  auto schema = read.string(t, "schema", true);
  if (!schema) return;
  const toml::node& at = *t.get("schema");
  if (!is_schema_template(*schema) || !has_placeholder(*schema)) {
    read.errors.add(error_at(at, read.path,
                             where + ": 'schema' is the members' PostgreSQL schema, made of {name} and letters, "
                                     "digits, '_' or '-' (\"tenant_{name}\"), not '" + *schema + "'"));
  } else if (url_ok && fleet.url.dialect != "postgresql") {
    read.errors.add(error_at(at, read.path,
                             where + ": schema = \"" + *schema + "\" is for PostgreSQL (a schema per member), but "
                                     "the url is " + fleet.url.dialect)
                        .hint("give each member its own database with {name} in the url instead"));
  } else if (t.contains("version_table_schema")) {
    read.errors.add(error_at(at, read.path,
                             where + ": 'schema' also holds the version table, so version_table_schema cannot be "
                                     "set with it"));
  }
  fleet.schema = *schema;
}

FleetConfig read_fleet(const std::string& name, const toml::table& t, const toml::node& node, ConfigReader& read,
                       const fs::path& base, bool validate_default) {
  FleetConfig fleet;
  fleet.name = name;
  fleet.location = location_of(node, read.path);
  const std::string where = "[fleets." + name + "]";
  std::vector<std::string> keys = shared_database_keys();
  keys.insert(keys.end(), {"source", "url", "schema", "schema_files"});
  check_known_keys(t, read.path, keys, where, read.errors);
  if (name.find('/') != std::string::npos)
    read.errors.add(Error("a fleet name cannot contain '/', which separates it from a member's name: '" + name + "'")
                        .at(fleet.location));

  if (const toml::node* source = t.get("source")) {
    read_source(*source, name, read, base, fleet.source);
  } else {
    read.errors.add(Error(where + " has no 'source' of member names")
                        .at(fleet.location)
                        .hint("add source = { query = \"SELECT name FROM tenant\", url = \"...\" }, "
                              "{ file = \"tenants.txt\" } or { glob = \"data/tenants/*.db\" }"));
  }

  const bool url_ok = read_member_url(t, where, read, fleet);
  read_member_schema(t, where, url_ok, read, fleet);
  if (url_ok && fleet.schema.empty() && !url_has_placeholder(fleet.url))
    read.errors.add(Error(where + ": the url has no {name}, so every member would be the same database")
                        .at(location_of(*t.get("url"), read.path))
                        .hint("put {name} where each member's database differs (tenant_{name}), or set "
                              "schema = \"tenant_{name}\" for a PostgreSQL schema per member"));

  read_shared_database_keys(t, read, validate_default, fleet.member);
  if (fleet.member.scratch_auto)
    read.errors.add(error_at(*t.get("scratch"), read.path,
                             where + ": scratch = \"auto\" makes its temporary database through one live database, "
                                     "which a fleet's definition is not")
                        .hint("give the URL of an empty database autogenerate may fill: scratch = \"postgresql://...\""));
  read_schema_files(t, "schema_files", read, base, fleet.member);
  fleet.member.name = name;
  fleet.member.fleet = name;
  fleet.member.url = fleet.url;
  fleet.member.location = fleet.location;
  return fleet;
}

}  // namespace

std::vector<FleetConfig> read_fleets(const toml::table& doc, ConfigReader& read, const fs::path& base,
                                     bool validate_default) {
  std::vector<FleetConfig> fleets;
  const toml::node* node = doc.get("fleets");
  if (!node) return fleets;
  const toml::table* all = node->as_table();
  if (!all) {
    read.errors.add(error_at(*node, read.path, "'fleets' must be a table of [fleets.NAME]"));
    return fleets;
  }
  // toml++ keeps keys sorted; the file's order is the run order.
  std::vector<std::pair<std::string, const toml::node*>> entries;
  for (const auto& [key, n] : *all) entries.emplace_back(std::string(key.str()), &n);
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.second->source().begin < b.second->source().begin; });
  for (const auto& [name, n] : entries) {
    if (const toml::table* t = n->as_table()) {
      fleets.push_back(read_fleet(name, *t, *n, read, base, validate_default));
    } else {
      read.errors.add(error_at(*n, read.path, "fleets." + name + " must be a table"));
    }
  }
  return fleets;
}

}  // namespace retort
