#include "plugin/plugin_probe.h"

#include "plugin/plugin_call.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <thread>

// Provided by the sanitizer runtimes when retort is built with them (weak: absent otherwise).
// NOLINTNEXTLINE(bugprone-reserved-identifier): the runtime's own name
extern "C" void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

namespace retort {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds kDefaultTimeout{10000};
constexpr milliseconds kExitGrace{1000};
// Written by the child besides the stages, last: it finished, and retort loaded the plugin cleanly or
// refused it; or a sanitizer found an error and is ending the process.
constexpr char kClean = 'C';
constexpr char kRefused = 'R';
constexpr char kSanitizer = 'Z';

void write_byte(int fd, char byte) {
  while (::write(fd, &byte, 1) < 0 && errno == EINTR) {
  }
}

class PipeObserver final : public LoadObserver {
 public:
  explicit PipeObserver(int fd) : fd_(fd) {}
  void entering(LoadStage stage) override { write_byte(fd_, static_cast<char>(stage)); }

 private:
  int fd_;
};

int g_child_pipe = -1;  // in the child: where the sanitizer's death callback reports
void on_sanitizer_death() { write_byte(g_child_pipe, kSanitizer); }

// The child: loads, reports, and leaves with _exit so that none of retort's atexit handlers, static
// destructors or buffered output runs twice.
[[noreturn]] void run_child(int fd, pid_t parent, const std::function<bool(LoadObserver&)>& load) {
#ifdef __linux__
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // a probe never outlives retort
#endif
  if (::getppid() != parent) ::_exit(0);
  // Should retort stop listening, a report is lost, not the child's way of ending.
  std::signal(SIGPIPE, SIG_IGN);
  // retort's interrupt handling (util/interrupt_cleanup) has no thread here: an interrupt just ends it.
  sigset_t all;
  sigfillset(&all);
  pthread_sigmask(SIG_UNBLOCK, &all, nullptr);
  // retort's results go to stdout, so a plugin that prints while loading must not print there twice; its
  // stderr (an abort's message, a sanitizer's report) is the user's to see.
  int null_fd = ::open("/dev/null", O_RDWR);
  if (null_fd >= 0) {
    ::dup2(null_fd, STDIN_FILENO);
    ::dup2(null_fd, STDOUT_FILENO);
    if (null_fd > STDERR_FILENO) ::close(null_fd);
  }
  // A fault must end the child by its signal, which names it, even where a sanitizer or a guard had
  // installed a handler of its own.
  for (int sig : kFatalSignals) std::signal(sig, SIG_DFL);
  if (__sanitizer_set_death_callback) {
    g_child_pipe = fd;
    __sanitizer_set_death_callback(on_sanitizer_death);
  }
  PipeObserver observer(fd);
  bool clean = false;
  try {
    clean = load(observer);
  } catch (...) {
    // retort's own failure, not the plugin's: the load inside retort meets it again and reports it.
  }
  write_byte(fd, clean ? kClean : kRefused);
  ::_exit(0);
}

bool is_stage(char byte) {
  for (LoadStage stage : {LoadStage::kOpen, LoadStage::kEntry, LoadStage::kTables, LoadStage::kInit})
    if (byte == static_cast<char>(stage)) return true;
  return false;
}

// What the parent learnt from the child's pipe.
struct ChildReport {
  std::optional<LoadStage> stage;  // the last stage the child entered
  bool finished = false;
  bool clean = false;
  bool sanitizer = false;
};

// Reads the child's reports until it finished, the pipe ends (the child is gone, or closed it) or the
// deadline passes; false for the deadline.
bool read_reports(int fd, ChildReport& report, Clock::time_point deadline) {
  for (;;) {
    auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1'000'000)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) return false;
    char bytes[64];
    ssize_t n = ready < 0 ? -1 : ::read(fd, bytes, sizeof bytes);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return true;
    for (ssize_t i = 0; i < n; ++i) {
      if (bytes[i] == kSanitizer) {
        report.sanitizer = true;
      } else if (bytes[i] == kClean || bytes[i] == kRefused) {
        report.finished = true;
        report.clean = bytes[i] == kClean;
      } else if (is_stage(bytes[i])) {
        report.stage = static_cast<LoadStage>(bytes[i]);
      }
    }
    if (report.finished) return true;
  }
}

