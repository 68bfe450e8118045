// What a run will do to one database, prepared before anything runs: the revision files it may use
// (CheckedScripts), and the steps with their operations resolved and checked for the dialect (Plan).
#pragma once

#include "graph/migration_plan.h"
#include "ops/op_catalogue.h"
#include "ops/revision_ops.h"
#include "runtime/database.h"
#include "script/script_directory.h"
#include "util/status.h"

#include <toml++/toml.h>

#include <string>
#include <vector>

namespace retort {

// Revision files that all passed check_revision_file() for the configured databases: the only way runs get
// their revisions, so nothing runs from unchecked files and a run over several databases checks once.
// A file that passed under the same `check_key` (runtime/check_key.h) on an earlier run and is unchanged
// since is not parsed or checked again: a deploy on a big tree parses only what it runs.
class CheckedScripts {
 public:
  static Result<CheckedScripts> check(const ScriptDirectory& scripts, const OpCatalogue& catalogue,
                                      const std::vector<std::string>& database_names, const std::string& check_key);

  const ScriptDirectory& scripts() const { return *scripts_; }
  const RevisionMap& map() const { return scripts_->map(); }

 private:
  explicit CheckedScripts(const ScriptDirectory& scripts) : scripts_(&scripts) {}
  const ScriptDirectory* scripts_;
};

// One revision going up or down on one database.
struct PlannedStep {
  MigrationStep step;
  std::vector<PlannedOp> ops;          // their `args` moved into `resolved`
  std::vector<toml::table> resolved;  // ops[i] with every per-dialect choice made for the database
  bool transactional = true;          // false: the revision says `transaction = false`

  // Where operation `k` is, for errors: "path:line: upgrade REV, operation 'name'".
  std::string operation_context(size_t k, const std::string& revision_id) const;
};

struct Plan {
  std::vector<PlannedStep> steps;

  // `steps` on `db`: every operation validated, resolved for the dialect and checked by it; every problem
  // reported at once, and then there is no plan.
  static Result<Plan> prepare(const CheckedScripts& scripts, Database& db, const OpCatalogue& catalogue,
                              const std::vector<MigrationStep>& steps);
};

}  // namespace retort
