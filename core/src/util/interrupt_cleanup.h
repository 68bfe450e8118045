// Work that must happen even when retort is interrupted (SIGINT, SIGTERM, SIGHUP): giving back what a run
// holds outside the process, such as a temporary scratch database. kill -9 cannot be caught; what it leaves
// behind is for the next run to find.
#pragma once

#include <functional>

namespace retort {

// Once, at the start of main and before any other thread starts: from then on these signals run the
// registered cleanups (on a thread of their own), then end the process as the signal would have.
void install_interrupt_cleanup();

// Registers `action` for as long as this object lives. The action runs at most once, on an interrupt
// only; the destructor waits for it if it is running. An action must not throw.
class InterruptCleanup {
 public:
  explicit InterruptCleanup(std::function<void()> action);
  ~InterruptCleanup();
  InterruptCleanup(const InterruptCleanup&) = delete;
  InterruptCleanup& operator=(const InterruptCleanup&) = delete;

 private:
  unsigned long id_;
};

}  // namespace retort
