#include "plugin/load_guard.h"

#include "plugin/plugin_call.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iterator>

namespace retort {
namespace {

// The handlers below run inside exit() or a signal: they read only these, and call only
// async-signal-safe functions.
constexpr size_t kMaxFile = 4096;
char g_file[kMaxFile];
std::atomic<bool> g_armed{false};
std::atomic<LoadStage> g_stage{LoadStage::kOpen};
struct sigaction g_previous[std::size(kFatalSignals)];

void say(const char* text) {
  for (size_t left = std::strlen(text); left > 0;) {
    ssize_t n = ::write(STDERR_FILENO, text, left);
    if (n <= 0) return;
    text += n;
    left -= static_cast<size_t>(n);
  }
}

// "error: plugin FILE: WHAT while loading (SIGNAL in STAGE)" and the hint, as retort prints errors.
void report(const char* what, const char* signal) {
  say("error: plugin ");
  say(g_file);
  say(": ");
  say(what);
  say(" while loading (");
  if (signal) {
    say(signal);
    say(" ");
  }
  say("in ");
  say(stage_name(g_stage.load()));
  say(")\n  hint: ");
  say(kPluginBugHint);
  say("\n");
}

void on_exit_while_loading() {
  if (!g_armed.exchange(false)) return;
  report("called exit()", nullptr);
  ::_exit(1);
}

void restore_signals() {
  for (size_t i = 0; i < std::size(kFatalSignals); ++i) ::sigaction(kFatalSignals[i], &g_previous[i], nullptr);
}

void on_fatal_signal(int sig) {
  if (g_armed.exchange(false)) report("crashed", fatal_signal_name(sig));
  // The signal takes its course: the handler that was there before (a sanitizer's) or the default
  // action, once this handler returns and the signal is unblocked.
  restore_signals();
  ::raise(sig);
}

}  // namespace

LoadGuard::LoadGuard(const std::string& plugin_file) {
  static const bool registered = std::atexit(on_exit_while_loading) == 0;
  (void)registered;
  const size_t n = std::min(plugin_file.size(), kMaxFile - 1);
  std::memcpy(g_file, plugin_file.data(), n);
  g_file[n] = '\0';
  g_stage = LoadStage::kOpen;
  struct sigaction action {};
  action.sa_handler = on_fatal_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_ONSTACK;  // a stack overflow still gets its message where an alternate stack exists
  for (size_t i = 0; i < std::size(kFatalSignals); ++i) ::sigaction(kFatalSignals[i], &action, &g_previous[i]);
  g_armed = true;
}

LoadGuard::~LoadGuard() {
  g_armed = false;
  restore_signals();
}

void LoadGuard::entering(LoadStage stage) { g_stage = stage; }

}  // namespace retort
