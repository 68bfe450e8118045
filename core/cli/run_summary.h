// The summary that ends a migration command over several databases (upgrade, downgrade, stamp): its first
// line "Summary: N of M databases done (how they were checked)", then a line per database, or for a
// selection reported in groups (a fleet, runtime/database_selection.h) counts by outcome with the first
// failures and their first error line.
#pragma once

#include "outcome_tally.h"

#include "runtime/multi_database_run.h"

#include <ostream>
#include <string>
#include <vector>

namespace retort::cli {

struct SummaryHeading {
  MigrationRequest::Command command = MigrationRequest::Command::kUpgrade;
  bool sql = false;
  Precheck precheck = Precheck::kAll;
  std::string report_path;  // --report, named where the list of failures is cut short
};

// A line per database, with what each one's run did.
void print_summary(std::ostream& err, const SummaryHeading& heading, const std::vector<DatabaseOutcome>& outcomes);

// Grouped by outcome.
void print_grouped_summary(std::ostream& err, const SummaryHeading& heading, const OutcomeTally& tally);

}  // namespace retort::cli
