#include "runtime/migration_lock.h"

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
  auto outcome = db.lock(lock.schema_, lock.name_, timeout_seconds);
  // Only a granted lock is ours to release.
  if (!outcome.ok() || *outcome != LockOutcome::kGranted) lock.db_ = nullptr;
  if (!outcome.ok()) return std::move(outcome).error().at(waited).default_hint(hint);
  if (*outcome == LockOutcome::kTimedOut) return Error(waited).hint(hint);
  return lock;
}

Status MigrationLock::release() {
  if (!db_) return Status();
  Database* db = db_;
  db_ = nullptr;
  return db->unlock(schema_, name_);
}

}  // namespace retort
