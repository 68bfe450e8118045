#include "plugin/plugin_host.h"

#include "plugin/host_api.h"
#include "plugin/load_guard.h"
#include "plugin/plugin_call.h"
#include "plugin/plugin_probe.h"
#include "util/strings.h"

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <set>

namespace retort {
namespace fs = std::filesystem;

namespace {

// Libraries stay loaded until the process exits: role tables and strings point into them, and a refused
// one has run code (static constructors, its entry point, perhaps init) that may have left threads,
// handlers or atexit functions pointing into it.
std::vector<boost::dll::shared_library>& loaded_libraries() {
  static auto* libs = new std::vector<boost::dll::shared_library>();
  return *libs;
}

std::string version_text(uint32_t major, uint32_t minor) { return std::to_string(major) + "." + std::to_string(minor); }

// The names in a comma-separated list ("mariadb, mysql"); none for NULL.
std::vector<std::string> names_in(const char* list) {
  std::vector<std::string> out;
  if (list)
    for (const auto& n : split(list, ','))
      if (!trim(n).empty()) out.push_back(trim(n));
  return out;
}

bool list_has(const char* list, const std::string& name) {
  const auto names = names_in(list);
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

std::vector<fs::path> default_plugin_folders(const std::vector<fs::path>& config_paths) {
  std::vector<fs::path> folders;
  std::error_code ec;
  fs::path exe = boost::dll::program_location(ec);
  if (!ec) folders.push_back((exe.parent_path() / RETORT_PLUGIN_DIR_FROM_BIN).lexically_normal());
  folders.insert(folders.end(), config_paths.begin(), config_paths.end());
  if (const char* env = std::getenv("RETORT_PLUGIN_PATH"))
    for (const auto& p : split(env, ':'))
      if (!p.empty()) folders.emplace_back(p);
  return folders;
}

void PluginHost::load_folders(const std::vector<fs::path>& folders) {
  // Every probe needs the bound: a bad setting is one problem, not one per plugin.
  const Status bounded = plugin_load_timeout().status();
  if (!bounded.ok()) problems_.push_back(bounded.error());
  std::set<fs::path> seen;
  for (const auto& folder : folders) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(folder, ec);
    if (ec || !fs::is_directory(canonical, ec) || !seen.insert(canonical).second) continue;
    searched_.push_back(canonical);
    std::vector<fs::path> files;
    for (const auto& de : fs::directory_iterator(canonical, ec))
      if (de.path().extension() == ".so") files.push_back(de.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      if (!bounded.ok()) break;
      Status st = load_file(f);
      if (!st.ok()) problems_.push_back(st.error());
    }
  }
}

Status PluginHost::problems_error(const std::string& summary) const {
  if (problems_.empty()) return Status();
  ErrorList errors;
  for (const auto& p : problems_) errors.add(p);
  return errors.combined(summary);
}

Status PluginHost::load_file(const fs::path& file) {
  for (const auto& p : plugins_) {
    std::error_code ec;
    if (fs::equivalent(p.path, file, ec)) return Status();
  }
  Status probed = probe(file);
  if (!probed.ok()) return std::move(probed).error().at("plugin " + file.string());
  LoadGuard guard(file.string());
  return load_here(file, guard);
}

Status PluginHost::probe(const fs::path& file) {
  if (!probe_cache_) probe_cache_ = ProbeCache::open();
  // The stamp from before the probe: a file replaced meanwhile is not remembered as the one probed.
  const std::optional<FileStamp> stamp = stamp_of(file);
  if (probe_cache_->passed(file, stamp)) return Status();
  RETORT_ASSIGN_OR_RETURN(auto timeout, plugin_load_timeout());
  RETORT_ASSIGN_OR_RETURN(bool clean,
                          probe_in_child([&](LoadObserver& stages) { return load_here(file, stages).ok(); }, timeout));
  if (clean) probe_cache_->remember(file, stamp);
  return Status();
}

Status PluginHost::load_here(const fs::path& file, LoadObserver& stages) {
  const std::string where = "plugin " + file.string();
  stages.entering(LoadStage::kOpen);
  boost::dll::shared_library opened;
  try {
    opened.load(file, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    return Error(std::string("cannot be loaded: ") + e.what()).at(where).hint("is it a shared library built for this system?");
  }
  // Opening it ran its static constructors: from here on it stays, whatever becomes of it.
  loaded_libraries().push_back(std::move(opened));
  const boost::dll::shared_library& lib = loaded_libraries().back();
  if (!lib.has(RETORT_PLUGIN_ENTRY_NAME))
    return Error(std::string("has no entry point '") + RETORT_PLUGIN_ENTRY_NAME + "'")
        .at(where)
        .hint("a retort plugin exports `const retort_plugin* retort_plugin_entry(void)`; build it with the "
              "RETORT_PLUGIN macro or retort_add_plugin()");
  auto entry = lib.get<const retort_plugin*()>(RETORT_PLUGIN_ENTRY_NAME);
  const retort_plugin* desc = nullptr;
  retort_error entry_err;
  stages.entering(LoadStage::kEntry);
  call_plugin_void(RETORT_PLUGIN_ENTRY_NAME, &entry_err, [&] { desc = entry(); });
  stages.entering(LoadStage::kTables);
  if (entry_err.set) return Error(entry_err.message).at(where).hint(kPluginBugHint);
  if (!desc) return Error("its entry point returned no descriptor").at(where);
  if (desc->struct_size < offsetof(retort_plugin, name))
    return Error("its descriptor is too small (" + std::to_string(desc->struct_size) + " bytes) to be a retort plugin").at(where);
  if (desc->abi_major != RETORT_ABI_MAJOR || desc->abi_minor > RETORT_ABI_MINOR)
    return Error("was built for plugin ABI " + version_text(desc->abi_major, desc->abi_minor) +
                 ", but this retort speaks ABI " + version_text(RETORT_ABI_MAJOR, RETORT_ABI_MINOR))
        .at(where)
        .hint(desc->abi_major != RETORT_ABI_MAJOR
                  ? "rebuild the plugin against this retort's SDK"
                  : "upgrade retort, or rebuild the plugin against this retort's SDK");
  if (desc->struct_size < offsetof(retort_plugin, drivers) + sizeof(desc->drivers))
    return Error("its descriptor (" + std::to_string(desc->struct_size) + " bytes) is smaller than ABI " +
                 version_text(desc->abi_major, desc->abi_minor) + " requires")
        .at(where);
  if (!desc->name || !*desc->name) return Error("its descriptor has no name").at(where);

  LoadedPlugin plugin;
  plugin.path = file.string();
  plugin.name = desc->name;
  plugin.version = desc->version ? desc->version : "";
  plugin.description = desc->description ? desc->description : "";
  plugin.abi_major = desc->abi_major;
  plugin.abi_minor = desc->abi_minor;
  // Every table and claim is checked before init (DESIGN.md §2): a plugin that is refused anyway never
  // runs its initialisation (licences, connections, threads) for nothing.
  RETORT_ASSIGN_OR_RETURN(CheckedPlugin checked, check_tables(std::move(plugin), desc));
  if (desc->init) {
    stages.entering(LoadStage::kInit);
    retort_error err;
    retort_status st = call_plugin("init", &err, [&] { return desc->init(host_api(), &err); });
    if (st != RETORT_OK) {
      Error e = Error("failed to initialise: " + (st == RETORT_UNSUPPORTED ? "init answered RETORT_UNSUPPORTED" : err.message)).at(where);
      return err.abi_violation ? std::move(e).hint(kPluginBugHint) : std::move(e);
    }
  }
  add(std::move(checked));
  return Status();
}

Result<PluginHost::CheckedPlugin> PluginHost::check_tables(LoadedPlugin plugin, const retort_plugin* desc) const {
  const std::string where = "plugin " + plugin.path;
  // What each role claims, as it reads in a message ("dialect 'sqlite'"): no two roles may claim the same.
  std::vector<std::string> claims;
  if (desc->dialect_count && !desc->dialects) return Error("declares dialects but gives no table").at(where);
  if (desc->driver_count && !desc->drivers) return Error("declares drivers but gives no table").at(where);
  for (size_t i = 0; i < desc->dialect_count; ++i) {
    const retort_dialect* d = desc->dialects[i];
    // A 1.0 dialect table ends with render_statement; `family` (1.1) is read only where its size covers it.
    if (!d || d->struct_size < offsetof(retort_dialect, render_statement) + sizeof(d->render_statement) || !d->name ||
        !*d->name || !d->quote_identifier || !d->quote_literal || !d->render_operation || !d->render_statement)
      return Error("dialect #" + std::to_string(i) + " is incomplete (missing name or functions)").at(where);
    if (const retort_inspector* in = dialect_inspector(d);
        in && (in->struct_size < offsetof(retort_inspector, inspect) + sizeof(in->inspect) || !in->inspect))
      return Error("dialect '" + std::string(d->name) + "' has an incomplete inspector table").at(where);
    if (d->struct_size >= offsetof(retort_dialect, unlock) + sizeof(d->unlock) && (!d->lock != !d->unlock))
      return Error("dialect '" + std::string(d->name) + "' sets one of lock and unlock but not the other").at(where);
    claims.push_back("dialect '" + std::string(d->name) + "'");
    for (const auto& alias : names_in(d->aliases)) claims.push_back("dialect '" + alias + "'");
    plugin.dialects.push_back(d);
  }
  for (size_t i = 0; i < desc->driver_count; ++i) {
    const retort_driver* d = desc->drivers[i];
    if (!d || d->struct_size < offsetof(retort_driver, rollback) + sizeof(d->rollback) || !d->name || !*d->name ||
        !d->connect || !d->disconnect || !d->execute || !d->query || !d->begin || !d->commit || !d->rollback)
      return Error("driver #" + std::to_string(i) + " is incomplete (missing name or functions)").at(where);
    claims.push_back("driver '" + std::string(d->name) + "'");
    for (const auto& dialect : names_in(d->default_for)) claims.push_back("the default driver for '" + dialect + "' URLs");
    plugin.drivers.push_back(d);
  }
  // Operations came with ABI 1.0's last fields; a descriptor too small for them has none.
  bool has_ops = desc->struct_size >= offsetof(retort_plugin, operations) + sizeof(desc->operations);
  size_t op_count = has_ops ? desc->operation_count : 0;
  if (op_count && !desc->operations) return Error("declares operations but gives no table").at(where);
  for (size_t i = 0; i < op_count; ++i) {
    const retort_operation* o = desc->operations[i];
    if (!o || o->struct_size < offsetof(retort_operation, render) + sizeof(o->render) || !o->name || !*o->name ||
        !o->render || (o->field_count && !o->fields))
      return Error("operation #" + std::to_string(i) + " is incomplete (missing name, fields or render)").at(where);
    for (size_t f = 0; f < o->field_count; ++f)
      if (!o->fields[f] || !o->fields[f]->name || o->fields[f]->kind < RETORT_FIELD_STRING || o->fields[f]->kind > RETORT_FIELD_ANY)
        return Error("operation '" + std::string(o->name) + "' declares field #" + std::to_string(f) + " badly").at(where);
    if (std::find(reserved_ops_.begin(), reserved_ops_.end(), o->name) != reserved_ops_.end())
      return Error("provides operation '" + std::string(o->name) + "', which is a core operation").at(where);
    claims.push_back("operation '" + std::string(o->name) + "'");
    plugin.operations.push_back(o);
  }

  std::set<std::string> own;
  for (const auto& claim : claims) {
    if (!own.insert(claim).second) return Error("provides " + claim + " twice").at(where);
    auto taken = claims_.find(claim);
    if (taken != claims_.end()) {
      const LoadedPlugin& other = plugins_[taken->second];
      return Error("provides " + claim + ", which " + other.label() + " already provides")
          .at(where)
          .hint("remove one of the two plugins from the plugin folders");
    }
  }
  return CheckedPlugin{std::move(plugin), std::move(claims)};
}

void PluginHost::add(CheckedPlugin checked) {
  for (const auto& c : checked.claims) claims_.emplace(c, plugins_.size());
  plugins_.push_back(std::move(checked.plugin));
}

std::string PluginHost::origin_of(const void* role) const {
  for (const auto& p : plugins_) {
    bool mine = std::find(p.dialects.begin(), p.dialects.end(), role) != p.dialects.end() ||
                std::find(p.drivers.begin(), p.drivers.end(), role) != p.drivers.end() ||
                std::find(p.operations.begin(), p.operations.end(), role) != p.operations.end();
    if (mine) return p.label();
  }
  return "an unregistered plugin";
}

std::string PluginHost::available_summary() const {
  std::vector<std::string> dialects, drivers;
  for (const auto& p : plugins_) {
    for (const auto* d : p.dialects) dialects.emplace_back(d->name);
    for (const auto* d : p.drivers) drivers.emplace_back(d->name);
  }
  if (dialects.empty() && drivers.empty() && plugins_.empty())
    return "no plugins were loaded; `retort plugins` shows where retort looked";
  std::string s = "loaded dialects: " + (dialects.empty() ? "none" : join(dialects, ", ")) +
                  "; drivers: " + (drivers.empty() ? "none" : join(drivers, ", "));
  if (!problems_.empty()) s += "; " + std::to_string(problems_.size()) + " plugin(s) failed to load (see `retort plugins`)";
  return s;
}

Result<const retort_dialect*> PluginHost::dialect(const std::string& name) const {
  for (const auto& p : plugins_)
    for (const retort_dialect* d : p.dialects)
      if (name == d->name || list_has(d->aliases, name)) return d;
  return Error("no plugin provides the dialect '" + name + "'").hint(available_summary());
}

Result<const retort_driver*> PluginHost::driver(const std::string& dialect, const std::string& driver) const {
  for (const auto& p : plugins_)
    for (const retort_driver* d : p.drivers) {
      if (!driver.empty() && driver == d->name) return d;
      if (driver.empty() && (dialect == d->name || list_has(d->default_for, dialect))) return d;
    }
  if (!driver.empty()) return Error("no plugin provides the driver '" + driver + "'").hint(available_summary());
  return Error("no plugin provides a driver for '" + dialect + "' URLs").hint(available_summary());
}

}  // namespace retort
