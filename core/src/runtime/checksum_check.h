// Whether the revisions a database has applied are still what their files say (DESIGN.md §6): each applied
// revision's checksum now against the one its latest successful upgrade, stamp or repair recorded. What
// `validate` reports, `repair` acts on and upgrade and downgrade check before they change anything.
#pragma once

#include "runtime/database.h"
#include "runtime/history_table.h"
#include "script/script_directory.h"
#include "util/status.h"

#include <string>
#include <vector>

namespace retort {

struct ChangedRevision {
  RevIndex revision;
  std::string recorded;  // the checksum its history row holds
  std::string current;   // its file's checksum now
};

struct ChecksumCheck {
  std::vector<RevIndex> matching;
  std::vector<ChangedRevision> changed;
  std::vector<std::string> missing;  // version rows no revision file defines
  // Applied with no checksum recorded (before the history table existed, as in an adopted alembic_version
  // database, or implied by a stamp of a later revision): a note, never a problem.
  std::vector<RevIndex> unrecorded;

  bool clean() const { return changed.empty() && missing.empty(); }
};

// The checksums `history` (every row, oldest first) recorded, as HistoryTable::recorded_checksums reads them.
RecordedChecksums recorded_checksums(const std::vector<HistoryEntry>& history);

// Compares the revisions `version_ids` make applied with their files.
ChecksumCheck check_checksums(const ScriptDirectory& scripts, const std::vector<std::string>& version_ids,
                              const RecordedChecksums& recorded);

// One line per changed or missing revision: "migrations/versions/a1_x.toml: revision a1 changed after it
// was applied (checksum recorded v1:..., now v1:...)"; `version_table` names where a missing one is listed.
std::vector<std::string> checksum_problems(const ScriptDirectory& scripts, const ChecksumCheck& check,
                                           const std::string& version_table);
// What to do about them: restore the files, or repair (changed) and stamp (missing).
std::string checksum_hint(const ChecksumCheck& check);

// Inside a run's lock, before it plans: an error naming every changed or missing applied revision, unless
// the database's validate_on_migrate is off. `version_ids` are the rows the run just read.
Status validate_before_run(const ScriptDirectory& scripts, Database& db, HistoryTable& history,
                           const std::vector<std::string>& version_ids);

}  // namespace retort
