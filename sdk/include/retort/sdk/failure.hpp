// The exception C++ plugin code throws to fail a call; the SDK adapters turn it into an error report.
#pragma once

#include <stdexcept>
#include <string>

namespace retort::sdk {

class Failure : public std::runtime_error {
 public:
  explicit Failure(const std::string& message, std::string sqlstate = "", std::string statement = "")
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)), statement_(std::move(statement)) {}

  const std::string& sqlstate() const { return sqlstate_; }
  const std::string& statement() const { return statement_; }

 private:
  std::string sqlstate_;
  std::string statement_;
};

// Thrown for what can be rendered only against the live database (offline, --sql); the host then knows
// it is a limit of offline scripts, not a problem with the revision.
class NeedsLiveDatabase : public Failure {
 public:
  explicit NeedsLiveDatabase(const std::string& message) : Failure(message) {}
};

// Thrown when a plugin does not handle what was asked (an unknown operation); maps to RETORT_UNSUPPORTED.
class Unsupported : public std::runtime_error {
 public:
  explicit Unsupported(const std::string& what) : std::runtime_error(what) {}
};

// Thrown after the host has already been told why a call failed (a failed host query); the guard then
// returns RETORT_ERROR without a second report.
class Reported : public std::runtime_error {
 public:
  Reported() : std::runtime_error("error already reported to the host") {}
};

}  // namespace retort::sdk
