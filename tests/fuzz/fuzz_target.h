// The one function every fuzz target defines (libFuzzer's entry point); replay_main.cc calls it for each
// file of a corpus when the target is built without libFuzzer.
#pragma once

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

// A broken invariant: aborts, so libFuzzer saves the input and the replay test fails.
#define FUZZ_CHECK(condition)                                                                   \
  do {                                                                                           \
    if (!(condition)) {                                                                          \
      __builtin_printf("fuzz check failed: %s (%s:%d)\n", #condition, __FILE__, __LINE__);       \
      __builtin_abort();                                                                         \
    }                                                                                            \
  } while (0)
