// An output stream that hands whole lines, each with a prefix, to a shared stream under a mutex: the
// progress of databases migrated in parallel stays readable, one database's line never splits another's.
#pragma once

#include <mutex>
#include <ostream>
#include <streambuf>
#include <string>

namespace retort {

class LineSink : public std::ostream {
 public:
  // `prefix` starts every line written to `target`; `mutex` guards `target` for every LineSink on it.
  LineSink(std::ostream& target, std::mutex& mutex, std::string prefix);
  ~LineSink() override;
  LineSink(const LineSink&) = delete;
  LineSink& operator=(const LineSink&) = delete;

 private:
  class Buffer : public std::streambuf {
   public:
    Buffer(std::ostream& target, std::mutex& mutex, std::string prefix)
        : target_(target), mutex_(mutex), prefix_(std::move(prefix)) {}
    // Writes out what is left of an unfinished line.
    void finish();

   protected:
    int_type overflow(int_type ch) override;
    std::streamsize xsputn(const char* s, std::streamsize n) override;

   private:
    void emit_line();
    std::ostream& target_;
    std::mutex& mutex_;
    std::string prefix_;
    std::string line_;
  };
  Buffer buffer_;
};

}  // namespace retort
