// Runs fn(i) for i in [0, count) on every core, for independent work on big trees (parsing, stat calls,
// preparing each revision's operations). Small counts stay on the calling thread.
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace retort {

template <class Fn>
void parallel_for(size_t count, Fn fn) {
  if (count == 0) return;
  // hardware_concurrency() reads sysfs on every call: once per process, not once per call here.
  static const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const unsigned workers = std::min<unsigned>(cores, static_cast<unsigned>(count / 64 + 1));
  auto work = [&](size_t first) {
    for (size_t i = first; i < count; i += workers) fn(i);
  };
  std::vector<std::thread> threads;
  for (unsigned w = 1; w < workers; ++w) threads.emplace_back(work, w);
  work(0);
  for (auto& t : threads) t.join();
}

}  // namespace retort
