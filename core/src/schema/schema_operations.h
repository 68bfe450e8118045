// Revision-file operations built from schema objects: how the diff engine says "create this", "drop
// that" in the vocabulary of DESIGN.md §4. Declared objects are written as declared (generic types,
// per-dialect tables); inspected ones in the inspector's spelling.
#pragma once

#include "schema/schema_model.h"

#include <toml++/toml.h>

#include <string>
#include <vector>

namespace retort {

// A column table for create_table / add_column: the declared spec, or one built from an inspected column.
toml::table column_spec(const SchemaColumn& column);

// create_table for `table` with its keys, unique constraints, checks and comment; its foreign keys only
// when `with_foreign_keys` (the others are created separately, after the tables they reference).
toml::table create_table_op(const SchemaTable& table, bool with_foreign_keys);
toml::table create_index_op(const SchemaTable& table, const SchemaIndex& index);
toml::table create_unique_op(const SchemaTable& table, const SchemaUnique& unique);
toml::table create_foreign_key_op(const SchemaTable& table, const SchemaForeignKey& fk);
toml::table create_check_op(const SchemaTable& table, const SchemaCheck& check);

toml::table drop_table_op(const SchemaTable& table);
toml::table drop_index_op(const SchemaTable& table, const SchemaIndex& index);
// drop_constraint of `type` (unique, foreignkey, check) named `name`.
toml::table drop_constraint_op(const SchemaTable& table, const std::string& name, const std::string& type);

// A name for an object declared without one and without a [naming] pattern, when an operation needs one:
// the patterns Alembic's documentation recommends.
std::string default_index_name(const SchemaTable& table, const SchemaIndex& index);
std::string default_unique_name(const SchemaTable& table, const SchemaUnique& unique);
std::string default_foreign_key_name(const SchemaTable& table, const SchemaForeignKey& fk);
std::string default_check_name(const SchemaTable& table, size_t position);

// A name from a [naming] pattern: {table}, {columns} (joined by '_'), {ref_table}, {name}.
std::string expand_naming(const std::string& pattern, const std::string& table, const std::vector<std::string>& columns,
                          const std::string& ref_table, const std::string& name);

}  // namespace retort
