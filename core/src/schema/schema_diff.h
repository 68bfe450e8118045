// The diff engine of autogenerate and check (DESIGN.md §7): what operations take a database whose schema
// is `current` to `target`, both read by the same inspector, written in the declared schema's own words.
// Objects match by name, unnamed ones by signature; renames only from renamed_from; drops of tables and
// columns only when allowed; nothing guessed, and what no operation can express is reported.
#pragma once

#include "schema/schema_model.h"
#include "util/status.h"

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <vector>

namespace retort {

struct DiffOptions {
  bool allow_destructive = false;  // write drop_table and drop_column
  // The dialect keeps an index for each foreign key, and will not drop the one a key uses (MySQL).
  bool foreign_keys_hold_indexes = false;
};

// One operation of the revision being written.
struct SchemaChange {
  toml::table op;                 // the upgrade operation
  std::vector<toml::table> undo;  // what re-creates what it removes, when no inverse can (a dropped table)
  std::string summary;            // "add column account.email", for messages
};

struct SchemaDiff {
  std::vector<SchemaChange> changes;        // in the order they must run
  std::vector<std::string> withheld;        // destructive changes not written: "drop table legacy"
  std::vector<Error> problems;              // differences it refuses to write, each with its fix
  std::vector<std::string> inexpressible;   // differences no operation expresses: reported, never ignored

  bool empty() const { return changes.empty() && withheld.empty() && problems.empty() && inexpressible.empty(); }
  // Every difference, one line each ("+ add column account.email"), for check and for errors.
  std::vector<std::string> lines() const;
};

// `target`: the declared schema as a database holds it (applied to scratch and inspected); `current`: the
// schema to change, read by the same inspector; `declared`: the schema files (names resolved), for the
// spelling of new objects and for renamed_from.
SchemaDiff diff_schemas(const SchemaDocument& target, const SchemaDocument& current, const SchemaDocument& declared,
                        const DiffOptions& options);

// Gives every declared index and constraint without a name the name its [naming] pattern makes, and
// qualifies short check names ({name}); objects without a pattern keep "" and are matched by signature.
void resolve_declared_names(SchemaDocument& declared);

// The operations that create `declared` in an empty database, in dependency order: tables (foreign keys
// to tables created later split out), then indexes, then the split foreign keys.
std::vector<toml::table> creation_operations(const SchemaDocument& declared);

}  // namespace retort
