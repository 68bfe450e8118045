#include "config/fleet_member.h"

namespace retort {
namespace {

std::string substitute(std::string text, const std::string& name) {
  for (size_t at = 0; (at = text.find("{name}", at)) != std::string::npos; at += name.size()) text.replace(at, 6, name);
  return text;
}

}  // namespace

Result<DatabaseConfig> fleet_member(const FleetConfig& fleet, const std::string& name) {
  DatabaseConfig db = fleet.member;
  db.name = fleet.name + "/" + name;
  db.fleet = fleet.name;
  db.url = fleet.url;
  // Never the password: a secret is not a template.
  db.url.username = substitute(db.url.username, name);
  db.url.host = substitute(db.url.host, name);
  db.url.database = substitute(db.url.database, name);
  for (auto& option : db.url.options) option.second = substitute(option.second, name);
  if (!fleet.schema.empty()) {
    db.connection_schema = substitute(fleet.schema, name);
    if (db.connection_schema.size() > 63)
      return Error("the schema of member '" + name + "', " + db.connection_schema +
                   ", is longer than the 63 characters PostgreSQL keeps")
          .at(fleet.location)
          .hint("shorten the schema template of [fleets." + fleet.name + "] or the member's name");
    db.version_table_schema = db.connection_schema;
  }
  return db;
}

}  // namespace retort
