// The operations one migration step runs on one database: a revision's [[upgrade]] then
// [[upgrade_NAME]] sections, or for a downgrade its [[downgrade_NAME]] then [[downgrade]] sections, where
// a missing downgrade section is derived from the inverses of the upgrade operations.
#pragma once

#include "ops/dialect_variants.h"
#include "ops/op_catalogue.h"
#include "script/revision_file.h"
#include "util/status.h"

#include <toml++/toml.h>

#include <string>
#include <vector>

namespace retort {

struct PlannedOp {
  std::string name;      // the op name
  toml::table args;      // as written, or the derived inverse
  const OpSpec* spec = nullptr;
  std::string location;  // "path:line" of the op (for an inverse: of the op it undoes)
  bool derived = false;  // an automatic inverse
};

// `engine` is the configured database name (selects [[upgrade_NAME]]).
Result<std::vector<PlannedOp>> operations_for_step(const RevisionFile& file, bool upgrade, const std::string& engine,
                                                   const OpCatalogue& catalogue);

// Checks every operation of every section of `file` against the catalogue; per-dialect variants are
// checked for `dialect` unless it is "".
void validate_revision_operations(const RevisionFile& file, const OpCatalogue& catalogue, const DialectVariants& dialect,
                                  ErrorList& errors);

// Reports [[upgrade_NAME]] / [[downgrade_NAME]] sections whose NAME is not a configured database (a
// typo would otherwise silently skip those operations). Does nothing when `database_names` is empty.
void check_section_names(const RevisionFile& file, const std::vector<std::string>& database_names, ErrorList& errors);

// One revision file against the catalogue and the configured database names: the checks that do not depend
// on which database runs it, so a run over several databases makes them once (and a later run, for an
// unchanged file under the same catalogue, not at all: runtime/run_plan.h).
void check_revision_file(const RevisionFile& file, const OpCatalogue& catalogue,
                         const std::vector<std::string>& database_names, ErrorList& errors);

}  // namespace retort
