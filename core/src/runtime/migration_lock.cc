#include "runtime/migration_lock.h"

#include "runtime/session_lock.h"

namespace retort {

MigrationLock::MigrationLock(Database& db) : db_(&db) {
  const DatabaseConfig& c = db.config();
  schema_ = c.version_table_schema;
  name_ = "retort:" + (schema_.empty() ? "" : schema_ + ".") + c.version_table;
}

MigrationLock::MigrationLock(MigrationLock&& other) noexcept
    : db_(other.db_), schema_(std::move(other.schema_)), name_(std::move(other.name_)) {
  other.db_ = nullptr;
}

MigrationLock::~MigrationLock() { (void)release(); }

Result<MigrationLock> MigrationLock::take(Database& db, int timeout_seconds) {
  MigrationLock lock(db);
  const std::string waited = "could not take the migration lock within " + std::to_string(timeout_seconds) + " s";
  const std::string hint = "another retort is migrating this database; wait for it to finish or raise [retort] lock_timeout";
  auto granted = acquire_session_lock(db, lock.schema_, lock.name_, timeout_seconds);
  if (!granted.ok() || !*granted) {
    lock.db_ = nullptr;  // not ours to release
    if (!granted.ok()) return std::move(granted).error().at(waited).default_hint(hint);
    return Error(waited).hint(hint);
  }
  return lock;
}

Status MigrationLock::release() {
  if (!db_) return Status();
  Database* db = db_;
  db_ = nullptr;
  return release_session_lock(*db, schema_, name_);
}

}  // namespace retort
