// How long one step of a run took, for the "  done in 0.42 s" line that -v prints after each revision.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

namespace retort {

class StepClock {
 public:
  StepClock() : start_(std::chrono::steady_clock::now()) {}

  // "  done in 0.42 s\n": the time since the clock was made.
  std::string done_line() const {
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start_;
    char text[48];
    std::snprintf(text, sizeof text, "  done in %.2f s\n", took.count());
    return text;
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

}  // namespace retort
