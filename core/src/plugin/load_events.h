// What can happen while a plugin loads, in the words errors use: the stage its code was in, and the signal
// that ended it. Shared by the probe process (plugin_probe.h) and the guard of the load inside retort
// (load_guard.h); everything here is safe to use in a signal handler.
#pragma once

#include <csignal>

namespace retort {

// The stages of loading in which a plugin's own code runs, in order. The values are what the probe process
// writes to its pipe.
enum class LoadStage : char {
  kOpen = 'o',   // dlopen: the static constructors of the plugin and of the libraries it needs
  kEntry = 'e',   // retort_plugin_entry
  kTables = 't',  // retort reads the descriptor and the tables it points to (a bad pointer faults here)
  kInit = 'i',    // the plugin's init, after its tables were checked
};

// Where loading was: "its static constructors", "retort_plugin_entry", "the checks of its tables", "init".
inline const char* stage_name(LoadStage stage) {
  switch (stage) {
    case LoadStage::kOpen: return "its static constructors";
    case LoadStage::kEntry: return "retort_plugin_entry";
    case LoadStage::kTables: return "the checks of its tables";
    case LoadStage::kInit: return "init";
  }
  return "loading";
}

// Told when loading enters each stage.
class LoadObserver {
 public:
  virtual void entering(LoadStage stage) = 0;

 protected:
  ~LoadObserver() = default;
};

// The signals that end a process that faults or aborts.
inline constexpr int kFatalSignals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};

// "segmentation fault", "aborted", ... for a fatal signal or SIGKILL/SIGTERM; nullptr for another signal.
inline const char* fatal_signal_name(int sig) {
  switch (sig) {
    case SIGSEGV: return "segmentation fault";
    case SIGBUS: return "bus error";
    case SIGILL: return "illegal instruction";
    case SIGFPE: return "arithmetic exception";
    case SIGABRT: return "aborted";
    case SIGTRAP: return "trace trap";
    case SIGKILL: return "killed";
    case SIGTERM: return "terminated";
    default: return nullptr;
  }
}

}  // namespace retort
