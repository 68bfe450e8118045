// Running another program and waiting for it: post-write hooks (their output captured, for the report
// when one fails) and the editor of `retort edit` (on the user's terminal).
#pragma once

#include "util/status.h"

#include <filesystem>
#include <string>
#include <vector>

namespace retort {

struct ProcessOptions {
  std::filesystem::path cwd;  // empty: the current folder
  bool capture = true;        // false: the program shares retort's stdin, stdout and stderr
};

struct ProcessOutcome {
  int exit_status = 0;  // when it exited
  int signal = 0;       // when a signal ended it
  std::string out;      // with capture
  std::string err;

  bool succeeded() const { return signal == 0 && exit_status == 0; }
  // "exit status 2", "signal 9 (Killed)"
  std::string ending() const;
};

// Runs argv[0] (looked up in PATH when it has no '/') with the arguments argv[1..], and waits for it.
// A program that cannot be started at all (not found, not executable, bad cwd) is an error naming it.
Result<ProcessOutcome> run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

}  // namespace retort
