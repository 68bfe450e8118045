#include "runtime/run_plan.h"

#include "ops/op_resolution.h"
#include "ops/op_validation.h"

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
  return CheckedScripts(scripts);
}

std::string PlannedStep::operation_context(size_t k, const std::string& revision_id) const {
  const PlannedOp& op = ops[k];
  return op.location + ": " + (step.upgrade ? "upgrade " : "downgrade ") + revision_id + ", operation '" + op.name +
         "'" + (op.derived ? " (automatic inverse)" : "");
}

Result<Plan> Plan::prepare(const CheckedScripts& scripts, Database& db, const OpCatalogue& catalogue,
                           const std::vector<MigrationStep>& steps) {
  ErrorList errors;
  Plan plan;
  const DialectVariants dialect = db.variants();
  std::vector<RevIndex> revisions;
  for (const auto& step : steps) revisions.push_back(step.revision);
  RETORT_TRY(scripts.scripts().load_documents(revisions));
  for (const auto& step : steps) {
    RETORT_ASSIGN_OR_RETURN(const RevisionFile* loaded, scripts.scripts().document(step.revision));
    const RevisionFile& file = *loaded;
    auto ops = operations_for_step(file, step.upgrade, section_name(db.config()), catalogue);
    if (!ops.ok()) {
      errors.add(std::move(ops).error());
      continue;
    }
    PlannedStep p{step, std::move(ops).value(), {}, file.transactional};
    for (auto& op : p.ops) {
      if (!op.derived) validate_operation(op.args, catalogue, file.path, dialect, errors);
      toml::table resolved = resolve_for_dialect(std::move(op.args), *op.spec, dialect);
      Status st = db.check_operation(*op.spec, resolved);
      if (!st.ok()) errors.add(Error("operation '" + op.name + "' cannot run on " + st.error().to_string()).at(op.location));
      p.resolved.push_back(std::move(resolved));
    }
    plan.steps.push_back(std::move(p));
  }
  if (!errors.empty())
    return errors.combined("nothing was applied; " + std::to_string(errors.errors().size()) + " problems:");
  return plan;
}

}  // namespace retort
