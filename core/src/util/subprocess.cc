#include "util/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;

namespace retort {
namespace {

struct Pipe {
  int fd[2] = {-1, -1};
  ~Pipe() {
    for (int f : fd)
      if (f >= 0) close(f);
  }
  void close_end(int i) {
    if (fd[i] >= 0) close(fd[i]);
    fd[i] = -1;
  }
};

struct FileActions {
  posix_spawn_file_actions_t actions;
  FileActions() { posix_spawn_file_actions_init(&actions); }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions); }
};

// Reads both pipes to their end, whichever the program writes first, so that neither fills up.
void drain(Pipe& out, Pipe& err, std::string& out_text, std::string& err_text) {
  pollfd fds[2] = {{out.fd[0], POLLIN, 0}, {err.fd[0], POLLIN, 0}};
  std::string* texts[2] = {&out_text, &err_text};
  int open = 2;
  char buf[4096];
  while (open > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        fds[i].fd = -1;
        --open;
        continue;
      }
      texts[i]->append(buf, static_cast<size_t>(n));
    }
  }
}

}  // namespace

std::string ProcessOutcome::ending() const {
  if (signal != 0) return "signal " + std::to_string(signal) + " (" + strsignal(signal) + ")";
  return "exit status " + std::to_string(exit_status);
}

Result<ProcessOutcome> run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
  if (argv.empty() || argv.front().empty()) return Error("no program to run");
  FileActions fa;
  Pipe out, err;
  if (options.capture) {
    if (pipe2(out.fd, O_CLOEXEC) != 0 || pipe2(err.fd, O_CLOEXEC) != 0)
      return Error(std::string("cannot create a pipe: ") + std::strerror(errno));
    posix_spawn_file_actions_adddup2(&fa.actions, out.fd[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&fa.actions, err.fd[1], STDERR_FILENO);
    posix_spawn_file_actions_addopen(&fa.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  }
  if (!options.cwd.empty()) posix_spawn_file_actions_addchdir_np(&fa.actions, options.cwd.c_str());
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, argv.front().c_str(), &fa.actions, nullptr, args.data(), environ);
  if (rc != 0) {
    Error e("cannot run '" + argv.front() + "': " + std::strerror(rc));
    if (rc == ENOENT && !options.cwd.empty()) e.hint("check that the program is installed (in PATH) and that the folder '" + options.cwd.string() + "' exists");
    else if (rc == ENOENT) e.hint("check that the program is installed and in PATH");
    return e;
  }
  ProcessOutcome outcome;
  if (options.capture) {
    out.close_end(1);
    err.close_end(1);
    drain(out, err, outcome.out, outcome.err);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return Error(std::string("lost track of '") + argv.front() + "': " + std::strerror(errno));
  }
  if (WIFSIGNALED(status)) outcome.signal = WTERMSIG(status);
  if (WIFEXITED(status)) outcome.exit_status = WEXITSTATUS(status);
  return outcome;
}

}  // namespace retort
