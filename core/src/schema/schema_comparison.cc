#include "schema/schema_comparison.h"

#include "runtime/operation_apply.h"
#include "schema/declared_schema.h"
#include "schema/schema_inspection.h"

#include <sstream>

namespace retort {

Status replay_tree(const ComparisonContext& ctx, Database& scratch, const std::vector<std::string>& targets) {
  std::ostringstream discard;
  const RunOutput silent{discard, discard, true, false};
  const RunOptions& options = ctx.run_options;
  // One target at a time: each upgrade keeps the rows the ones before it left, as a run over time would.
  for (const auto& target : targets) {
    MigrationRunner runner(ctx.scripts, scratch, ctx.catalogue, options, silent);
    MigrationRequest request;
    request.targets = {target};
    Status st = runner.run(request);
    if (!st.ok()) return Error(st.error()).at("replaying the revision tree in a scratch database");
  }
  return Status();
}

DiffOptions dialect_diff_options(const Database& db, DiffOptions options) {
  options.foreign_keys_hold_indexes = db.has_capability(RETORT_CAP_FOREIGN_KEY_INDEX);
  return options;
}

Result<SchemaComparison> compare_schema(const ComparisonContext& ctx, const DatabaseConfig& db, CompareWith with,
                                        const DiffOptions& options) {
  SchemaComparison out;
  out.db = &db;
  RETORT_ASSIGN_OR_RETURN(ScratchDatabase scratch, ScratchDatabase::open(ctx.plugins, db, ctx.catalogue, ctx.run_options.lock_timeout_seconds));
  RETORT_ASSIGN_OR_RETURN(out.declared, load_declared_schema(db, scratch.db().variants()));

  RETORT_TRY(apply_operations(scratch.db(), creation_operations(managed_tables(out.declared)), ctx.catalogue,
                              "the declared schema of database '" + db.name + "'"));
  RETORT_ASSIGN_OR_RETURN(SchemaDocument target, inspect_database(scratch.db()));
  out.target = owned_tables(target, out.declared);

  if (with == CompareWith::kLiveDatabase) {
    RETORT_ASSIGN_OR_RETURN(Database live, Database::connect(ctx.plugins, db));
    RETORT_ASSIGN_OR_RETURN(SchemaDocument current, inspect_database(live));
    out.current = owned_tables(current, out.declared);
  } else {
    RETORT_TRY(scratch.reset());
    RETORT_TRY(replay_tree(ctx, scratch.db(), {"heads"}));
    RETORT_ASSIGN_OR_RETURN(SchemaDocument current, inspect_database(scratch.db()));
    out.current = owned_tables(current, out.declared);
  }
  out.diff = diff_schemas(out.target, out.current, out.declared, dialect_diff_options(scratch.db(), options));
  out.scratch = std::make_unique<ScratchDatabase>(std::move(scratch));
  return out;
}

}  // namespace retort
