// What became of the databases of a run over several, gathered as outcomes arrive, for the grouped
// summary of a fleet: counts, the first failures with their first error line, and the reasons for
// skipping, so that it stays small however many databases ran.
#pragma once

#include "runtime/multi_database_run.h"

#include <map>
#include <string>
#include <vector>

namespace retort::cli {

// Failures listed by name in a grouped summary; the rest are counted (--report has them all).
constexpr size_t kListedFailures = 20;

struct OutcomeTally {
  struct Failure {
    std::string name;
    std::string first_line;  // of the error, as printed
    bool failed_check = false;
  };

  void add(const DatabaseOutcome& outcome);

  size_t done = 0, failed = 0, skipped = 0;
  std::vector<Failure> failures;               // the first kListedFailures
  std::map<std::string, size_t> skip_reasons;  // reason -> databases
};

// The first line of `text`.
std::string first_line(const std::string& text);

}  // namespace retort::cli
