// Finds plugin libraries, loads them with Boost.DLL, checks their ABI version before anything else and
// their tables before their init, and keeps the registry of dialects and drivers they provide. Built-in
// plugins load exactly like a third party's. A library, once opened, is never unloaded while retort runs,
// even when it is refused: its code has run and may have left something behind that points into it.
//
// Before a library is opened here, it is loaded once in a probe process (plugin_probe.h), where a plugin
// that crashes, exits or hangs while loading takes only the probe down; the error names its file. A probe
// that passed is remembered (probe_cache.h), so a warm run opens each plugin once. The load here is guarded
// (load_guard.h) for a plugin that behaves otherwise than in its probe.
#pragma once

#include "plugin/load_events.h"
#include "plugin/probe_cache.h"
#include "util/status.h"

#include <retort/retort_plugin.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace retort {

struct LoadedPlugin {
  std::string path;
  std::string name;
  std::string version;
  std::string description;
  uint32_t abi_major = 0;
  uint32_t abi_minor = 0;
  std::vector<const retort_dialect*> dialects;
  std::vector<const retort_driver*> drivers;
  std::vector<const retort_operation*> operations;

  // "plugin NAME (PATH)", as errors name it.
  std::string label() const { return "plugin " + name + " (" + path + ")"; }
};

class PluginHost {
 public:
  // Loads every *.so in each folder, in order. Folders that do not exist are skipped. Each broken
  // plugin is recorded in problems(); the others still load. A bad RETORT_PLUGIN_LOAD_TIMEOUT is one
  // problem, and nothing loads.
  void load_folders(const std::vector<std::filesystem::path>& folders);
  // Loads one library, after its probe; on failure the error names the file and says what is wrong.
  Status load_file(const std::filesystem::path& file);

  const std::vector<LoadedPlugin>& plugins() const { return plugins_; }
  const std::vector<Error>& problems() const { return problems_; }
  // Every problem as one error under `summary` (just the problem when there is one); ok when there is none.
  Status problems_error(const std::string& summary) const;
  const std::vector<std::filesystem::path>& searched() const { return searched_; }

  // Operation names provided by plugins may not repeat these (the core operations).
  void reserve_operation_names(std::vector<std::string> names) { reserved_ops_ = std::move(names); }

  // The dialect for a URL's dialect name (or alias), or an error listing what is available.
  Result<const retort_dialect*> dialect(const std::string& name) const;
  // The driver named `driver`, or (when empty) the default driver for `dialect`.
  Result<const retort_driver*> driver(const std::string& dialect, const std::string& driver) const;
  // The label of the plugin that registered a role table (a dialect, driver or operation), for errors.
  std::string origin_of(const void* role) const;

 private:
  // Runs the plugin's probe, unless one passed for this very file before; an error when the probe did
  // not finish (the plugin crashed, exited or hung).
  Status probe(const std::filesystem::path& file);
  // Loads and registers the library in this process (the probe's or retort's), telling `stages` where
  // it is.
  Status load_here(const std::filesystem::path& file, LoadObserver& stages);
  // A plugin whose tables passed every check, with the names its roles claim, not registered yet.
  struct CheckedPlugin {
    LoadedPlugin plugin;
    std::vector<std::string> claims;
  };
  // Checks every role table of the descriptor and every name its roles claim; changes nothing.
  Result<CheckedPlugin> check_tables(LoadedPlugin plugin, const retort_plugin* desc) const;
  void add(CheckedPlugin checked);
  std::string available_summary() const;

  std::vector<LoadedPlugin> plugins_;
  std::vector<Error> problems_;
  std::vector<std::filesystem::path> searched_;
  std::vector<std::string> reserved_ops_;
  // Every name a loaded role claims ("dialect 'sqlite'", "the default driver for 'sqlite' URLs"), with
  // the index of its plugin in plugins_.
  std::map<std::string, size_t> claims_;
  std::optional<ProbeCache> probe_cache_;  // read on the first load
};

// The folders searched by default, in order: next to the program (build tree and install share the
// layout <prefix>/bin/retort + <prefix>/<libdir>/retort/plugins), then `config_paths`, then
// $RETORT_PLUGIN_PATH (':'-separated).
std::vector<std::filesystem::path> default_plugin_folders(const std::vector<std::filesystem::path>& config_paths);

}  // namespace retort
