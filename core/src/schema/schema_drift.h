// `check --db` (DESIGN.md §5): a live database against the tree replayed, in scratch, to that database's
// own version rows: what changed in the database that no revision did (drift).
#pragma once

#include "config/config.h"
#include "schema/schema_comparison.h"
#include "schema/schema_diff.h"

#include <string>
#include <vector>

namespace retort {

struct SchemaDrift {
  std::vector<std::string> at;  // the version rows it was compared at (empty: none)
  size_t pending = 0;           // revisions `upgrade heads` would still run on it
  SchemaDiff diff;              // what would make the live database what its revisions made it
};

// Reads the version rows and the schema under the migration lock, so no run changes them in between.
Result<SchemaDrift> compare_with_revisions(const ComparisonContext& ctx, const DatabaseConfig& db);

}  // namespace retort
