// The lock that serialises runs on one database (DESIGN.md §6): a session lock named after the version
// table (PostgreSQL advisory lock, MySQL GET_LOCK; SQLite serialises by its write lock instead), held
// from take() until release() or destruction.
#pragma once

#include "runtime/database.h"
#include "util/status.h"

#include <iosfwd>
#include <string>

namespace retort {

class MigrationLock {
 public:
  // Waits up to `timeout_seconds` for the lock; an error saying what to do (and who holds it, where the
  // server says) when another session keeps it. When the lock is not free at once and `waiting` is given,
  // a line there says so, naming the holder, before the wait.
  static Result<MigrationLock> take(Database& db, int timeout_seconds, std::ostream* waiting = nullptr);

  MigrationLock(MigrationLock&& other) noexcept;
  MigrationLock& operator=(MigrationLock&&) = delete;
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;
  // Releases it if release() was not called (an error then is lost: the session's end releases it too).
  ~MigrationLock();

  Status release();
  // Whether this holds a session lock until release(): false where none was needed (SQLite serialises
  // by its write lock, which lasts only as long as each transaction).
  bool held() const { return db_ != nullptr; }

 private:
  explicit MigrationLock(Database& db);

  Database* db_;  // null when there is nothing to release: not granted, not needed, released, moved from
  std::string schema_;
  std::string name_;
};

}  // namespace retort
