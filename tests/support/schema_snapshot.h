// The schema of a live database, read back from its catalogs (information_schema, pg_catalog, SQLite's
// PRAGMAs) into sorted lines in retort's own vocabulary, so one expectation can be checked on every dialect:
//
//   table parent                        view active_parents
//   column parent.name string(40) not null
//   column parent.id integer not null autoincrement        (a server default shows as "default")
//   primary key parent (id)             unique parent (name, born)
//   index parent.ix_parent_email (email)                   ("partial" when it has a WHERE)
//   foreign key child (parent_id) -> parent (id) on delete cascade
//   check parent.ck_parent_balance      comment parent.bio: shown on the profile
//
// Types are mapped back to the revision-file names where the catalog keeps them apart; version tables
// are left out.
#pragma once

#include "runtime/database.h"

#include <string>

namespace retort::testing {

// The lines sorted and joined by '\n', or "<error: ...>".
std::string schema_snapshot(Database& db);

}  // namespace retort::testing
