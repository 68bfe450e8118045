#include "background_retort.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace retort::testing {

BackgroundRetort::BackgroundRetort(const std::filesystem::path& cwd, const std::vector<std::string>& args) {
  char pattern[] = "/tmp/retort-bg-XXXXXX";
  if (!::mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
  output_ = pattern;
  const std::string out = (output_ / "out").string(), err = (output_ / "err").string();
  std::vector<std::string> argv_text = {RETORT_BINARY};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int in = ::open("/dev/null", O_RDONLY);
    if (o < 0 || e < 0 || in < 0 || ::chdir(cwd.c_str()) != 0) ::_exit(127);
    ::dup2(o, STDOUT_FILENO);
    ::dup2(e, STDERR_FILENO);
    ::dup2(in, STDIN_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
}

BackgroundRetort::~BackgroundRetort() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    (void)wait();
  }
  std::error_code ignored;
  std::filesystem::remove_all(output_, ignored);
}

void BackgroundRetort::signal(int sig) {
  if (pid_ > 0) ::kill(pid_, sig);
}

int BackgroundRetort::wait() {
  if (pid_ > 0) {
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    reaped(status);
  }
  return exit_code_;
}

bool BackgroundRetort::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) != pid_) return true;
  reaped(status);
  return false;
}

void BackgroundRetort::reaped(int status) {
  pid_ = -1;
  exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string BackgroundRetort::err() const {
  std::ifstream in(output_ / "err");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace retort::testing