// The child's wait status once it has ended, polling until the deadline; nullopt if it is still running.
std::optional<int> wait_until(pid_t pid, Clock::time_point deadline) {
  auto pause = std::chrono::microseconds(100);
  for (;;) {
    int status = 0;
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return status;
    if (r < 0 && errno != EINTR) return 0;  // not our child any more: nothing to wait for
    if (Clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(pause);
    pause = std::min<std::chrono::microseconds>(pause * 2, milliseconds(20));
  }
}

int kill_and_reap(pid_t pid) {
  ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

// " (in init)", or nothing when the child ended before it reached the plugin's code.
std::string stage_note(const ChildReport& report, const char* words) {
  return report.stage ? std::string(" (") + words + stage_name(*report.stage) + ")" : std::string();
}

std::string signal_text(int sig) {
  if (const char* name = fatal_signal_name(sig)) return name;
  const char* description = ::strsignal(sig);
  return "signal " + std::to_string(sig) + (description ? std::string(" (") + description + ")" : std::string());
}

Error child_failure(const ChildReport& report, int status, bool timed_out, milliseconds timeout) {
  if (timed_out)
    return Error("did not finish loading within " + seconds_text(timeout) + stage_note(report, "stopped in "))
        .hint("a plugin's loading must not wait for a network, a lock or input; if it really needs longer, set "
              "RETORT_PLUGIN_LOAD_TIMEOUT to more seconds (now " + seconds_text(timeout) + ")");
  if (report.sanitizer)
    return Error("was stopped by a sanitizer while loading" + stage_note(report, "in ") + "; its report is above")
        .hint(kPluginBugHint);
  if (WIFSIGNALED(status))
    return Error("crashed while loading (" + signal_text(WTERMSIG(status)) +
                 (report.stage ? std::string(" in ") + stage_name(*report.stage) : std::string()) + ")")
        .hint(kPluginBugHint);
  return Error("called exit(" + std::to_string(WEXITSTATUS(status)) + ") while loading" + stage_note(report, "in "))
      .hint(kPluginBugHint);
}

}  // namespace

std::string seconds_text(milliseconds duration) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", static_cast<double>(duration.count()) / 1000.0);
  std::string s = text;
  s.erase(s.find_last_not_of('0') + 1);
  if (s.back() == '.') s.pop_back();
  return s + " s";
}

Result<milliseconds> plugin_load_timeout() {
  const char* text = std::getenv("RETORT_PLUGIN_LOAD_TIMEOUT");
  if (!text || !*text) return kDefaultTimeout;
  char* end = nullptr;
  double seconds = std::strtod(text, &end);
  if (end == text || *end != '\0' || !std::isfinite(seconds) || seconds <= 0 || seconds > 24 * 3600)
    return Error(std::string("RETORT_PLUGIN_LOAD_TIMEOUT is '") + text +
                 "', which is not a number of seconds between 0 and 86400")
        .hint("set it to how long a plugin may take to load, e.g. RETORT_PLUGIN_LOAD_TIMEOUT=30, or unset it for " +
              seconds_text(kDefaultTimeout));
  return std::max(milliseconds(1), milliseconds(static_cast<long long>(std::llround(seconds * 1000))));
}

Result<bool> probe_in_child(const std::function<bool(LoadObserver&)>& load, milliseconds timeout) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    return Error(std::string("cannot check it in a separate process: pipe: ") + std::strerror(errno))
        .hint("the system is out of file descriptors");
  // Output retort has buffered must not reach the child, or a plugin's exit() there would write it twice.
  std::fflush(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    int e = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    return Error(std::string("cannot check it in a separate process: fork: ") + std::strerror(e))
        .hint("the system is out of processes or memory");
  }
  if (pid == 0) {
    ::close(fds[0]);
    run_child(fds[1], parent, load);
  }
  ::close(fds[1]);
  const Clock::time_point deadline = Clock::now() + timeout;
  ChildReport report;
  const bool ended = read_reports(fds[0], report, deadline);
  ::close(fds[0]);
  // A child whose pipe ended is exiting (the pipe closes before the process can be reaped): give it a
  // moment even at the deadline. One that is still writing at the deadline gets a last look.
  std::optional<int> status = wait_until(pid, ended ? std::max(deadline, Clock::now() + kExitGrace) : Clock::now());
  const bool timed_out = !status;
  if (timed_out) status = kill_and_reap(pid);
  if (!timed_out && report.finished && WIFEXITED(*status) && WEXITSTATUS(*status) == 0) return report.clean;
  return child_failure(report, *status, timed_out, timeout);
}

}  // namespace retort
