// The status line a run over several databases keeps at the bottom of a terminal ("312/10000 done,
// 3 failed, 4 running"): an output stream over stderr that takes the line away before each whole line
// written through it and draws it again after, so other output never mixes with it. When disabled (stderr
// is not a terminal, or -q) it passes lines through and draws nothing. Not thread-safe: callers write,
// start and finish under one lock, as MultiDatabaseRun does.
#pragma once

#include "runtime/multi_database_run.h"

#include <chrono>
#include <ostream>
#include <streambuf>
#include <string>

namespace retort::cli {

// Whether `err` is the process's stderr and that is a terminal: where a progress line may be drawn.
bool is_terminal_stderr(const std::ostream& err);

class ProgressLine : public std::ostream {
 public:
  // `total` databases; the line is redrawn for a count change at most once per `min_interval`.
  ProgressLine(std::ostream& target, bool enabled, size_t total,
               std::chrono::milliseconds min_interval = std::chrono::milliseconds(100));
  ~ProgressLine() override;
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  void started();
  void finished(DatabaseOutcome::State state);
  // Takes the line away for good (before the summary); what is left of an unfinished line goes out.
  void clear();

  // "312/10000 done, 3 failed, 4 running" as it stands.
  std::string text() const;

 private:
  class Buffer : public std::streambuf {
   public:
    explicit Buffer(ProgressLine& owner) : owner_(owner) {}
    void flush_partial();

   protected:
    int_type overflow(int_type ch) override;
    int sync() override;
    std::streamsize xsputn(const char* s, std::streamsize n) override;

   private:
    ProgressLine& owner_;
    std::string line_;
  };
  void write_line(const std::string& line);
  void draw(bool force);
  void erase();

  std::ostream& target_;
  bool enabled_;
  bool cleared_ = false;
  size_t total_;
  size_t done_ = 0, failed_ = 0, skipped_ = 0, running_ = 0;
  std::chrono::milliseconds min_interval_;
  std::chrono::steady_clock::time_point last_draw_{};
  bool shown_ = false;
  bool mid_line_ = false;  // an unfinished line was flushed out: no status line until it ends
  Buffer buffer_;
};

}  // namespace retort::cli
