// An output stream that passes what it is given to another stream, or holds it back until told whether
// to let it through: a run that starts before its whole plan is known shows its progress only once the
// plan stands, so a plan that turns out to have problems prints them alone, as if nothing had started.
#pragma once

#include <ostream>
#include <streambuf>
#include <string>

namespace retort {

class HeldStream : public std::ostream {
 public:
  explicit HeldStream(std::ostream& target);
  HeldStream(const HeldStream&) = delete;
  HeldStream& operator=(const HeldStream&) = delete;

  // From now on, keeps what is written.
  void hold() { buffer_.holding = true; }
  // Writes out what was kept, and passes what follows straight on.
  void release();
  // Drops what was kept, and passes what follows straight on.
  void discard();

 private:
  struct Buffer : public std::streambuf {
    explicit Buffer(std::ostream& target) : target(target) {}
    int_type overflow(int_type ch) override;
    std::streamsize xsputn(const char* s, std::streamsize n) override;
    int sync() override;

    std::ostream& target;
    bool holding = false;
    std::string kept;
  };
  Buffer buffer_;
};

}  // namespace retort
