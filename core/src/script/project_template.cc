#include "script/project_template.h"

#include "util/strings.h"
#include "util/toml_quote.h"
#include "util/utf8.h"

#include <algorithm>
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
  std::string t = R"(# retort configuration. Paths are relative to this file; ${VAR} reads the environment, ${here} is
# this file's folder. A relative SQLite path (sqlite:///app.db) is relative to the current folder, as in
# Alembic: write sqlite:///${here}/app.db for a database beside this file.

[retort]
script_location = )" + config_value(script_dir) + R"(   # revisions live in <script_location>/versions
# version_locations = [)" + config_value(script_dir + "/versions") + R"(]
# recursive_version_locations = false   # true: also read revision files in subfolders of those folders
# plugin_paths = []                     # extra folders with dialect/driver/operation plugins
transaction_per_migration = false       # true: commit after each revision instead of once per run
# lock_timeout = 300                    # seconds to wait for another retort on the same database

# New revision files (`retort revision`), as Alembic's settings of the same names:
# file_template = "%(rev)s_%(slug)s"    # also %(epoch)s %(year)d %(month).2d %(day).2d %(hour).2d
#                                       # %(minute).2d %(second).2d; ".toml" is added
# truncate_slug_length = 40             # %(slug)s is cut at a word boundary beyond this
# timezone = "UTC"                      # create_date on this zone's clock (an IANA name: "Europe/Berlin")
# revision_template = "revision.toml.tmpl"   # your own layout, with placeholders {{comment}} {{header}}
#                                       # {{revision}} {{down_revision}} {{branch_labels}} {{depends_on}}
#                                       # {{message}} {{create_date}} {{operations}}
# [[retort.post_write_hooks]]           # run on each new revision file; {file} is its path
# name = "fmt"
# command = ["taplo", "fmt", "{file}"]

)";
  if (template_name == "multidb") {
    t += R"(# Every command runs on each database below, in this order; `--engine NAME` picks one (repeatable),
# `--jobs N` migrates N at a time, `--continue-on-error` goes on after one fails. In a revision file,
# [[upgrade_NAME]] / [[downgrade_NAME]] sections run only on the database NAME, after the common ones.
[databases.main]
url = "sqlite:///${here}/main.db"
# version_table = "retort_version"
# branches = ["core"]                   # follow only these branch labels (and what they depend on)
# schema = ["schema/main.toml"]         # the declared schema: retort revision --autogenerate -m "..."

[databases.analytics]
url = "sqlite:///${here}/analytics.db"
# url = "postgresql://app:${ANALYTICS_PASSWORD}@127.0.0.1:5432/analytics"
# schema = ["schema/analytics.toml"]
# scratch = "auto"                      # where autogenerate builds schemas: a temporary database on the server
)";
  } else {
    t += R"([databases.main]
url = "sqlite:///${here}/app.db"
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

const std::vector<ProjectTemplate>& project_templates() {
  static const std::vector<ProjectTemplate> templates = {
      {"generic", "One SQLite database beside the config; a commented PostgreSQL URL to switch to."},
      {"multidb", "Several named databases migrated by one revision tree, each with its own version table."},
  };
  return templates;
}

Status init_project(const fs::path& project, const std::string& script_dir, const std::string& template_name) {
  std::vector<std::string> names;
  for (const auto& t : project_templates()) names.push_back(t.name);
  if (std::find(names.begin(), names.end(), template_name) == names.end())
    return Error("unknown template '" + template_name + "'")
        .hint("the templates are " + join(names, ", ") + " (`retort list_templates` describes them)");
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
