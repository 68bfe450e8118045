#include "runtime/run_plan.h"

#include "ops/op_resolution.h"
#include "ops/op_validation.h"

namespace retort {

Result<CheckedScripts> CheckedScripts::check(const ScriptDirectory& scripts, const OpCatalogue& catalogue,
                                             const std::vector<std::string>& database_names) {
  RETORT_TRY(check_revision_files(scripts, catalogue, database_names));
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
  for (const auto& step : steps) {
    const RevisionFile& file = scripts.scripts().file(step.revision);
    auto ops = operations_for_step(file, step.upgrade, db.name(), catalogue);
    if (!ops.ok()) {
      errors.add(std::move(ops).error());
      continue;
    }
    PlannedStep p{step, std::move(ops).value(), {}, file.transactional};
    for (const auto& op : p.ops) {
      if (!op.derived) validate_operation(op.args, catalogue, file.path, dialect, errors);
      toml::table resolved = resolve_for_dialect(op.args, *op.spec, dialect);
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
