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

  // Whether every one of `steps` passed Plan::prepare's checks on a database like `db` (its dialect and
  // sections) on an earlier run, under the same check key, its file unchanged since: preparing it again
  // would find no problem, so a run may start before it is prepared (runtime/plan_feed.h).
  bool plan_checked(const Database& db, const std::vector<MigrationStep>& steps) const;
  // Remembers, in the revision cache, that `steps` passed Plan::prepare's checks on `db`.
  void remember_plan_checked(const Database& db, const std::vector<MigrationStep>& steps) const;

 private:
  CheckedScripts(const ScriptDirectory& scripts, std::string check_key)
      : scripts_(&scripts), check_key_(std::move(check_key)) {}
  // What a step's checks depend on besides its file: see plan_checked().
  std::string plan_key(const Database& db, bool upgrade) const;

  const ScriptDirectory* scripts_;
  std::string check_key_;
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

// `step` on `db`, its operations validated, resolved for the dialect `dialect` (db.variants()) and checked
// by it; its problems go to `errors`. Safe to call for several steps at once, and while `db` runs others.
PlannedStep prepare_step(const CheckedScripts& scripts, Database& db, const OpCatalogue& catalogue,
                         const DialectVariants& dialect, const MigrationStep& step, ErrorList& errors);

// Every problem of a plan's steps (`per_step[i]`: step i's), in plan order, as the one error that says
// nothing was applied; OK when there are none.
Status plan_problems(const std::vector<ErrorList>& per_step);

struct Plan {
  std::vector<PlannedStep> steps;

  // `steps` on `db`: every operation validated, resolved for the dialect and checked by it; every problem
  // reported at once, and then there is no plan.
  static Result<Plan> prepare(const CheckedScripts& scripts, Database& db, const OpCatalogue& catalogue,
                              const std::vector<MigrationStep>& steps);
};

}  // namespace retort
