#include "runtime/ensure_version.h"

#include "runtime/alembic_adoption.h"
#include "runtime/history_table.h"
#include "runtime/migration_lock.h"
#include "runtime/statement_target.h"
#include "runtime/version_table.h"

namespace retort {

Result<EnsuredTables> ensure_version_tables(Database& db, const OpCatalogue& catalogue, int lock_timeout_seconds,
                                            std::ostream* progress) {
  RETORT_ASSIGN_OR_RETURN(MigrationLock lock, MigrationLock::take(db, lock_timeout_seconds, progress));
  VersionTable versions(db);
  HistoryTable history(db, catalogue);
  OnlineTarget target(db, nullptr);
  EnsuredTables out;
  Status st = [&]() -> Status {
    RETORT_TRY(target.begin());
    RETORT_ASSIGN_OR_RETURN(bool has_versions, versions.exists());
    if (has_versions) {
      out.existed.push_back(versions.name());
    } else {
      RETORT_ASSIGN_OR_RETURN(out.adoption_warning, alembic_adoption_warning(db));
      RETORT_TRY(target.statements(versions.create_statements()));
      out.created.push_back(versions.name());
    }
    RETORT_ASSIGN_OR_RETURN(bool has_history, history.exists());
    if (has_history) {
      out.existed.push_back(history.name());
    } else {
      RETORT_TRY(target.statements(history.create_statements()));
      out.created.push_back(history.name());
    }
    return target.commit();
  }();
  if (!st.ok()) {
    if (target.open()) target.rollback();
    return std::move(st).error();
  }
  RETORT_TRY(lock.release());
  return out;
}

}  // namespace retort
