// The --report FILE of a migration command: {"databases": [{"name", "outcome", "revisions", "error",
// "seconds"}, ...]} (DESIGN.md §3), for an orchestrator. Entries are written as outcomes arrive, so a run
// over a fleet keeps nothing per database for it, into a temporary file beside FILE that replaces FILE
// only once complete: a reader never sees half a report, and a failed run still leaves a whole one.
#pragma once

#include "runtime/multi_database_run.h"
#include "util/status.h"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

namespace retort {

class OutcomeReport {
 public:
  // Starts the temporary file next to `path` (its folder must exist).
  static Result<OutcomeReport> create(const std::filesystem::path& path);

  OutcomeReport(OutcomeReport&&) noexcept;
  OutcomeReport& operator=(OutcomeReport&&) = delete;
  // Removes the temporary file of a report never finished.
  ~OutcomeReport();

  // One database's entry. "error" is the error for a failed database, the reason for a skipped one,
  // null for one done; errors carry masked URLs only (config/url.h), so no password gets in.
  Status add(const DatabaseOutcome& outcome);
  // The same for a database the command never got to run: failed with `error` (the revision files did
  // not load, say), so that every selected database still has its entry.
  Status add_failed(const DatabaseConfig& database, const Error& error);
  // Closes the document and moves it to `path`.
  Status finish();

 private:
  OutcomeReport(std::filesystem::path path, std::filesystem::path temporary, std::FILE* file);
  Status write(const std::string& text);
  Status entry(const std::string& name, const char* outcome, const std::vector<std::string>& revisions,
               const std::string* error, double seconds);

  std::filesystem::path path_;
  std::filesystem::path temporary_;
  std::FILE* file_ = nullptr;
  size_t entries_ = 0;
};

}  // namespace retort
