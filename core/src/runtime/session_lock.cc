#include "runtime/session_lock.h"

namespace retort {

Result<bool> acquire_session_lock(Database& db, const std::string& schema, const std::string& name,
                                  int timeout_seconds) {
  RETORT_ASSIGN_OR_RETURN(auto statements,
                          db.render_statement(RETORT_STMT_LOCK_ACQUIRE, {schema, name, std::to_string(timeout_seconds)}));
  for (const auto& s : statements) {
    RETORT_ASSIGN_OR_RETURN(auto rows, db.query(s));
    // The statement's answer: a first cell of 0, false or NULL means the lock was not granted in time.
    if (rows.empty() || rows.front().empty()) continue;
    const auto& cell = rows.front()[0];
    if (!cell || *cell == "0" || *cell == "f" || *cell == "false") return false;
  }
  return true;
}

Status release_session_lock(Database& db, const std::string& schema, const std::string& name) {
  RETORT_ASSIGN_OR_RETURN(auto statements, db.render_statement(RETORT_STMT_LOCK_RELEASE, {schema, name}));
  for (const auto& s : statements) RETORT_TRY(db.query(s).status());
  return Status();
}

}  // namespace retort
