// Guards the load of a plugin inside retort, which follows a probe that passed (plugin_probe.h) or was
// remembered from an earlier run (probe_cache.h). The plugin's code still runs here (static constructors,
// entry point, init), and may behave otherwise than it did in its probe: nothing in-process can stop it
// from ending the process, but the guard makes the end name it and fail the run. An exit() (exit(0) too)
// prints the error and ends retort with status 1 instead of its status; a fault or abort prints the error
// and then takes its course (the previous handler, a sanitizer's say, or the default: a non-zero status).
// Not covered here: _exit() and quick_exit() skip every handler, and a hang is bounded only by the probe.
#pragma once

#include "plugin/load_events.h"

#include <string>

namespace retort {

class LoadGuard final : public LoadObserver {
 public:
  // Arms the guard for `plugin_file` (one guard at a time: plugins are loaded one by one).
  explicit LoadGuard(const std::string& plugin_file);
  ~LoadGuard();
  LoadGuard(const LoadGuard&) = delete;
  LoadGuard& operator=(const LoadGuard&) = delete;

  void entering(LoadStage stage) override;
};

}  // namespace retort
