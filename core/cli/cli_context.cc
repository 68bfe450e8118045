#include "cli_context.h"

#include "config/fleet_member.h"
#include "config/shard.h"
#include "config/sqlite_file.h"
#include "config/x_arguments.h"
#include "runtime/check_key.h"
#include "runtime/fleet_source.h"
#include "util/strings.h"

#include <algorithm>

namespace retort::cli {
namespace {

ScriptDirectory::Subfolders subfolders(const Config& c) {
  return c.recursive_version_locations ? ScriptDirectory::Subfolders::kRead : ScriptDirectory::Subfolders::kWarn;
}

}  // namespace

Result<const Config*> CliContext::config() {
  if (config_) return &*config_;
  RETORT_ASSIGN_OR_RETURN(XArguments x, XArguments::parse(options.x_args));
  RETORT_ASSIGN_OR_RETURN(Config c, load_config(locate_config(options.config_path), environment_lookup(x.lookup())));
  config_ = std::move(c);
  return &*config_;
}

Result<const ScriptDirectory*> CliContext::scripts() {
  if (scripts_) return &*scripts_;
  RETORT_ASSIGN_OR_RETURN(const Config* c, config());
  RETORT_ASSIGN_OR_RETURN(ScriptDirectory s, ScriptDirectory::load(c->version_locations, subfolders(*c)));
  for (const auto& w : s.warnings()) warning(w);
  scripts_ = std::move(s);
  return &*scripts_;
}

Result<const CheckedScripts*> CliContext::checked_scripts() {
  if (checked_) return &*checked_;
  RETORT_ASSIGN_OR_RETURN(const ScriptDirectory* scripts, this->scripts());
  RETORT_ASSIGN_OR_RETURN(const OpCatalogue* ops, catalogue());
  RETORT_ASSIGN_OR_RETURN(const PluginHost* host, plugins());
  RETORT_ASSIGN_OR_RETURN(const Config* c, config());
  const std::vector<std::string> names = c->section_names();
  RETORT_ASSIGN_OR_RETURN(CheckedScripts checked,
                          CheckedScripts::check(*scripts, *ops, names, revision_check_key(*ops, host->plugins(), names)));
  checked_.emplace(std::move(checked));
  return &*checked_;
}

PluginHost CliContext::load_plugin_host() {
  std::vector<std::filesystem::path> extra;
  if (auto c = config(); c.ok()) extra = (*c)->plugin_paths;
  PluginHost host;
  host.reserve_operation_names(OpCatalogue::core().names());
  host.load_folders(default_plugin_folders(extra));
  return host;
}

Result<const PluginHost*> CliContext::plugins() {
  if (plugins_) return &*plugins_;
  plugins_ = load_plugin_host();
  Status loaded = plugins_->problems_error("plugins failed to load:");
  if (!loaded.ok())
    return std::move(loaded).error().default_hint("fix or remove the broken plugin; `retort plugins` lists what was found");
  return &*plugins_;
}

Result<const OpCatalogue*> CliContext::catalogue() {
  if (catalogue_) return &*catalogue_;
  RETORT_ASSIGN_OR_RETURN(const PluginHost* host, plugins());
  catalogue_ = catalogue_of(*host);
  return &*catalogue_;
}

namespace {

// What --engine names, each once, in the order given: "a,b" and repeated options alike.
std::vector<std::string> engine_names(const std::vector<std::string>& engines) {
  std::vector<std::string> wanted;
  for (const auto& e : engines)
    for (const auto& part : split(e, ',')) {
      std::string name = trim(part);
      if (!name.empty() && std::find(wanted.begin(), wanted.end(), name) == wanted.end()) wanted.push_back(name);
    }
  return wanted;
}

// "databases: main, legacy; fleets: tenants" for the error of a name that is neither.
std::string configured_names(const Config& c) {
  std::vector<std::string> fleets;
  for (const auto& f : c.fleets) fleets.push_back(f.name + " (members " + f.name + "/NAME)");
  std::string out = "configured databases: " + (c.databases.empty() ? "none" : join(c.database_names(), ", "));
  if (!fleets.empty()) out += "; fleets: " + join(fleets, ", ");
  return out;
}

// "did you mean 'legacy'? " when a database or fleet is named much like `name`, else "".
std::string did_you_mean(const Config& c, const std::string& name) {
  const std::string near = closest_match(name, c.section_names());
  return near.empty() ? "" : "did you mean '" + near + "'? ";
}

// The fleet a name "FLEET/MEMBER" points into, if it names one of c's fleets.
const FleetConfig* fleet_of_member_name(const Config& c, const std::string& name) {
  const size_t slash = name.find('/');
  return slash == std::string::npos ? nullptr : c.find_fleet(name.substr(0, slash));
}

Status any_database(const Config& c) {
  if (c.databases.empty() && c.fleets.empty())
    return Error("no database is configured in " + c.path.string()).hint("add a [databases.main] table with a url");
  return Status();
}

// What --engine picked from the config: everything when it names nothing.
class EngineChoice {
 public:
  // Checks every name against `c` (a member's name is checked once its fleet is read).
  static Result<EngineChoice> of(const Config& c, const std::vector<std::string>& engines) {
    RETORT_TRY(any_database(c));
    EngineChoice choice(c, engine_names(engines));
    for (const auto& name : choice.wanted_) {
      if (c.find_database(name) || c.find_fleet(name) || fleet_of_member_name(c, name)) continue;
      return Error(std::string(c.fleets.empty() ? "no database" : "no database or fleet") + " named '" + name +
                   "' in " + c.path.string())
          .hint(did_you_mean(c, name) + configured_names(c));
    }
    return choice;
  }

