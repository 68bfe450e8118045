#include "runtime/migration_lock.h"

#include "runtime/lock_holder.h"

#include <ostream>

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

Result<MigrationLock> MigrationLock::take(Database& db, int timeout_seconds, std::ostream* waiting) {
  MigrationLock lock(db);
  const std::string hint = "another retort is migrating this database; wait for it to finish or raise [retort] lock_timeout";
  // A first try that does not wait tells a free lock from a held one, so a wait can be announced. A
  // dialect that needs no lock holds nothing, so it is asked again with the real timeout: SQLite's sets how
  // long BEGIN IMMEDIATE waits for the write lock from it.
  auto outcome = db.lock(lock.schema_, lock.name_, 0);
  std::string holder;
  if (outcome.ok() && *outcome == LockOutcome::kTimedOut && timeout_seconds > 0) {
    holder = describe_lock_holder(db, lock.schema_, lock.name_);
    if (waiting)
      *waiting << "Waiting for the migration lock on database '" << db.name() << "' (held by "
               << (holder.empty() ? "another session" : holder) << "; waiting up to " << timeout_seconds << " s)\n"
               << std::flush;
  }
  if (outcome.ok() && *outcome != LockOutcome::kGranted && timeout_seconds > 0)
    outcome = db.lock(lock.schema_, lock.name_, timeout_seconds);
  const std::string waited = "could not take the migration lock within " + std::to_string(timeout_seconds) + " s";
  // Only a granted lock is ours to release.
  if (!outcome.ok() || *outcome != LockOutcome::kGranted) lock.db_ = nullptr;
  if (!outcome.ok()) return std::move(outcome).error().at(waited).default_hint(hint);
  if (*outcome == LockOutcome::kTimedOut) {
    // Whoever holds it now: the holder may have changed while this run waited.
    const std::string now = describe_lock_holder(db, lock.schema_, lock.name_);
    if (!now.empty()) holder = now;
    return Error(waited + (holder.empty() ? "" : " (held by " + holder + ")")).hint(hint);
  }
  return lock;
}

Status MigrationLock::release() {
  if (!db_) return Status();
  Database* db = db_;
  db_ = nullptr;
  return db->unlock(schema_, name_);
}

}  // namespace retort
