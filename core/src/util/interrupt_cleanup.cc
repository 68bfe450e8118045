#include "util/interrupt_cleanup.h"

#include <csignal>
#include <map>
#include <mutex>
#include <pthread.h>
#include <thread>

namespace retort {
namespace {

std::mutex g_mutex;
std::map<unsigned long, std::function<void()>> g_actions;  // guarded by g_mutex
unsigned long g_next_id = 0;                                // guarded by g_mutex

sigset_t interrupt_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  return set;
}

[[noreturn]] void on_interrupts(sigset_t set) {
  int sig = 0;
  while (sigwait(&set, &sig) != 0) {
  }
  {
    // Held to the end: a cleanup being deregistered now waits, and none is added.
    std::lock_guard<std::mutex> lock(g_mutex);
    for (auto& [id, action] : g_actions) action();
    g_actions.clear();
    // Ends the process the way the signal would have (the shell sees "interrupted", exit 130 for SIGINT).
    std::signal(sig, SIG_DFL);
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
    std::raise(sig);
  }
  std::_Exit(128 + sig);
}

}  // namespace

void install_interrupt_cleanup() {
  // Blocked in every thread (threads inherit the mask), so only the waiting thread ever receives them.
  const sigset_t set = interrupt_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread(on_interrupts, set).detach();
}

InterruptCleanup::InterruptCleanup(std::function<void()> action) {
  std::lock_guard<std::mutex> lock(g_mutex);
  id_ = g_next_id++;
  g_actions.emplace(id_, std::move(action));
}

InterruptCleanup::~InterruptCleanup() {
  std::lock_guard<std::mutex> lock(g_mutex);
  g_actions.erase(id_);
}

}  // namespace retort
