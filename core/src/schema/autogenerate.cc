#include "schema/autogenerate.h"

#include "schema/declared_schema.h"
#include "ops/op_resolution.h"
#include "ops/revision_ops.h"
#include "runtime/operation_apply.h"
#include "schema/operation_writer.h"
#include "schema/schema_inspection.h"
#include "schema/scratch_database.h"
#include "script/revision_file.h"
#include "util/strings.h"

#include <algorithm>

namespace retort {
namespace {

bool same_change(const SchemaChange& a, const SchemaChange& b) { return a.op == b.op && a.undo == b.undo; }

// The downgrade of `changes`, when one of them has no automatic inverse: each undone in reverse order,
// by its inverse or by what re-creates what it removed. Empty when the inverses do it all.
std::vector<toml::table> explicit_downgrade(const std::vector<SchemaChange>& changes, const OpCatalogue& catalogue) {
  bool needed = std::any_of(changes.begin(), changes.end(), [](const SchemaChange& c) { return !c.undo.empty(); });
  std::vector<toml::table> out;
  if (!needed) return out;
  for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
    if (!it->undo.empty()) {
      out.insert(out.end(), it->undo.begin(), it->undo.end());
      continue;
    }
    const OpSpec* spec = catalogue.find(it->op["op"].value_or(std::string()));
    if (auto inverse = spec ? inverse_operation(it->op, *spec, catalogue) : std::nullopt) out.push_back(std::move(*inverse));
  }
  return out;
}

std::vector<toml::table> ops_of(const std::vector<SchemaChange>& changes) {
  std::vector<toml::table> out;
  out.reserve(changes.size());
  for (const auto& c : changes) out.push_back(c.op);
  return out;
}

// [[upgrade]] holds the changes every database the revision reaches makes alike, as long as they come
// first; the rest go to [[upgrade_NAME]]. Each section downgrades by inverses, or explicitly when it drops.
std::vector<OperationSection> sections_for(const std::vector<SchemaComparison>& comparisons, bool all_reached,
                                           const OpCatalogue& catalogue) {
  size_t common = 0;
  if (all_reached && !comparisons.empty()) {
    const auto& first = comparisons.front().diff.changes;
    while (common < first.size() &&
           std::all_of(comparisons.begin(), comparisons.end(), [&](const SchemaComparison& c) {
             return common < c.diff.changes.size() && same_change(c.diff.changes[common], first[common]);
           }))
      ++common;
  }
  std::vector<OperationSection> sections;
  if (common) {
    std::vector<SchemaChange> shared(comparisons.front().diff.changes.begin(),
                                     comparisons.front().diff.changes.begin() + static_cast<std::ptrdiff_t>(common));
    sections.push_back({"upgrade", ops_of(shared)});
    if (auto down = explicit_downgrade(shared, catalogue); !down.empty()) sections.push_back({"downgrade", down});
  }
  for (const auto& c : comparisons) {
    std::vector<SchemaChange> own(c.diff.changes.begin() + static_cast<std::ptrdiff_t>(common), c.diff.changes.end());
    if (own.empty()) continue;
    sections.push_back({"upgrade_" + section_name(*c.db), ops_of(own)});
    if (auto down = explicit_downgrade(own, catalogue); !down.empty())
      sections.push_back({"downgrade_" + section_name(*c.db), down});
  }
  return sections;
}

// Runs the operations a revision step runs on `db` (as a migration would read them from the file).
Status run_step(const ComparisonContext& ctx, Database& db, const RevisionFile& file, bool upgrade) {
  RETORT_ASSIGN_OR_RETURN(auto planned, operations_for_step(file, upgrade, section_name(db.config()), ctx.catalogue));
  std::vector<toml::table> ops;
  ops.reserve(planned.size());
  for (const auto& p : planned) ops.push_back(p.args);
  return apply_operations(db, ops, ctx.catalogue,
                          std::string(upgrade ? "the upgrade" : "the downgrade") + " of the new revision");
}

std::string leftover(const SchemaDiff& diff) { return join(diff.lines(), "\n  "); }

// Applies the new revision in scratch on top of what the comparison started from: its upgrade must give
// the declared schema and its downgrade what there was before.
// The comparison's scratch holds the tree replayed already; compared with the live database, it is
// rebuilt as a copy of that.
Status try_revision(const ComparisonContext& ctx, SchemaComparison& c, const RevisionFile& file, bool from_db) {
  ScratchDatabase& scratch = *c.scratch;
  if (from_db) {
    RETORT_TRY(scratch.reset());
    RETORT_TRY(apply_operations(scratch.db(), creation_operations(c.current), ctx.catalogue,
                                "a copy of database '" + c.db->name + "'"));
  }
  RETORT_TRY(run_step(ctx, scratch.db(), file, true));
  RETORT_ASSIGN_OR_RETURN(SchemaDocument after, inspect_database(scratch.db()));
  after = owned_tables(after, c.declared);
  DiffOptions everything;
  everything.allow_destructive = true;
  SchemaDiff left = diff_schemas(c.target, after, c.declared, everything);
  // The drops it deliberately left out (not allowed) are still to do, as they should be; nothing else.
  bool only_withheld = std::all_of(left.changes.begin(), left.changes.end(), [&](const SchemaChange& change) {
    return std::find(c.diff.withheld.begin(), c.diff.withheld.end(), change.summary) != c.diff.withheld.end();
  });
  if (!only_withheld || !left.problems.empty())
    return Error("the revision it would write for database '" + c.db->name +
                 "' does not give the declared schema when applied in scratch; still different:\n  " + leftover(left))
        .hint("nothing was written; this is a bug in retort's autogenerate: please report it with the schema files");
  RETORT_TRY(run_step(ctx, scratch.db(), file, false));
  RETORT_ASSIGN_OR_RETURN(SchemaDocument before, inspect_database(scratch.db()));
  before = owned_tables(before, c.declared);
  SchemaDiff back = diff_schemas(c.current, before, c.declared, everything);
  if (!back.changes.empty())
    return Error("the downgrade of the revision it would write for database '" + c.db->name +
                 "' does not give back the schema it started from; different:\n  " + leftover(back))
        .hint("nothing was written; this is a bug in retort's autogenerate: please report it with the schema files");
  return Status();
}

}  // namespace

