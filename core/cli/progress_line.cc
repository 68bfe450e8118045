#include "progress_line.h"

#include <unistd.h>

#include <iostream>

namespace retort::cli {

bool is_terminal_stderr(const std::ostream& err) { return &err == &std::cerr && ::isatty(STDERR_FILENO) == 1; }

ProgressLine::ProgressLine(std::ostream& target, bool enabled, size_t total, std::chrono::milliseconds min_interval)
    : std::ostream(nullptr), target_(target), enabled_(enabled), total_(total), min_interval_(min_interval), buffer_(*this) {
  rdbuf(&buffer_);
}

ProgressLine::~ProgressLine() { clear(); }

std::string ProgressLine::text() const {
  std::string t = std::to_string(done_) + "/" + std::to_string(total_) + " done, " + std::to_string(failed_) + " failed";
  if (skipped_ > 0) t += ", " + std::to_string(skipped_) + " skipped";
  return t + ", " + std::to_string(running_) + " running";
}

void ProgressLine::started() {
  ++running_;
  draw(false);
}

void ProgressLine::finished(DatabaseOutcome::State state) {
  // A skipped database never started.
  if (state != DatabaseOutcome::State::kSkipped && running_ > 0) --running_;
  (state == DatabaseOutcome::State::kDone ? done_ : state == DatabaseOutcome::State::kFailed ? failed_ : skipped_)++;
  draw(false);
}

void ProgressLine::clear() {
  if (cleared_) return;
  buffer_.flush_partial();
  erase();
  cleared_ = true;
  target_ << std::flush;
}

void ProgressLine::erase() {
  if (!shown_) return;
  target_ << "\r\033[K";
  shown_ = false;
}

void ProgressLine::draw(bool force) {
  if (!enabled_ || cleared_ || mid_line_) return;
  const auto now = std::chrono::steady_clock::now();
  if (!force && shown_ && now - last_draw_ < min_interval_) return;
  last_draw_ = now;
  target_ << "\r" << text() << "\033[K" << std::flush;
  shown_ = true;
}

void ProgressLine::write_line(const std::string& line) {
  const bool was_shown = shown_ || mid_line_;
  erase();
  target_ << line << std::flush;
  mid_line_ = false;
  if (was_shown) draw(true);
}

void ProgressLine::Buffer::flush_partial() {
  if (line_.empty()) return;
  owner_.write_line(line_ + "\n");
  line_.clear();
}

ProgressLine::Buffer::int_type ProgressLine::Buffer::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  if (!owner_.enabled_) {  // nothing to keep apart: straight through
    owner_.target_.put(traits_type::to_char_type(ch));
    return ch;
  }
  line_ += traits_type::to_char_type(ch);
  if (ch == '\n') {
    owner_.write_line(line_);
    line_.clear();
  }
  return ch;
}

int ProgressLine::Buffer::sync() {
  // A flushed unfinished line (a question waiting for an answer) goes out now; the status line stays
  // away until that line is finished.
  if (!line_.empty()) {
    owner_.erase();
    owner_.target_ << line_;
    line_.clear();
    owner_.mid_line_ = true;
  }
  owner_.target_.flush();
  return 0;
}

std::streamsize ProgressLine::Buffer::xsputn(const char* s, std::streamsize n) {
  if (!owner_.enabled_) {
    owner_.target_.write(s, n);
    return n;
  }
  for (std::streamsize k = 0; k < n; ++k) overflow(traits_type::to_int_type(s[k]));
  return n;
}

}  // namespace retort::cli