  // A [databases.NAME], a whole fleet, or a member by its FLEET/NAME.
  bool picks(const std::string& name) const {
    return wanted_.empty() || std::find(wanted_.begin(), wanted_.end(), name) != wanted_.end();
  }
  // The FLEET/NAME names of `fleet`'s members that were named, in the order given.
  std::vector<std::string> members_named(const FleetConfig& fleet) const {
    std::vector<std::string> out;
    for (const auto& w : wanted_)
      if (fleet_of_member_name(c_, w) == &fleet) out.push_back(w);
    return out;
  }

 private:
  EngineChoice(const Config& c, std::vector<std::string> wanted) : c_(c), wanted_(std::move(wanted)) {}

  const Config& c_;
  std::vector<std::string> wanted_;
};

}  // namespace

Result<const std::vector<DatabaseConfig>*> CliContext::fleet_members(const FleetConfig& fleet) {
  if (auto it = fleet_members_.find(fleet.name); it != fleet_members_.end()) return &it->second;
  std::vector<std::string> names;
  if (fleet.source.kind == FleetSource::Kind::kQuery) {
    RETORT_ASSIGN_OR_RETURN(const PluginHost* host, plugins());
    RETORT_ASSIGN_OR_RETURN(names, read_fleet_source(fleet, *host));
  } else {
    RETORT_ASSIGN_OR_RETURN(names, read_fleet_file_source(fleet));
  }
  if (names.empty() && !options.quiet && said_.insert("note: empty fleet " + fleet.name).second)
    err << "note: fleet " << fleet.name << " has no members: its source (" << fleet.source.describe()
        << ") gives no names\n" << std::flush;
  std::vector<DatabaseConfig> members;
  members.reserve(names.size());
  for (const auto& name : names) {
    RETORT_ASSIGN_OR_RETURN(DatabaseConfig member, fleet_member(fleet, name));
    members.push_back(std::move(member));
  }
  return &(fleet_members_[fleet.name] = std::move(members));
}

Result<std::vector<const DatabaseConfig*>> CliContext::database_definitions() {
  RETORT_ASSIGN_OR_RETURN(const Config* c, config());
  RETORT_ASSIGN_OR_RETURN(EngineChoice choice, EngineChoice::of(*c, options.engines));
  std::vector<const DatabaseConfig*> selected;
  for (const auto& db : c->databases)
    if (choice.picks(db.name)) selected.push_back(&db);
  for (const auto& fleet : c->fleets)
    if (choice.picks(fleet.name) || !choice.members_named(fleet).empty()) selected.push_back(&fleet.member);
  return selected;
}

Result<std::vector<const DatabaseConfig*>> CliContext::databases() {
  RETORT_ASSIGN_OR_RETURN(const Config* c, config());
  RETORT_TRY(any_database(*c));
  std::optional<Shard> shard;
  if (!options.shard.empty()) {
    RETORT_ASSIGN_OR_RETURN(shard, parse_shard(options.shard));
  }
  RETORT_ASSIGN_OR_RETURN(EngineChoice choice, EngineChoice::of(*c, options.engines));
  std::vector<const DatabaseConfig*> selected;
  for (const auto& db : c->databases)
    if (choice.picks(db.name)) selected.push_back(&db);
  for (const auto& fleet : c->fleets) {
    const bool whole = choice.picks(fleet.name);
    const std::vector<std::string> members_named = choice.members_named(fleet);
    if (!whole && members_named.empty()) continue;
    RETORT_ASSIGN_OR_RETURN(const std::vector<DatabaseConfig>* members, fleet_members(fleet));
    for (const auto& name : members_named) {
      const bool found =
          std::any_of(members->begin(), members->end(), [&](const DatabaseConfig& m) { return m.name == name; });
      if (!found)
        return Error("no member '" + name.substr(fleet.name.size() + 1) + "' in fleet " + fleet.name + " (" +
                     std::to_string(members->size()) + " members)")
            .hint("the fleet's members are the names its source gives (" + fleet.source.describe() + ")");
    }
    for (const auto& m : *members)
      if (whole || choice.picks(m.name)) selected.push_back(&m);
  }
  if (shard) {
    std::vector<const DatabaseConfig*> kept;
    for (const DatabaseConfig* db : selected)
      if (shard->keeps(db->name)) kept.push_back(db);
    if (kept.empty() && !selected.empty() && !options.quiet && said_.insert("note: empty shard").second)
      err << "note: --shard " << options.shard << " keeps none of the " << selected.size()
          << " selected databases: nothing to do here\n" << std::flush;
    selected = std::move(kept);
  }
  if (!options.url.empty()) {
    if (selected.size() != 1)
      return Error("--url replaces one database's URL, but " + std::to_string(selected.size()) + " are selected")
          .hint("pick one with --engine NAME");
    auto url = parse_url(options.url);
    if (!url.ok()) return std::move(url).error().at("--url");
    url_override_ = *selected.front();
    url_override_->url = std::move(url).value();
    selected = {&*url_override_};
  }
  return selected;
}

MultiRunOptions CliContext::multi_run_options() const {
  const Precheck precheck = options.precheck == "all"    ? Precheck::kAll
                            : options.precheck == "each" ? Precheck::kEach
                                                         : Precheck::kAuto;
  return MultiRunOptions{options.jobs, options.continue_on_error, precheck};
}

void CliContext::note_new_sqlite_files(const std::vector<const DatabaseConfig*>& dbs) {
  if (options.quiet) return;
  if (reported_in_groups(dbs)) {
    // A fleet of new files is one note, not thousands.
    std::optional<std::string> first;
    size_t more = 0;
    for (const DatabaseConfig* db : dbs) {
      auto note = new_sqlite_file_note(*db);
      if (!note) continue;
      if (first)
        ++more;
      else
        first = std::move(note);
    }
    if (first)
      err << "note: " << *first
          << (more > 0 ? " (and " + std::to_string(more) + " more new SQLite files like it)" : std::string()) << "\n"
          << std::flush;
    return;
  }
  for (const DatabaseConfig* db : dbs)
    if (auto note = new_sqlite_file_note(*db); note && said_.insert("note: " + *note).second)
      err << "note: " << *note << "\n" << std::flush;
}

void CliContext::warning(const std::string& text) {
  if (said_.insert("warning: " + text).second) err << "warning: " << text << "\n" << std::flush;
}

OpCatalogue catalogue_of(const PluginHost& host) {
  std::vector<PluginOperation> ops;
  for (const auto& p : host.plugins())
    for (const retort_operation* o : p.operations) ops.push_back(PluginOperation{p.name, o});
  return OpCatalogue::with_plugin_operations(ops);
}

RunOptions CliContext::run_options() const {
  RunOptions o;
  if (config_) {
    o.transaction_per_migration = config_->transaction_per_migration;
    o.lock_timeout_seconds = config_->lock_timeout_seconds;
    o.database_names = config_->section_names();
  }
  return o;
}

}  // namespace retort::cli
