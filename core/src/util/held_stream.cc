#include "util/held_stream.h"

namespace retort {

HeldStream::HeldStream(std::ostream& target) : std::ostream(nullptr), buffer_(target) { rdbuf(&buffer_); }

void HeldStream::release() {
  buffer_.holding = false;
  if (buffer_.kept.empty()) return;
  buffer_.target << buffer_.kept << std::flush;
  buffer_.kept.clear();
}

void HeldStream::discard() {
  buffer_.holding = false;
  buffer_.kept.clear();
}

HeldStream::int_type HeldStream::Buffer::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  const char c = traits_type::to_char_type(ch);
  xsputn(&c, 1);
  return ch;
}

std::streamsize HeldStream::Buffer::xsputn(const char* s, std::streamsize n) {
  if (holding) {
    kept.append(s, static_cast<size_t>(n));
  } else {
    target.write(s, n);
  }
  return n;
}

int HeldStream::Buffer::sync() {
  if (!holding) target.flush();
  return 0;
}

}  // namespace retort
