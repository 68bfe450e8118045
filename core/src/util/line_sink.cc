#include "util/line_sink.h"

namespace retort {

LineSink::LineSink(std::ostream& target, std::mutex& mutex, std::string prefix)
    : std::ostream(nullptr), buffer_(target, mutex, std::move(prefix)) {
  rdbuf(&buffer_);
}

LineSink::~LineSink() { buffer_.finish(); }

void LineSink::Buffer::emit_line() {
  std::lock_guard<std::mutex> lock(mutex_);
  target_ << prefix_ << line_ << std::flush;
  line_.clear();
}

void LineSink::Buffer::finish() {
  if (line_.empty()) return;
  line_ += '\n';
  emit_line();
}

LineSink::int_type LineSink::Buffer::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  line_ += traits_type::to_char_type(ch);
  if (ch == '\n') emit_line();
  return ch;
}

std::streamsize LineSink::Buffer::xsputn(const char* s, std::streamsize n) {
  for (std::streamsize k = 0; k < n; ++k) overflow(traits_type::to_int_type(s[k]));
  return n;
}

}  // namespace retort
