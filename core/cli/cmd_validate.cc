// `retort validate` and `retort repair` (DESIGN.md §6): whether the revisions each selected database has
// applied are still what their files say, and recording the files' checksums when an edit was intended.
#include "commands.h"

#include "runtime/applied_revisions.h"
#include "runtime/checksum_check.h"
#include "runtime/checksum_repair.h"
#include "runtime/history_table.h"
#include "runtime/version_table.h"
#include "util/strings.h"

namespace retort::cli {
namespace {

std::string count_of(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "Database main: 3 applied revisions, 2 match their files, 1 with no checksum recorded".
std::string summary_line(const std::string& name, const ChecksumCheck& c) {
  const size_t applied = c.matching.size() + c.changed.size() + c.missing.size() + c.unrecorded.size();
  if (applied == 0) return "Database " + name + ": no revision applied";
  std::string line = "Database " + name + ": " + count_of(applied, "applied revision", "applied revisions") + ", " +
                     std::to_string(c.matching.size()) + (c.matching.size() == 1 ? " matches its file" : " match their files");
  if (!c.changed.empty()) line += ", " + std::to_string(c.changed.size()) + " changed";
  if (!c.missing.empty()) line += ", " + std::to_string(c.missing.size()) + " missing";
  if (!c.unrecorded.empty()) line += ", " + std::to_string(c.unrecorded.size()) + " with no checksum recorded";
  return line;
}

Status validate_cmd(CliContext& ctx) {
  RETORT_ASSIGN_OR_RETURN(auto dbs, ctx.databases());
  RETORT_ASSIGN_OR_RETURN(const PluginHost* plugins, ctx.plugins());
  RETORT_ASSIGN_OR_RETURN(const OpCatalogue* catalogue, ctx.catalogue());
  RETORT_ASSIGN_OR_RETURN(const ScriptDirectory* scripts, ctx.scripts());
  ErrorList problems;
  ChecksumCheck all;  // every database's problems together, for the hint
  ctx.note_new_sqlite_files(dbs);
  for (const DatabaseConfig* c : dbs) {
    const std::string where = "database '" + c->name + "'";
    auto applied = [&]() -> Result<std::pair<AppliedRevisions, std::string>> {
      RETORT_ASSIGN_OR_RETURN(Database db, Database::connect(*plugins, *c));
      RETORT_ASSIGN_OR_RETURN(AppliedRevisions a, read_applied(db, *catalogue));
      return std::make_pair(std::move(a), VersionTable(db).name());
    }();
    if (!applied.ok()) {
      problems.add(std::move(applied).error().at(where));
      continue;
    }
    const ChecksumCheck check = check_checksums(*scripts, applied->first.version_ids, recorded_checksums(applied->first.history));
    ctx.out << summary_line(c->name, check) << "\n";
    for (RevIndex rev : check.unrecorded)
      ctx.out << "  note: no checksum recorded for " << scripts->map().id(rev) << " (" << scripts->file(rev).path
              << "): applied before " << c->history_table << " kept one, or implied by a stamp\n";
    for (const auto& line : checksum_problems(*scripts, check, applied->second)) problems.add(Error(line).at(where));
    all.changed.insert(all.changed.end(), check.changed.begin(), check.changed.end());
    all.missing.insert(all.missing.end(), check.missing.begin(), check.missing.end());
  }
  ctx.out << std::flush;
  if (problems.empty()) return Status();
  Error e = problems.combined("validate found " + count_of(problems.errors().size(), "problem:", "problems:"));
  if (!all.clean()) e.default_hint(checksum_hint(all));
  return e;
}

Status repair_cmd(CliContext& ctx) {
  RETORT_ASSIGN_OR_RETURN(auto dbs, ctx.databases());
  RETORT_ASSIGN_OR_RETURN(const PluginHost* plugins, ctx.plugins());
  RETORT_ASSIGN_OR_RETURN(const OpCatalogue* catalogue, ctx.catalogue());
  RETORT_ASSIGN_OR_RETURN(const ScriptDirectory* scripts, ctx.scripts());
  const RunOptions options = ctx.run_options();
  ErrorList failures;
  ctx.note_new_sqlite_files(dbs);
  // Each database is repaired on its own: one that cannot be does not keep the others from it.
  for (const DatabaseConfig* c : dbs) {
    auto repaired = [&]() -> Result<std::vector<RepairedChecksum>> {
      RETORT_ASSIGN_OR_RETURN(Database db, Database::connect(*plugins, *c));
      return repair_checksums(*scripts, db, *catalogue, options.lock_timeout_seconds,
                              ctx.options.quiet ? nullptr : &ctx.err);
    }();
    if (!repaired.ok()) {
      failures.add(std::move(repaired).error().at("database '" + c->name + "'"));
      continue;
    }
    if (repaired->empty())
      ctx.out << "Database " << c->name << ": nothing to repair; every applied revision's checksum is recorded and "
              << "matches its file\n";
    for (const auto& r : *repaired)
      ctx.out << "Database " << c->name << ": recorded " << r.recorded << " for " << scripts->map().id(r.revision)
              << " (" << scripts->file(r.revision).path << "), "
              << (r.previous.empty() ? std::string("none was recorded before") : "was " + r.previous) << "\n";
  }
  ctx.out << std::flush;
  if (failures.empty()) return Status();
  return failures.combined("repair failed on " + count_of(failures.errors().size(), "database:", "databases:"));
}

}  // namespace

void add_validate_commands(CLI::App& app, CliContext& ctx, Action& action) {
  auto* validate = app.add_subcommand(
      "validate", "Check that the revisions each database has applied still match their files (checksums)");
  validate->footer(
      "Compares the checksum recorded in the history table when each applied revision ran with its file now;\n"
      "comments, layout and line endings do not count. Exit 1 names every changed or missing file.");
  validate->callback([&ctx, &action] { action = [&ctx] { return validate_cmd(ctx); }; });

  auto* repair = app.add_subcommand(
      "repair", "Record the current checksum of applied revisions whose files were changed on purpose");
  repair->footer(
      "Appends a 'repair' row to the history table for every applied revision whose file changed since it\n"
      "was applied, or whose checksum was never recorded, so `validate` and `upgrade` accept it again.");
  repair->callback([&ctx, &action] { action = [&ctx] { return repair_cmd(ctx); }; });
}

}  // namespace retort::cli
