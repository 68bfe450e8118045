// Adopting a database Alembic manages (DESIGN.md §6): retort reads and writes `alembic_version` once the
// database's config says version_table = "alembic_version". A database that has that table and no retort
// version table, while its config keeps the default name, is almost certainly one whose config forgot to
// say so: retort would start from an empty history beside Alembic's. Commands that read the version rows
// warn about it, and otherwise behave as they always do.
#pragma once

#include "runtime/database.h"
#include "util/status.h"

#include <optional>
#include <string>

namespace retort {

// For a database whose configured version table does not exist: the warning, when the config keeps the
// default version table and the database has an `alembic_version` table (in version_table_schema when
// set): "database 'main' has ... table\n  hint: ..." (a hint line, as errors print one). One query: the
// dialect's own "does the version table exist" statement, asked about that name.
Result<std::optional<std::string>> alembic_adoption_warning(Database& db);

}  // namespace retort
