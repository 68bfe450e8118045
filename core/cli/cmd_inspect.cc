#include "commands.h"
#include "applied_format.h"
#include "current_rows.h"
#include "outcome_tally.h"
#include "revision_format.h"
#include "state_groups.h"

#include "graph/migration_plan.h"
#include "runtime/database_selection.h"
#include "util/strings.h"

#include <algorithm>
#include <optional>
#include <set>

namespace retort::cli {
namespace {

// A history end or `show` argument that is the database's rows (Alembic reads the database for no other).
bool names_current(const std::string& text) { return text == "current"; }

// The revisions a database at `rows` is at, effective heads included, as `current` lists them.
Result<std::vector<RevIndex>> effective_current(const RevisionMap& map, const DatabaseConfig& db,
                                                const std::vector<RevIndex>& rows) {
  auto scope = branch_scope(map, db.branches);
  if (!scope.ok()) return std::move(scope).error().at(db.location);
  auto current = Planner(map, rows, *scope).current();
  if (!current.ok()) return std::move(current).error().at("database '" + db.name + "'");
  return current;
}

// "at b2 (head)" for a group of databases in that state: the lines `current` lists, on one line.
std::string state_text(const RevisionFormat& fmt, const std::vector<RevIndex>& at) {
  if (at.empty()) return "with no revision applied";
  std::vector<std::string> lines;
  for (RevIndex r : at) lines.push_back(fmt.current_line(r));
  return "at " + join(lines, ", ");
}

// Each database in turn: one that cannot be read is an error line of its own, and the others are still
// listed; the exit status is 1 when any failed. A fleet (or many databases) is listed grouped by state,
// each database connected once and nothing kept of it but its state and, in a small group, its name.
Status current_cmd(CliContext& ctx, bool verbose) {
  RETORT_ASSIGN_OR_RETURN(const ScriptDirectory* scripts, ctx.scripts());
  RETORT_ASSIGN_OR_RETURN(auto dbs, ctx.databases());
  RETORT_ASSIGN_OR_RETURN(const PluginHost* plugins, ctx.plugins());
  ctx.note_new_sqlite_files(dbs);
  RevisionFormat fmt(*scripts);
  const bool grouped = reported_in_groups(dbs);
  StateGroups groups;
  std::set<RevIndex> in_full;  // -v over a fleet: each revision some database is at, once
  std::vector<std::string> failed;  // a fleet's first kListedFailures
  size_t failures = 0;
  std::optional<Error> first_error;
  for (const DatabaseConfig* db : dbs) {
    auto at = [&]() -> Result<std::vector<RevIndex>> {
      RETORT_ASSIGN_OR_RETURN(auto rows, read_rows(ctx, *scripts, *plugins, *db));
      return effective_current(scripts->map(), *db, rows);
    }();
    if (!grouped) ctx.out << std::flush;  // what was listed so far comes before this database's heading or error
    if (!at.ok()) {
      ++failures;
      if (!grouped || failed.size() < kListedFailures) failed.push_back(db->name);
      if (!first_error) first_error = at.error();
      if (dbs.size() > 1 && (!grouped || failures <= kListedFailures))
        ctx.err << "error: " << at.error().to_string() << "\n" << std::flush;
      continue;
    }
    if (grouped) {
      groups.add(state_text(fmt, *at), db->name);
      if (verbose) in_full.insert(at->begin(), at->end());
      continue;
    }
    if (!ctx.options.quiet)
      ctx.err << "Current revision(s) for " << db->name << " (" << db->url.masked() << "):\n" << std::flush;
    for (RevIndex r : *at) ctx.out << (verbose ? fmt.verbose_entry(r) : fmt.current_line(r)) << "\n";
  }
  if (grouped) {
    if (!ctx.options.quiet)
      ctx.err << "Current revision(s) of " << dbs.size() - failures << " of " << databases_count(dbs.size())
              << ", grouped:\n" << std::flush;
    for (const auto& line : groups.lines()) ctx.out << line << "\n";
    for (RevIndex r : in_full) ctx.out << "\n" << fmt.verbose_entry(r) << "\n";
    ctx.out << std::flush;
  }
  if (failures == 0) return Status();
  if (dbs.size() == 1) return *first_error;
  return Error("current could not read " + std::to_string(failures) + " of " + std::to_string(dbs.size()) +
               " databases: " + (grouped ? first_names(failed, failures, kListedFailures) : join(failed, ", ")))
      .hint("the others are listed above; fix the errors above (server down, wrong URL or password) and run again, "
            "or leave a database out with --engine");
}

// What a listing shows for some of the selected databases: the revisions they follow (`branches`) and,
// when the listing needs it, where they are. Databases that would show the same listing share a view.
struct View {
  std::vector<const DatabaseConfig*> databases;  // empty: no database is configured
  RevisionSet scope;
  std::vector<RevIndex> current;
};

Result<std::vector<View>> views(CliContext& ctx, bool with_current) {
  RETORT_ASSIGN_OR_RETURN(const ScriptDirectory* scripts, ctx.scripts());
  const RevisionMap& map = scripts->map();
  RETORT_ASSIGN_OR_RETURN(const Config* config, ctx.config());
  if (config->databases.empty() && config->fleets.empty() && !with_current)
    return std::vector<View>{View{{}, RevisionSet(map.size(), 1), {}}};
  std::vector<std::pair<const DatabaseConfig*, std::vector<RevIndex>>> current;
  if (with_current) {
    RETORT_ASSIGN_OR_RETURN(current, read_current(ctx));
  } else {
    // Only the branches matter here, which a fleet's members share: its source is not read.
    RETORT_ASSIGN_OR_RETURN(auto dbs, ctx.database_definitions());
    for (const DatabaseConfig* db : dbs) current.emplace_back(db, std::vector<RevIndex>{});
  }
  std::vector<View> out;
  for (auto& entry : current) {
    const DatabaseConfig* db = entry.first;
    std::vector<RevIndex>& rows = entry.second;
    auto scope = branch_scope(map, db->branches);
    if (!scope.ok()) return std::move(scope).error().at(db->location);
    std::vector<RevIndex> sorted = rows;
    std::sort(sorted.begin(), sorted.end());
    auto same = std::find_if(out.begin(), out.end(), [&](const View& v) {
      std::vector<RevIndex> theirs = v.current;
      std::sort(theirs.begin(), theirs.end());
      return v.scope == *scope && theirs == sorted;
    });
    if (same != out.end()) {
      same->databases.push_back(db);
    } else {
      out.push_back(View{{db}, std::move(scope).value(), rows});
    }
  }
  return out;
}

// Names the databases of a view before its listing, when the selected databases show different ones.
// The listing before it is flushed first, so that with stdout and stderr on one terminal or file each
// heading stands above its own listing.
void view_heading(CliContext& ctx, const View& view, size_t views) {
  if (views < 2 || ctx.options.quiet) return;
  ctx.out << std::flush;
  // A fleet's view can hold thousands of databases: the first few are named, the rest counted.
  std::vector<std::string> names;
  for (const DatabaseConfig* db : view.databases) {
    if (names.size() == kListEachUpTo) break;
    names.push_back(db->name);
  }
  ctx.err << "== " << (view.databases.size() > kListEachUpTo ? databases_count(view.databases.size()) + ": "
                                                               : std::string(names.size() > 1 ? "databases " : "database "))
          << first_names(names, view.databases.size(), kListEachUpTo);
  if (!view.databases.front()->branches.empty()) ctx.err << " (branches: " << join(view.databases.front()->branches, ", ") << ")";
  ctx.err << "\n" << std::flush;
}

Status history_view(CliContext& ctx, const View& view, const std::string& range, bool verbose, bool indicate_current) {
  RETORT_ASSIGN_OR_RETURN(const ScriptDirectory* scripts, ctx.scripts());
  Planner planner(scripts->map(), view.current, view.scope);
  std::string lower, upper;
  if (!range.empty()) {
    auto colon = range.find(':');
    if (colon == std::string::npos)
      return Error("history range '" + range + "' has no ':'").hint("write START:END, START: or :END");
    lower = trim(range.substr(0, colon));
    upper = trim(range.substr(colon + 1));
    if (upper.find(':') != std::string::npos)
      return Error("history range '" + range + "' has more than one ':'").hint("write START:END, START: or :END");
  }
  RETORT_ASSIGN_OR_RETURN(std::vector<RevIndex> order, planner.history(lower, upper));
  RevisionFormat fmt(*scripts);
  if (indicate_current) fmt.set_current(view.current);
  AppliedFormat applied;
  if (verbose) {
    RETORT_ASSIGN_OR_RETURN(applied, AppliedFormat::read(ctx, view.databases));
  }
  std::string text;
  for (RevIndex r : order) text += (verbose ? fmt.verbose_entry(r) + applied.lines(r) : fmt.history_line(r)) + "\n";
  ctx.out << text;
  return Status();
}

Status history_cmd(CliContext& ctx, const std::string& range, bool verbose, bool indicate_current) {
  auto colon = range.find(':');
  bool with_current = indicate_current || (colon != std::string::npos &&
                                           (names_current(trim(range.substr(0, colon))) ||
                                            names_current(trim(range.substr(colon + 1)))));
  RETORT_ASSIGN_OR_RETURN(auto all, views(ctx, with_current));
  for (const View& view : all) {
    view_heading(ctx, view, all.size());
    RETORT_TRY(history_view(ctx, view, range, verbose, indicate_current));
  }
  return Status();
}

Status heads_cmd(CliContext& ctx, bool verbose, bool resolve_dependencies) {
  RETORT_ASSIGN_OR_RETURN(const ScriptDirectory* scripts, ctx.scripts());
  RevisionFormat fmt(*scripts);
  RETORT_ASSIGN_OR_RETURN(auto all, views(ctx, false));
  for (const View& view : all) {
    view_heading(ctx, view, all.size());
    for (RevIndex h : Planner(scripts->map(), {}, view.scope).heads(resolve_dependencies))
      ctx.out << (verbose ? fmt.verbose_entry(h) : fmt.heads_line(h)) << "\n";
  }
  return Status();
}

Status branches_cmd(CliContext& ctx, bool verbose) {
  RETORT_ASSIGN_OR_RETURN(const ScriptDirectory* scripts, ctx.scripts());
  const RevisionMap& map = scripts->map();
  RevisionFormat fmt(*scripts);
  RETORT_ASSIGN_OR_RETURN(auto order, Planner(map, {}).history("", ""));
  for (RevIndex i : order) {
    const Revision& r = map.at(i);
    if (!r.is_branch_point()) continue;
    ctx.out << (verbose ? fmt.verbose_entry(i) : fmt.branch_point_line(i)) << "\n";
    for (RevIndex c : r.next) ctx.out << std::string(r.id().size(), ' ') << " -> " << fmt.branch_line(c, verbose) << "\n";
    ctx.out << "\n";
  }
  return Status();
}

Status show_cmd(CliContext& ctx, const std::string& what) {
  RETORT_ASSIGN_OR_RETURN(const ScriptDirectory* scripts, ctx.scripts());
  std::vector<RevIndex> revs;
  if (names_current(what)) {
    RETORT_ASSIGN_OR_RETURN(revs, all_current(ctx));
  } else {
    RETORT_ASSIGN_OR_RETURN(revs, Planner(scripts->map(), {}).revisions(what));
  }
  RevisionFormat fmt(*scripts);
  for (RevIndex r : revs) ctx.out << fmt.verbose_entry(r) << "\n";
  return Status();
}

}  // namespace

void add_inspect_commands(CLI::App& app, CliContext& ctx, Action& action) {
  auto verbose = std::make_shared<bool>(false);
  auto* current = app.add_subcommand("current", "Show the revision(s) each database is at");
  current->add_flag("-v,--verbose", *verbose, "Show full revision details");
  current->callback([&ctx, &action, verbose] { action = [&ctx, verbose] { return current_cmd(ctx, *verbose); }; });

  struct HistoryOpts {
    std::string range;
    bool verbose = false;
    bool indicate_current = false;
  };
  auto h = std::make_shared<HistoryOpts>();
  auto* history = app.add_subcommand("history", "List revisions, newest first");
  history->add_option("-r,--rev-range", h->range, "START:END, START: or :END (ids, labels, current, relative)");
  history->add_flag("-v,--verbose", h->verbose,
                    "Show full revision details, and when and by which tag each database applied it");
  history->add_flag("-i,--indicate-current", h->indicate_current, "Mark the revisions the databases are at");
  history->callback([&ctx, &action, h] {
    action = [&ctx, h] { return history_cmd(ctx, h->range, h->verbose, h->indicate_current); };
  });

  struct HeadsOpts {
    bool verbose = false;
    bool resolve = false;
  };
  auto ho = std::make_shared<HeadsOpts>();
  auto* heads = app.add_subcommand("heads", "Show the head revisions");
  heads->add_flag("-v,--verbose", ho->verbose, "Show full revision details");
  heads->add_flag("--resolve-dependencies", ho->resolve, "Leave out heads that other revisions depend on");
  heads->callback([&ctx, &action, ho] { action = [&ctx, ho] { return heads_cmd(ctx, ho->verbose, ho->resolve); }; });

  auto bv = std::make_shared<bool>(false);
  auto* branches = app.add_subcommand("branches", "Show the branch points");
  branches->add_flag("-v,--verbose", *bv, "Show full revision details");
  branches->callback([&ctx, &action, bv] { action = [&ctx, bv] { return branches_cmd(ctx, *bv); }; });

  auto rev = std::make_shared<std::string>();
  auto* show = app.add_subcommand("show", "Show one revision in full (an id, label, head, heads or current)");
  show->add_option("REV", *rev, "The revision")->required();
  show->callback([&ctx, &action, rev] { action = [&ctx, rev] { return show_cmd(ctx, *rev); }; });
}

}  // namespace retort::cli
