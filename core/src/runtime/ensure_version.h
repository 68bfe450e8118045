// `retort ensure_version` (Alembic's command of that name): creates the version table and the history table
// of one database where they are missing, and nothing else. Under the migration lock, in one transaction
// where the dialect has transactional DDL; running it again changes nothing.
#pragma once

#include "ops/op_catalogue.h"
#include "runtime/database.h"
#include "util/status.h"

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace retort {

struct EnsuredTables {
  std::vector<std::string> created;  // the tables' names, as messages give them
  std::vector<std::string> existed;
  std::optional<std::string> adoption_warning;  // runtime/alembic_adoption.h
};

// `progress` (when set) hears about a wait for the lock.
Result<EnsuredTables> ensure_version_tables(Database& db, const OpCatalogue& catalogue, int lock_timeout_seconds,
                                            std::ostream* progress);

}  // namespace retort
