#include "runtime/checksum_check.h"

#include "runtime/applied_revisions.h"
#include "runtime/version_table.h"

namespace retort {

RecordedChecksums recorded_checksums(const std::vector<HistoryEntry>& history) {
  RecordedChecksums out;
  for (const auto& e : history)
    if (e.success && (e.direction == "upgrade" || e.direction == "stamp" || e.direction == "repair"))
      out[e.revision] = e.checksum;
  return out;
}

ChecksumCheck check_checksums(const ScriptDirectory& scripts, const std::vector<std::string>& version_ids,
                              const RecordedChecksums& recorded) {
  const RevisionMap& map = scripts.map();
  ChecksumCheck check;
  check.missing = unknown_rows(map, version_ids);
  const RevisionSet applied = applied_set(map, version_ids);
  for (RevIndex rev : members(map, applied)) {
    auto entry = recorded.find(map.id(rev));
    if (entry == recorded.end() || entry->second.empty()) {
      check.unrecorded.push_back(rev);
      continue;
    }
    const std::string& now = scripts.checksum(rev);
    if (now == entry->second) {
      check.matching.push_back(rev);
    } else {
      check.changed.push_back(ChangedRevision{rev, entry->second, now});
    }
  }
  return check;
}

std::vector<std::string> checksum_problems(const ScriptDirectory& scripts, const ChecksumCheck& check,
                                           const std::string& version_table) {
  std::vector<std::string> lines;
  for (const auto& c : check.changed)
    lines.push_back(scripts.file(c.revision).path + ": revision " + scripts.map().id(c.revision) +
                    " changed after it was applied (checksum recorded " + c.recorded + ", now " + c.current + ")");
  for (const auto& id : check.missing)
    lines.push_back("revision " + id + " is applied (a row of " + version_table + ") but no revision file defines it");
  return lines;
}

std::string checksum_hint(const ChecksumCheck& check) {
  std::string hint;
  if (!check.changed.empty())
    hint = "put the changed file back as it was when applied, or run `retort repair` if the edit was intended";
  if (!check.missing.empty())
    hint += std::string(hint.empty() ? "" : "; ") +
            "restore the missing file, or `retort stamp` the database to a revision that exists";
  return hint;
}

Status validate_before_run(const ScriptDirectory& scripts, Database& db, HistoryTable& history,
                           const std::vector<std::string>& version_ids) {
  if (!db.config().validate_on_migrate || !db.online()) return Status();
  RETORT_ASSIGN_OR_RETURN(auto recorded, history.recorded_checksums());
  const ChecksumCheck check = check_checksums(scripts, version_ids, recorded);
  if (check.clean()) return Status();
  const auto problems = checksum_problems(scripts, check, VersionTable(db).name());
  std::string message = "nothing was run: " + (problems.size() == 1 ? std::string("an applied revision does not match its file:")
                                                                     : std::to_string(problems.size()) +
                                                                           " applied revisions do not match their files:");
  for (const auto& p : problems) message += "\n  " + p;
  return Error(message).hint(checksum_hint(check) + " (validate_on_migrate = false in the config skips this check)");
}

}  // namespace retort
