// What the selected databases are at: their version rows, read for `current`, `history -i`, `show current`
// and `edit current`. Connecting notes a SQLite file about to be created, and a database that looks like
// one Alembic manages (an alembic_version table and no retort version table) is warned about.
#pragma once

#include "cli_context.h"

#include <utility>
#include <vector>

namespace retort::cli {

using CurrentRows = std::vector<std::pair<const DatabaseConfig*, std::vector<RevIndex>>>;

// The version rows of one database (none when it has no version table yet).
Result<std::vector<RevIndex>> read_rows(CliContext& ctx, const ScriptDirectory& scripts, const PluginHost& plugins,
                                        const DatabaseConfig& db);

// The version rows of every selected database, each database's rows in turn; the first failure stops it.
Result<CurrentRows> read_current(CliContext& ctx);

// Every selected database's rows together.
Result<std::vector<RevIndex>> all_current(CliContext& ctx);

}  // namespace retort::cli
