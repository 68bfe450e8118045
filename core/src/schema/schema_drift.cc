#include "schema/schema_drift.h"

#include "graph/migration_plan.h"
#include "graph/revision_query.h"
#include "runtime/migration_lock.h"
#include "runtime/version_table.h"
#include "schema/declared_schema.h"
#include "schema/schema_inspection.h"

namespace retort {
namespace {

struct LiveState {
  std::vector<RevIndex> rows;
  SchemaDocument schema;
};

// The version rows and the schema in one read, while no run can change either: under the migration lock
// and in a transaction (which on SQLite is the write lock that serialises runs there).
Result<LiveState> read_live(const ComparisonContext& ctx, Database& live) {
  RETORT_ASSIGN_OR_RETURN(MigrationLock lock, MigrationLock::take(live, ctx.run_options.lock_timeout_seconds));
  Status begun = live.begin();
  if (!begun.ok())
    return std::move(begun).error().at("reading the database while no run changes it").default_hint(
        "if another retort is migrating this database, wait for it to finish or raise [retort] lock_timeout");
  Result<LiveState> state = [&]() -> Result<LiveState> {
    RETORT_ASSIGN_OR_RETURN(auto rows, VersionTable(live).read_revisions(ctx.scripts.map()));
    RETORT_ASSIGN_OR_RETURN(SchemaDocument schema, inspect_database(live));
    return LiveState{std::move(rows), std::move(schema)};
  }();
  (void)live.rollback();  // it only read
  RETORT_TRY(lock.release());
  return state;
}

}  // namespace

Result<SchemaDrift> compare_with_revisions(const ComparisonContext& ctx, const DatabaseConfig& db) {
  RETORT_ASSIGN_OR_RETURN(Database live, Database::connect(ctx.plugins, db));
  RETORT_ASSIGN_OR_RETURN(LiveState state, read_live(ctx, live));
  const RevisionMap& map = ctx.scripts.map();
  SchemaDrift out;
  out.at = Names::ids(map, state.rows).items;

  RETORT_ASSIGN_OR_RETURN(RevisionSet scope, branch_scope(map, db.branches));
  RETORT_ASSIGN_OR_RETURN(auto pending, Planner(map, state.rows, scope).plan_upgrade("heads"));
  out.pending = pending.size();

  RETORT_ASSIGN_OR_RETURN(ScratchDatabase scratch,
                          ScratchDatabase::open(ctx.plugins, db, ctx.catalogue, ctx.run_options.lock_timeout_seconds));
  RETORT_TRY(replay_tree(ctx, scratch.db(), out.at));
  RETORT_ASSIGN_OR_RETURN(SchemaDocument replayed, inspect_database(scratch.db()));
  // The schema files say which tables are not the project's to compare ([ignore], managed = false).
  SchemaDocument declared;
  if (!db.schema_files.empty()) {
    RETORT_ASSIGN_OR_RETURN(declared, load_declared_schema(db, scratch.db().variants()));
  }
  const SchemaDocument expected = owned_tables(replayed, declared);
  out.diff = diff_schemas(expected, owned_tables(state.schema, declared), expected,
                          dialect_diff_options(scratch.db(), DiffOptions{true}));
  return out;
}

}  // namespace retort
