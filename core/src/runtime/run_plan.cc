#include "runtime/run_plan.h"

#include "ops/op_resolution.h"
#include "ops/op_validation.h"
#include "util/parallel_for.h"
#include "util/sha256.h"

#include <algorithm>

namespace retort {

Result<CheckedScripts> CheckedScripts::check(const ScriptDirectory& scripts, const OpCatalogue& catalogue,
                                             const std::vector<std::string>& database_names,
                                             const std::string& check_key) {
  std::vector<RevIndex> unchecked;
  for (RevIndex i = 0; i < scripts.map().size(); ++i)
    if (!scripts.checked_under(i, check_key)) unchecked.push_back(i);
  RETORT_TRY(scripts.load_documents(unchecked));
  ErrorList errors;
  // Every file is checked, not just the ones on a path: a broken file is a broken project.
  for (RevIndex i : unchecked) {
    RETORT_ASSIGN_OR_RETURN(const RevisionFile* file, scripts.document(i));
    check_revision_file(*file, catalogue, database_names, errors);
  }
  if (!errors.empty()) return errors.combined(std::to_string(errors.errors().size()) + " problems in the revision files:");
  if (!unchecked.empty()) scripts.remember_checked(check_key);
  return CheckedScripts(scripts, check_key);
}

std::string CheckedScripts::plan_key(const Database& db, bool upgrade) const {
  if (check_key_.empty()) return "";
  const DialectVariants dialect = db.variants();
  // Short: one is kept per database and direction in every revision's cache entry.
  return sha256_hex(check_key_ + '\n' + dialect.name + '\n' + dialect.family + '\n' + section_name(db.config()) +
                    '\n' + (upgrade ? "upgrade" : "downgrade"))
      .substr(0, 16);
}

bool CheckedScripts::plan_checked(const Database& db, const std::vector<MigrationStep>& steps) const {
  const std::string up = plan_key(db, true), down = plan_key(db, false);
  if (up.empty()) return false;
  return std::all_of(steps.begin(), steps.end(), [&](const MigrationStep& s) {
    return scripts_->planned_under(s.revision, s.upgrade ? up : down);
  });
}

void CheckedScripts::remember_plan_checked(const Database& db, const std::vector<MigrationStep>& steps) const {
  const std::string up = plan_key(db, true), down = plan_key(db, false);
  if (up.empty() || steps.empty()) return;
  std::vector<std::pair<RevIndex, std::string>> passed;
  passed.reserve(steps.size());
  for (const auto& s : steps) passed.emplace_back(s.revision, s.upgrade ? up : down);
  scripts_->remember_planned(passed);
}

std::string PlannedStep::operation_context(size_t k, const std::string& revision_id) const {
  const PlannedOp& op = ops[k];
  return op.location + ": " + (step.upgrade ? "upgrade " : "downgrade ") + revision_id + ", operation '" + op.name +
         "'" + (op.derived ? " (automatic inverse)" : "");
}

PlannedStep prepare_step(const CheckedScripts& scripts, Database& db, const OpCatalogue& catalogue,
                         const DialectVariants& dialect, const MigrationStep& step, ErrorList& errors) {
  PlannedStep p{step, {}, {}, true};
  auto loaded = scripts.scripts().document(step.revision);
  if (!loaded.ok()) {
    errors.add(std::move(loaded).error());
    return p;
  }
  const RevisionFile& file = **loaded;
  p.transactional = file.transactional;
  auto ops = operations_for_step(file, step.upgrade, section_name(db.config()), catalogue);
  if (!ops.ok()) {
    errors.add(std::move(ops).error());
    return p;
  }
  p.ops = std::move(ops).value();
  p.resolved.reserve(p.ops.size());
  for (auto& op : p.ops) {
    if (!op.derived) validate_operation(op.args, catalogue, file.path, dialect, errors);
    toml::table resolved = resolve_for_dialect(std::move(op.args), *op.spec, dialect);
    Status st = db.check_operation(*op.spec, resolved);
    if (!st.ok()) errors.add(Error("operation '" + op.name + "' cannot run on " + st.error().to_string()).at(op.location));
    p.resolved.push_back(std::move(resolved));
  }
  return p;
}

Status plan_problems(const std::vector<ErrorList>& per_step) {
  ErrorList all;
  for (const ErrorList& list : per_step) all.add_all(list);
  if (all.empty()) return Status();
  return all.combined("nothing was applied; " + std::to_string(all.errors().size()) + " problems:");
}

Result<Plan> Plan::prepare(const CheckedScripts& scripts, Database& db, const OpCatalogue& catalogue,
                           const std::vector<MigrationStep>& steps) {
  const DialectVariants dialect = db.variants();
  std::vector<RevIndex> revisions;
  revisions.reserve(steps.size());
  for (const auto& step : steps) revisions.push_back(step.revision);
  RETORT_TRY(scripts.scripts().load_documents(revisions));
  // Each step is prepared on its own (the dialect's checks may run on several threads, as with --jobs);
  // its problems are kept apart so they are reported in the order of the plan.
  std::vector<PlannedStep> prepared(steps.size());
  std::vector<ErrorList> problems(steps.size());
  parallel_for(steps.size(), [&](size_t i) {
    prepared[i] = prepare_step(scripts, db, catalogue, dialect, steps[i], problems[i]);
  });
  RETORT_TRY(plan_problems(problems));
  scripts.remember_plan_checked(db, steps);
  Plan plan;
  plan.steps = std::move(prepared);
  return plan;
}

}  // namespace retort
