// One database's declared schema against what it has (DESIGN.md §7): the declared tables built in a
// scratch database and inspected, against the tree replayed into scratch (or the live database), read
// by the same inspector so the server's own spelling never shows up as a change.
#pragma once

#include "config/config.h"
#include "ops/op_catalogue.h"
#include "plugin/plugin_host.h"
#include "runtime/migration_runner.h"
#include "schema/schema_diff.h"
#include "schema/scratch_database.h"
#include "script/script_directory.h"

#include <memory>

namespace retort {

// What a comparison needs besides the database.
struct ComparisonContext {
  const CheckedScripts& scripts;
  const PluginHost& plugins;
  const OpCatalogue& catalogue;
  RunOptions run_options;
};

enum class CompareWith {
  kTreeHeads,     // the tree replayed up to heads in scratch (autogenerate, check)
  kLiveDatabase,  // the live database as it is (autogenerate --from-db)
};

struct SchemaComparison {
  const DatabaseConfig* db = nullptr;
  SchemaDocument declared;  // for this database, names resolved
  SchemaDocument target;    // the declared schema as the database holds it
  SchemaDocument current;   // what it is compared with
  SchemaDiff diff;
  // The scratch database the schemas were built in, kept for trying the revision: it holds the tree
  // replayed (kTreeHeads) or the declared schema (kLiveDatabase).
  std::unique_ptr<ScratchDatabase> scratch;
};

// Replays the tree into `scratch` up to each of `targets` in turn ("heads", or a database's version rows),
// as `upgrade` would for that database's branches.
Status replay_tree(const ComparisonContext& ctx, Database& scratch, const std::vector<std::string>& targets);

// `options` for diffing schemas of `db`'s dialect (what the dialect itself demands of the operations).
DiffOptions dialect_diff_options(const Database& db, DiffOptions options);

Result<SchemaComparison> compare_schema(const ComparisonContext& ctx, const DatabaseConfig& db, CompareWith with,
                                        const DiffOptions& options);

}  // namespace retort
