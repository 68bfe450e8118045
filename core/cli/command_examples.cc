#include "command_examples.h"

#include <algorithm>
#include <map>
#include <vector>

namespace retort::cli {
namespace {

struct Example {
  const char* command;
  const char* what;
};

// Keyed by command path. A command missing here has no examples in its --help, which a test refuses.
const std::map<std::string, std::vector<Example>>& examples() {
  static const std::map<std::string, std::vector<Example>> table = {
      {"",
       {{"retort upgrade heads", "apply every revision not applied yet, on every configured database"},
        {"retort --engine app current", "where the database named app is"},
        {"retort --engine tenants/acme current", "where member acme of the fleet tenants is"},
        {"retort --shard 0/4 upgrade heads", "part 0 of 4 of the databases (1/4, 2/4, 3/4 on other machines)"},
        {"retort -x tenant=acme upgrade heads", "with ${tenant} in retort.toml set to acme"}}},
      {"init",
       {{"retort init", "retort.toml (one SQLite database) and migrations/versions/"},
        {"retort init db --template multidb", "a project for several databases, revisions in db/versions/"}}},
      {"list_templates", {{"retort list_templates", "the templates `retort init --template` takes"}}},
      {"revision",
       {{"retort revision -m \"create account\"", "a new revision on top of the head"},
        {"retort revision -m \"start audit\" --head base --branch-label audit", "a new branch from base"},
        {"retort revision --autogenerate -m \"add nick\"", "the operations that take the tree to the declared schema"},
        {"retort revision -m \"add account\" --dry-run", "print the file instead of writing it"}}},
      {"merge", {{"retort merge heads -m \"merge audit\"", "one revision joining every head"}}},
      {"edit", {{"retort edit heads", "open the head revision's file in $EDITOR"}}},
      {"upgrade",
       {{"retort upgrade heads", "apply every revision not applied yet"},
        {"retort upgrade +1", "one revision up"},
        {"retort upgrade ae1027a6acf0:heads --sql > upgrade.sql", "the SQL from ae1027a6acf0 up, without a database"},
        {"retort --jobs 8 --report outcome.json upgrade heads",
         "8 databases at a time; each one's outcome, revisions and time in outcome.json"}}},
      {"downgrade",
       {{"retort downgrade -1", "revert the last revision"},
        {"retort downgrade audit@base", "revert the audit branch only"},
        {"retort downgrade heads:base --sql", "the SQL of a full downgrade, without a database"}}},
      {"stamp",
       {{"retort stamp heads", "record the heads as applied without running anything"},
        {"retort stamp --purge ae1027a6acf0", "replace every version row with ae1027a6acf0"}}},
      {"ensure_version", {{"retort ensure_version", "create the version and history tables if they are missing"}}},
      {"current",
       {{"retort current", "the revisions each database is at"},
        {"retort --engine app current -v", "the same in full, for the database named app"}}},
      {"history",
       {{"retort history", "every revision, newest first"},
        {"retort history -r ae1:heads -v", "from ae1... up, in full, with when each database applied it"},
        {"retort history -i", "marking the revisions the databases are at"}}},
      {"heads",
       {{"retort heads", "the head revisions"},
        {"retort heads --resolve-dependencies", "leaving out heads that others depend on"}}},
      {"branches", {{"retort branches -v", "every branch point and its branches, in full"}}},
      {"show",
       {{"retort show heads", "the head revisions in full"},
        {"retort show ae1027a6acf0", "one revision in full"}}},
      {"check",
       {{"retort check", "every revision file valid for every database; the tree gives the declared schema"},
        {"retort check --db", "and each live database is what its revisions make it (drift)"}}},
      {"validate", {{"retort validate --engine app", "the revisions app applied still match their files"}}},
      {"repair", {{"retort repair", "record the checksums of revision files changed on purpose"}}},
      {"schema", {{"retort --engine main schema inspect --out schema/main.toml", "adopt retort on a live database"}}},
      {"schema inspect",
       {{"retort --engine main schema inspect --out schema/main.toml", "a live database written as a schema file"},
        {"retort schema inspect", "every selected database's schema on stdout"}}},
      {"plugins", {{"retort plugins", "what loaded, from where, with ABI and plugin versions"}}},
      {"ops",
       {{"retort ops", "every operation a revision file may use, and its fields"},
        {"retort ops create_table", "one operation in full"},
        {"retort ops --markdown", "the operation reference of docs/revision-files.md"}}},
  };
  return table;
}

std::string footer_for(const std::vector<Example>& list) {
  size_t width = 0;
  for (const auto& e : list) width = std::max(width, std::string(e.command).size());
  std::string text = "Examples:";
  for (const auto& e : list) {
    const std::string command = e.command;
    text += "\n  " + command + std::string(width - command.size() + 3, ' ') + "# " + e.what;
  }
  return text;
}

void attach(CLI::App& command) {
  auto found = examples().find(command_path(command));
  if (found != examples().end()) {
    // After what the command says of itself in its footer, if anything.
    const std::string own = command.get_footer();
    command.footer((own.empty() ? "" : own + "\n\n") + footer_for(found->second));
  }
  for (CLI::App* sub : command.get_subcommands([](CLI::App*) { return true; })) attach(*sub);
}

}  // namespace

std::string command_path(const CLI::App& command) {
  std::string path;
  for (const CLI::App* c = &command; c && c->get_parent(); c = c->get_parent())
    path = c->get_name() + (path.empty() ? "" : " " + path);
  return path;
}

void attach_examples(CLI::App& app) { attach(app); }

std::string first_example(const std::string& path) {
  auto found = examples().find(path);
  return found == examples().end() || found->second.empty() ? "" : found->second.front().command;
}

}  // namespace retort::cli
