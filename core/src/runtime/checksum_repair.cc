#include "runtime/checksum_repair.h"

#include "runtime/applied_revisions.h"
#include "runtime/history_table.h"
#include "runtime/migration_lock.h"
#include "runtime/version_table.h"

namespace retort {
namespace {

// What repair records, in the order check_checksums found it: changed files first, then unrecorded ones.
std::vector<RepairedChecksum> to_record(const ScriptDirectory& scripts, const ChecksumCheck& check) {
  std::vector<RepairedChecksum> out;
  for (const auto& c : check.changed) out.push_back(RepairedChecksum{c.revision, c.recorded, c.current});
  for (RevIndex rev : check.unrecorded) out.push_back(RepairedChecksum{rev, "", scripts.checksum(rev)});
  return out;
}

Result<std::vector<RepairedChecksum>> repair_locked(const ScriptDirectory& scripts, Database& db,
                                                    const OpCatalogue& catalogue) {
  RETORT_ASSIGN_OR_RETURN(AppliedRevisions applied, read_applied(db, catalogue));
  const ChecksumCheck check = check_checksums(scripts, applied.version_ids, recorded_checksums(applied.history));
  if (!check.missing.empty()) {
    std::string message = "nothing was recorded: missing files cannot be repaired";
    for (const auto& line : checksum_problems(scripts, check, VersionTable(db).name())) message += "\n  " + line;
    return Error(message).hint(
        "restore the missing file, or `retort stamp` the database to a revision that exists, then run repair again");
  }
  std::vector<RepairedChecksum> repaired = to_record(scripts, check);
  if (repaired.empty()) return repaired;
  HistoryTable history(db, catalogue);
  RETORT_ASSIGN_OR_RETURN(bool exists, history.exists());
  if (!exists) RETORT_TRY(db.execute_each(history.create_statements()));
  for (const auto& r : repaired) {
    HistoryEntry e;
    e.revision = scripts.map().id(r.revision);
    e.direction = "repair";
    e.checksum = r.recorded;
    e.started = e.finished = utc_timestamp();
    RETORT_TRY(db.execute_each(history.insert_statements(e)));
  }
  return repaired;
}

}  // namespace

Result<std::vector<RepairedChecksum>> repair_checksums(const ScriptDirectory& scripts, Database& db,
                                                       const OpCatalogue& catalogue, int lock_timeout_seconds,
                                                       std::ostream* waiting) {
  const std::string where = "database '" + db.name() + "'";
  auto lock = MigrationLock::take(db, lock_timeout_seconds, waiting);
  if (!lock.ok()) return std::move(lock).error().at(where);
  // The rows are read and written in one transaction, which on SQLite is also the lock that serialises runs.
  Status begun = db.begin();
  if (!begun.ok())
    return std::move(begun).error().at(where).default_hint(
        "if another retort is migrating this database, wait for it to finish or raise [retort] lock_timeout");
  auto repaired = repair_locked(scripts, db, catalogue);
  Status done = repaired.ok() ? db.commit() : db.rollback();
  if (repaired.ok() && !done.ok()) return std::move(done).error().at(where);
  Status released = lock->release();
  if (!repaired.ok()) return std::move(repaired).error().at(where);
  if (!released.ok()) return std::move(released).error().at(where);
  return repaired;
}

}  // namespace retort
