#include "run_summary.h"

#include "graph/revision_query.h"

#include <algorithm>
#include <iomanip>

namespace retort::cli {
namespace {

using Command = MigrationRequest::Command;

std::string done_text(Command command, bool sql, const RunReport& r) {
  if (sql) return "script written";
  if (command == Command::kStamp) return "stamped; now at " + id_list(r.after);
  if (r.steps == 0) return "nothing to do; at " + id_list(r.after);
  return std::string(command == Command::kUpgrade ? "upgraded " : "downgraded ") + std::to_string(r.steps) +
         (r.steps == 1 ? " revision" : " revisions") + "; now at " + id_list(r.after);
}

void first_line_of_summary(std::ostream& err, const SummaryHeading& h, size_t done, size_t total) {
  err << "Summary: " << done << " of " << total << " databases " << (h.sql ? "scripted" : "done")
      << (h.sql ? "" : h.precheck == Precheck::kAll ? " (all checked before any was changed)"
                                                     : " (each checked right before it ran)")
      << "\n";
}

}  // namespace

void print_summary(std::ostream& err, const SummaryHeading& heading, const std::vector<DatabaseOutcome>& outcomes) {
  size_t width = 0;
  for (const auto& o : outcomes) width = std::max(width, o.database->name.size());
  size_t done = 0;
  for (const auto& o : outcomes) done += o.state == DatabaseOutcome::State::kDone ? 1 : 0;
  first_line_of_summary(err, heading, done, outcomes.size());
  for (const auto& o : outcomes) {
    err << "  " << std::left << std::setw(static_cast<int>(width)) << o.database->name << "  ";
    switch (o.state) {
      case DatabaseOutcome::State::kDone:
        err << "ok       " << done_text(heading.command, heading.sql, o.report);
        break;
      case DatabaseOutcome::State::kFailed:
        err << "FAILED   " << (o.failed_check ? "failed the check before the run; nothing was changed" : "see the error above");
        break;
      case DatabaseOutcome::State::kSkipped:
        err << "skipped  " << o.skipped_because;
        break;
    }
    err << "\n";
  }
}

void print_grouped_summary(std::ostream& err, const SummaryHeading& heading, const OutcomeTally& tally) {
  first_line_of_summary(err, heading, tally.done, tally.done + tally.failed + tally.skipped);
  err << "  " << tally.done << (heading.sql ? " scripted" : " done") << "\n";
  if (tally.failed > 0) {
    err << "  " << tally.failed << " failed:\n";
    size_t width = 0;
    for (const auto& f : tally.failures) width = std::max(width, f.name.size());
    for (const auto& f : tally.failures)
      err << "    " << std::left << std::setw(static_cast<int>(width)) << f.name << "  "
          << (f.failed_check ? "(in the check before the run) " : "") << f.first_line << "\n";
    if (tally.failed > tally.failures.size())
      err << "    ... and " << tally.failed - tally.failures.size() << " more"
          << (heading.report_path.empty() ? " (--report FILE lists every one)" : " (see " + heading.report_path + ")")
          << "\n";
  }
  for (const auto& [reason, count] : tally.skip_reasons) err << "  " << count << " skipped: " << reason << "\n";
}

}  // namespace retort::cli
