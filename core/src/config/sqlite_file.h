// Where a sqlite:/// URL's file lies. As in Alembic (SQLAlchemy), a relative path is relative to the current
// folder, not the config's: `-c other/retort.toml` with sqlite:///app.db uses ./app.db. That surprises, so
// retort says so when it is about to create such a file; ${here}/app.db is the config's folder.
#pragma once

#include "config/config.h"

#include <optional>
#include <string>

namespace retort {

// For a database whose URL is a SQLite file at a relative path that does not exist yet (connecting
// creates it): "creating a new SQLite database at /abs/app.db (relative to the current folder; use
// ${here}/app.db for the config's folder)". Nothing for memory databases, file: URIs, absolute paths and
// files that exist.
std::optional<std::string> new_sqlite_file_note(const DatabaseConfig& db);

}  // namespace retort
