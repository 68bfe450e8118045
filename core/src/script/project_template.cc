#include "script/project_template.h"

#include "util/toml_quote.h"
#include "util/utf8.h"

#include <fstream>

namespace retort {
namespace fs = std::filesystem;

namespace {

// The folder as a config value: quoted, and with '$' doubled so that ${VAR} expansion gives it back.
std::string config_value(const std::string& folder) {
  std::string literal;
  for (char c : folder) literal += c == '$' ? std::string("$$") : std::string(1, c);
  return toml_quote(literal);
}

std::string config_text(const std::string& script_dir, const std::string& template_name) {
  std::string t = R"(# retort configuration. Paths are relative to this file; ${VAR} reads the environment.

[retort]
script_location = )" + config_value(script_dir) + R"(   # revisions live in <script_location>/versions
# version_locations = [)" + config_value(script_dir + "/versions") + R"(]
# plugin_paths = []                     # extra folders with dialect/driver/operation plugins
transaction_per_migration = false       # true: commit after each revision instead of once per run
# lock_timeout = 300                    # seconds to wait for another retort on the same database

)";
  if (template_name == "multidb") {
    t += R"(# Every command runs on each database below, in this order; `--engine NAME` picks one (repeatable),
# `--jobs N` migrates N at a time, `--continue-on-error` goes on after one fails. In a revision file,
# [[upgrade_NAME]] / [[downgrade_NAME]] sections run only on the database NAME, after the common ones.
[databases.main]
url = "sqlite:///main.db"
# version_table = "retort_version"
# branches = ["core"]                   # follow only these branch labels (and what they depend on)
# schema = ["schema/main.toml"]         # the declared schema: retort revision --autogenerate -m "..."

[databases.analytics]
url = "sqlite:///analytics.db"
# url = "postgresql://app:${ANALYTICS_PASSWORD}@127.0.0.1:5432/analytics"
# schema = ["schema/analytics.toml"]
# scratch = "auto"                      # where autogenerate builds schemas: a temporary database on the server
)";
  } else {
    t += R"([databases.main]
url = "sqlite:///app.db"
# url = "postgresql://app:${DB_PASSWORD}@127.0.0.1:5432/app"
# version_table = "retort_version"       # "alembic_version" adopts a database Alembic manages
# schema = ["schema/app.toml"]           # the declared schema (docs/schema-files.md): then
#                                        # retort revision --autogenerate -m "..." writes the revisions
# scratch = "auto"                       # where autogenerate builds schemas on a server: a temporary
#                                        # database (or the URL of an empty one); SQLite needs none
)";
  }
  return t;
}

}  // namespace

Status init_project(const fs::path& project, const std::string& script_dir, const std::string& template_name) {
  if (template_name != "generic" && template_name != "multidb")
    return Error("unknown template '" + template_name + "'").hint("use --template generic or --template multidb");
  // The config names the folder, and a TOML file can only name it in UTF-8.
  if (invalid_utf8_offset(script_dir) != std::string::npos)
    return Error("the folder name is not valid UTF-8").hint("choose a folder name in UTF-8");
  fs::path config = project / "retort.toml";
  fs::path scripts = project / script_dir;
  std::error_code ec;
  if (fs::exists(config)) return Error("'" + config.string() + "' already exists; nothing was written");
  if (fs::exists(scripts) && !fs::is_empty(scripts, ec))
    return Error("folder '" + scripts.string() + "' already exists and is not empty; nothing was written")
        .hint("choose another folder: retort init OTHER_DIR");
  fs::create_directories(scripts / "versions", ec);
  if (ec) return Error("cannot create '" + (scripts / "versions").string() + "': " + ec.message());
  std::ofstream out(config, std::ios::binary);
  out << config_text(script_dir, template_name);
  out.close();
  if (!out) return Error("cannot write '" + config.string() + "'");
  return Status();
}

}  // namespace retort
