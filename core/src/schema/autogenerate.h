// `retort revision --autogenerate` (DESIGN.md §7): one revision that takes every selected database from
// what its tree gives to what its schema files declare, tried in scratch before it is written.
#pragma once

#include "schema/schema_comparison.h"
#include "script/revision_layout.h"
#include "script/revision_writer.h"

#include <iosfwd>

namespace retort {

struct AutogenerateRequest {
  RevisionRequest revision;  // message, head, labels, ... as `revision` takes them
  bool from_db = false;      // compare with the live databases instead of the tree
  DiffOptions diff;
};

struct AutogenerateOutcome {
  bool ready = false;                    // a revision is to be written: `revision` as `text`
  NewRevision revision;
  std::string text;
  std::vector<std::string> notes;        // what was found, per database, for the user
};

// The databases without schema files are skipped (and named in the notes); none with one is an error.
// Nothing is written: the caller writes `text` (or shows it, for --dry-run).
Result<AutogenerateOutcome> autogenerate(const ComparisonContext& ctx, const std::vector<const DatabaseConfig*>& dbs,
                                         const std::vector<const DatabaseConfig*>& all_databases,
                                         const AutogenerateRequest& request, const RevisionLayout& layout);

}  // namespace retort
