// `retort repair` on one database (DESIGN.md §6): records the current checksum of every applied revision
// whose file changed since it was applied, or whose checksum was never recorded, as a "repair" row of the
// history table, so validation passes again once an edit was intended.
#pragma once

#include "ops/op_catalogue.h"
#include "runtime/checksum_check.h"
#include "runtime/database.h"
#include "script/script_directory.h"
#include "util/status.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace retort {

struct RepairedChecksum {
  RevIndex revision;
  std::string previous;  // "" when none was recorded
  std::string recorded;
};

// Under the migration lock (waiting up to `lock_timeout_seconds`, announced on `waiting` when given) and
// in one transaction: appends a repair row per revision that needs one and returns them, none when
// nothing needed it. A version row naming a revision no file defines cannot be repaired: an error naming
// every such row, and nothing is recorded.
Result<std::vector<RepairedChecksum>> repair_checksums(const ScriptDirectory& scripts, Database& db,
                                                       const OpCatalogue& catalogue, int lock_timeout_seconds,
                                                       std::ostream* waiting);

}  // namespace retort
