// A named lock the server holds for one session (PostgreSQL advisory lock, MySQL GET_LOCK), taken through
// the dialect's LOCK statements: it serialises runs on a database (DESIGN.md §6) and marks a scratch
// database as in use. The server releases it when the session ends, however the process ended.
#pragma once

#include "runtime/database.h"
#include "util/status.h"

#include <string>

namespace retort {

// Tries for up to `timeout_seconds` (0: not at all) to take lock `name`, keyed within `schema` ("" for the
// connection's own). False when another session holds it; a dialect with no lock statements (SQLite, whose
// write lock serialises instead) always grants it. An error when the server refused the statements.
Result<bool> acquire_session_lock(Database& db, const std::string& schema, const std::string& name,
                                  int timeout_seconds);
Status release_session_lock(Database& db, const std::string& schema, const std::string& name);

}  // namespace retort
