#include "outcome_tally.h"

namespace retort::cli {

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

void OutcomeTally::add(const DatabaseOutcome& outcome) {
  switch (outcome.state) {
    case DatabaseOutcome::State::kDone:
      ++done;
      break;
    case DatabaseOutcome::State::kFailed:
      ++failed;
      if (failures.size() < kListedFailures)
        failures.push_back(Failure{outcome.database->name, outcome.error ? first_line(outcome.error->to_string()) : "",
                                   outcome.failed_check});
      break;
    case DatabaseOutcome::State::kSkipped:
      ++skipped;
      ++skip_reasons[outcome.skipped_because];
      break;
  }
}

}  // namespace retort::cli