Result<AutogenerateOutcome> autogenerate(const ComparisonContext& ctx, const std::vector<const DatabaseConfig*>& dbs,
                                         const std::vector<const DatabaseConfig*>& all_databases,
                                         const AutogenerateRequest& request, const RevisionLayout& layout) {
  AutogenerateOutcome outcome;
  std::vector<SchemaComparison> comparisons;
  std::vector<Error> problems;
  std::string branch;
  for (const DatabaseConfig* db : dbs) {
    if (db->schema_files.empty()) {
      outcome.notes.push_back("database '" + db->name + "' declares no schema: skipped");
      continue;
    }
    auto c = compare_schema(ctx, *db, request.from_db ? CompareWith::kLiveDatabase : CompareWith::kTreeHeads,
                            request.diff);
    if (!c.ok()) return std::move(c).error();
    for (const auto& p : c->diff.problems) problems.push_back(Error(p).at("database '" + db->name + "'"));
    if (!c->declared.branch.empty()) {
      if (!branch.empty() && branch != c->declared.branch)
        return Error("the schema files put new revisions on branch '" + branch + "' for one database and on '" +
                     c->declared.branch + "' for database '" + db->name + "'")
            .hint("autogenerate the databases separately with --engine");
      branch = c->declared.branch;
    }
    comparisons.push_back(std::move(c).value());
  }
  if (comparisons.empty())
    return Error("no selected database declares a schema to compare with (" + join(outcome.notes, "; ") + ")")
        .hint("add schema = [\"schema/app.toml\"] to a [databases.NAME] table (see docs/schema-files.md)");
  if (!problems.empty()) {
    ErrorList list;
    for (auto& p : problems) list.add(std::move(p));
    return list.combined("nothing was written, because:");
  }
  for (const auto& c : comparisons) {
    for (const auto& w : c.diff.withheld)
      outcome.notes.push_back("database '" + c.db->name + "': not written: " + w +
                              " (pass --allow-destructive to write it)");
    for (const auto& i : c.diff.inexpressible) outcome.notes.push_back("database '" + c.db->name + "': " + i);
    for (const auto& change : c.diff.changes)
      outcome.notes.push_back("database '" + c.db->name + "': " + change.summary);
  }
  if (std::all_of(comparisons.begin(), comparisons.end(), [](const SchemaComparison& c) { return c.diff.changes.empty(); })) {
    // Differences it may not or cannot write are no reason for an empty revision, and no success either.
    std::vector<std::string> unwritten;
    bool withheld = false;
    for (const auto& c : comparisons) {
      for (const auto& w : c.diff.withheld) unwritten.push_back("database '" + c.db->name + "': " + w);
      for (const auto& i : c.diff.inexpressible) unwritten.push_back("database '" + c.db->name + "': " + i);
      withheld = withheld || !c.diff.withheld.empty();
    }
    if (!unwritten.empty())
      return Error("nothing was written: the schemas differ only in what autogenerate does not write:\n    " +
                   join(unwritten, "\n    "))
          .hint(withheld ? "pass --allow-destructive to write the drops" : "write these changes by hand");
    outcome.notes.emplace_back("No changes in schema detected; nothing was written.");
    return outcome;
  }

  // Common operations only when every database the revision reaches was compared: [[upgrade]] runs on all.
  bool all_reached = std::all_of(all_databases.begin(), all_databases.end(), [&](const DatabaseConfig* db) {
    return std::any_of(comparisons.begin(), comparisons.end(), [&](const SchemaComparison& c) { return c.db == db; });
  });
  RevisionRequest rev_request = request.revision;
  if (!branch.empty() && rev_request.head == "head") rev_request.head = branch + "@head";
  RETORT_ASSIGN_OR_RETURN(NewRevision rev, plan_revision(ctx.scripts.scripts(), rev_request, layout.naming));
  rev.body = operation_sections_text(sections_for(comparisons, all_reached, ctx.catalogue));
  RETORT_ASSIGN_OR_RETURN(std::string text, layout.text(rev));

  ErrorList parse_errors;
  auto file = parse_revision_text(text, rev.file.string(), parse_errors);
  if (!file) return parse_errors.combined("the revision autogenerate would write does not read back:");
  for (auto& c : comparisons) RETORT_TRY(try_revision(ctx, c, *file, request.from_db));

  outcome.ready = true;
  outcome.revision = rev;
  outcome.text = std::move(text);
  return outcome;
}

}  // namespace retort
