// retort started in the background, for tests that interrupt or kill it mid-run.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <sys/types.h>

namespace retort::testing {

class BackgroundRetort {
 public:
  // Starts the build's retort in `cwd` with `args`; its output goes to files in a folder of its own.
  BackgroundRetort(const std::filesystem::path& cwd, const std::vector<std::string>& args);
  // Kills it (SIGKILL) if it still runs.
  ~BackgroundRetort();
  BackgroundRetort(const BackgroundRetort&) = delete;
  BackgroundRetort& operator=(const BackgroundRetort&) = delete;

  void signal(int sig);
  // Waits for it to end: the exit code, or 128 + the signal that ended it.
  int wait();
  bool running();
  std::string err() const;

 private:
  void reaped(int status);

  pid_t pid_ = -1;
  int exit_code_ = -1;
  std::filesystem::path output_;
};

}  // namespace retort::testing
