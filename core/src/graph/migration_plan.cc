#include "graph/migration_plan.h"

#include "graph/target.h"
#include "util/strings.h"

#include <algorithm>

namespace retort {
namespace {

bool given(const std::optional<std::string>& branch) { return branch && !branch->empty(); }

using Options = RevisionTraversal::Options;
using Purpose = RevisionTraversal::Purpose;

}  // namespace

Result<RevisionSet> branch_scope(const RevisionMap& map, const std::vector<std::string>& labels) {
  if (labels.empty()) return RevisionSet(map.size(), 1);
  std::vector<RevIndex> labelled;
  for (const auto& label : labels) {
    auto rev = map.find_label(label);
    if (!rev)
      return Error("branches names '" + label + "', which is not a branch label of any revision")
          .hint("`retort branches` and `retort heads` show the labels");
    labelled.push_back(*rev);
  }
  RevisionSet line = map.lineage(labelled);
  return map.ancestors(members(line), true);
}

Planner::Planner(const RevisionMap& map, std::vector<RevIndex> rows, const RevisionSet& scope)
    : map_(&map) {
  const bool narrowed = !scope.empty() && std::find(scope.begin(), scope.end(), 0) != scope.end();
  if (narrowed) {
    scoped_ = std::make_unique<RevisionMap>(map.subset(scope, original_));
    map_ = scoped_.get();
    for (RevIndex r : rows) {
      if (!scope[r]) {
        outside_.push_back(map.id(r));
        continue;
      }
      rows_.push_back(*map_->find(map.id(r)));
    }
  } else {
    rows_ = std::move(rows);
  }
}

Status Planner::rows_ok() const {
  if (!outside_.empty())
    return Error("the version table holds " + join(outside_, ", ") + ", which is not on the branches this database follows")
        .hint("add the branch to `branches` in the database's config, or correct the rows with `retort stamp --purge`");
  std::vector<RevIndex> sorted = rows_;
  std::sort(sorted.begin(), sorted.end());
  auto dup = std::adjacent_find(sorted.begin(), sorted.end());
  if (dup != sorted.end())
    return Error("the version table holds revision " + map_->id(*dup) + " more than once")
        .hint("the table has no primary key: delete the extra row by hand, or rewrite the rows with `retort stamp --purge REV`");
  return Status();
}

std::vector<RevIndex> Planner::to_full(const std::vector<RevIndex>& revs) const {
  if (!scoped_) return revs;
  std::vector<RevIndex> out;
  out.reserve(revs.size());
  for (RevIndex r : revs) out.push_back(original_[r]);
  return out;
}

std::vector<MigrationStep> Planner::steps(const std::vector<RevIndex>& order, bool upgrade) const {
  std::vector<MigrationStep> out;
  out.reserve(order.size());
  for (RevIndex r : to_full(order)) out.push_back({r, upgrade});
  return out;
}

Names Planner::row_names() const { return Names::ids(*map_, rows_); }

std::string Planner::alternatives(const std::vector<RevIndex>& choices, const std::string& steps_text) const {
  std::vector<std::string> names;
  for (RevIndex c : choices) {
    std::string name = map_->id(c) + steps_text;
    if (!map_->at(c).labels.empty()) name += " (or " + map_->at(c).labels.front() + "@" + steps_text + ")";
    names.push_back(name);
  }
  return join(names, ", ");
}

Result<std::vector<MigrationStep>> Planner::plan_upgrade(const std::string& target) const {
  RETORT_TRY(rows_ok());
  RevisionTraversal traversal(*map_);
  Options options;
  options.implicit_base = true;
  RETORT_ASSIGN_OR_RETURN(auto order,
                          traversal.iterate(Names::typed_text(target), row_names(), options, false, Purpose::kUpgrade));
  std::reverse(order.begin(), order.end());
  return steps(order, true);
}

Result<std::optional<RevIndex>> Planner::unmerge_stop(const std::string& target) const {
  auto m = match_relative(target);
  if (!m || m->steps >= 0) return std::optional<RevIndex>();
  RevisionTraversal traversal(*map_);
  const RevisionQuery& query = traversal.query();
  if (!m->symbol && !given(m->branch)) {
    std::vector<RevIndex> distinct = rows_;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    if (distinct.size() > 1)
      return Error("the database has " + std::to_string(distinct.size()) + " heads (" + id_list(*map_, distinct) +
                   "), so it is not clear which one to go down from")
          .hint("name the branch to go down: " + alternatives(distinct, m->steps_text));
  }
  RevisionRef start;
  if (!m->symbol) {
    auto from = traversal.relative_downgrade_start(row_names(), m->branch, m->steps_text);
    if (!from.ok()) return std::optional<RevIndex>();  // the plan itself reports it
    start = from->target;
  } else {
    auto from = query.revision(m->branch ? *m->branch + "@" + *m->symbol : *m->symbol);
    if (!from.ok()) return std::optional<RevIndex>();
    start = *from;
  }
  // Every step but the last must be unambiguous; only the last may stop at an applied revision with
  // several parents, which is then undone on its own.
  RETORT_ASSIGN_OR_RETURN(RevisionRef last, query.walk(start, m->steps + 1, std::nullopt));
  if (!last.is_revision() || map_->at(last.rev).normalized_down.size() < 2) return std::optional<RevIndex>();
  if (!map_->ancestors(rows_)[last.rev]) return std::optional<RevIndex>();
  return std::optional<RevIndex>(last.rev);
}

Result<std::vector<MigrationStep>> Planner::plan_downgrade(const std::string& target) const {
  RETORT_TRY(rows_ok());
  RevisionTraversal traversal(*map_);
  auto stop = unmerge_stop(target);
  if (!stop.ok()) return std::move(stop).error().at("target '" + target + "'");
  Options options;
  std::string destination = target;
  if (*stop) {
    options.inclusive = true;
    destination = map_->id(**stop);
  }
  RETORT_ASSIGN_OR_RETURN(auto order, traversal.iterate(row_names(), Names::typed_text(destination), options, true,
                                                        Purpose::kDowngrade));
  return steps(order, false);
}

Result<StampPlan> Planner::plan_stamp(const std::vector<std::string>& targets_in, bool purge) const {
  RevisionQuery query(*map_);
  if (!purge) RETORT_TRY(rows_ok());
  std::vector<RevIndex> start = purge ? std::vector<RevIndex>{} : rows_;
  std::vector<std::string> targets = targets_in;
  if (targets.empty()) targets.push_back("base");

  // The rows each destination moves: those sharing lineage with it.
  std::vector<RevIndex> moving;
  for (const auto& t : targets) {
    if (t.empty()) continue;
    RETORT_ASSIGN_OR_RETURN(auto on_line, query.filter_for_lineage(start, t, true));
    for (RevIndex r : on_line)
      if (std::find(moving.begin(), moving.end(), r) == moving.end()) moving.push_back(r);
  }
  RETORT_ASSIGN_OR_RETURN(RevisionRefs dests, query.revisions(Names{targets, false}));
  if (dests.empty()) dests.push_back(RevisionRef::none());

  struct Move {
    StampStep step;
    bool upgrade;
    bool branch_move;
  };
  std::vector<Move> moves;
  for (const auto& dest : dests) {
    if (dest.is_base()) return Error("stamp target goes below the base revisions").hint("use 'base' to remove every row");
    if (dest.is_none()) {
      for (RevIndex h : moving) moves.push_back({{{h}, {}}, false, true});
      continue;
    }
    if (std::find(moving.begin(), moving.end(), dest.rev) != moving.end()) continue;
    RevisionSet above = map_->descendants({dest.rev});
    RevisionSet below = map_->ancestors({dest.rev});
    bool any_above = std::any_of(moving.begin(), moving.end(), [&](RevIndex h) { return above[h] != 0; });
    bool any_below = std::any_of(moving.begin(), moving.end(), [&](RevIndex h) { return below[h] != 0; });
    if (any_above && any_below)
      return Error("the version table holds rows on both sides of " + map_->id(dest.rev) + " (" +
                   id_list(*map_, moving) + "), so it cannot tell which way the stamp moves")
          .hint("the rows contradict each other (one implies another); set them from scratch with "
                "`retort stamp --purge REV...`");
    if (any_above || any_below) {
      moves.push_back({{moving, {dest.rev}}, !any_above, false});
    } else {
      moves.push_back({{{}, {dest.rev}}, true, true});
    }
  }

  // Alembic's bookkeeping of the rows, move by move; where it would fail, the stamp is refused.
  std::vector<RevIndex> stored = start;
  auto has = [&](RevIndex r) { return std::find(stored.begin(), stored.end(), r) != stored.end(); };
  auto conflict = [&](const std::string& why) {
    return Error("stamp " + join(targets, " ") + " cannot be applied: " + why)
        .hint("stamp one target at a time, or use `retort stamp --purge` to set the rows from scratch");
  };
  StampPlan plan;
  // Which change put each stored row there (none: it was there before), so that a row the minimal rows
  // leave out is never written at all.
  std::vector<std::optional<size_t>> written_by(map_->size());
  auto remove = [&](RevIndex r) -> Status {
    if (!has(r)) return conflict("an earlier destination already replaced " + map_->id(r));
    stored.erase(std::find(stored.begin(), stored.end(), r));
    plan.changes.push_back({VersionChange::Kind::kDelete, map_->id(r), ""});
    return Status();
  };
  auto add = [&](RevIndex r) -> Status {
    if (has(r)) return conflict(map_->id(r) + " would be stored twice");
    stored.push_back(r);
    written_by[r] = plan.changes.size();
    plan.changes.push_back({VersionChange::Kind::kInsert, "", map_->id(r)});
    return Status();
  };
  auto update = [&](RevIndex from, RevIndex to) -> Status {
    if (!has(from)) return conflict("an earlier destination already replaced " + map_->id(from));
    if (has(to)) return conflict(map_->id(to) + " would be stored twice");
    *std::find(stored.begin(), stored.end(), from) = to;
    written_by[to] = plan.changes.size();
    plan.changes.push_back({VersionChange::Kind::kUpdate, map_->id(from), map_->id(to)});
    return Status();
  };
  for (const auto& m : moves) {
    const auto& from = m.step.from;
    const auto& to = m.step.to;
    bool new_from = std::any_of(from.begin(), from.end(), [&](RevIndex r) { return !has(r); });
    bool new_to = std::any_of(to.begin(), to.end(), [&](RevIndex r) { return !has(r); });
    if (!m.upgrade && m.branch_move) {
      RETORT_TRY(remove(from.front()));
    } else if (m.upgrade && (m.branch_move || new_from) && new_to) {
      RETORT_TRY(add(to.front()));
    } else {
      if (from.empty() || to.size() != 1) return conflict("no single row to replace");
      for (size_t k = 0; k + 1 < from.size(); ++k) RETORT_TRY(remove(from[k]));
      RETORT_TRY(update(from.back(), to.front()));
    }
    plan.steps.push_back({to_full(from), to_full(to)});
  }
  // Minimal rows (DESIGN.md §5): a row implied by another is not kept. A stamp that moves nothing leaves
  // the table as it is.
  if (plan.steps.empty()) {
    plan.rows = to_full(start);
    return plan;
  }
  RevisionSet applied = map_->ancestors(stored);
  std::vector<RevIndex> rows;
  std::vector<char> dropped(plan.changes.size(), 0);
  for (RevIndex r : stored) {
    bool implied = false;
    for (RevIndex c : map_->at(r).all_next) implied = implied || applied[c];
    if (!implied) {
      rows.push_back(r);
    } else if (!written_by[r]) {
      plan.changes.push_back({VersionChange::Kind::kDelete, map_->id(r), ""});
    } else if (plan.changes[*written_by[r]].kind == VersionChange::Kind::kInsert) {
      dropped[*written_by[r]] = 1;
    } else {
      VersionChange& c = plan.changes[*written_by[r]];
      c = {VersionChange::Kind::kDelete, c.from, ""};
    }
  }
  std::vector<VersionChange> kept;
  for (size_t k = 0; k < plan.changes.size(); ++k)
    if (k >= dropped.size() || !dropped[k]) kept.push_back(std::move(plan.changes[k]));
  plan.changes = std::move(kept);
  plan.rows = to_full(rows);
  return plan;
}

Result<std::vector<RevIndex>> Planner::revisions(const std::string& name) const {
  RevisionQuery query(*map_);
  RETORT_ASSIGN_OR_RETURN(RevisionRefs refs, query.revisions(name));
  std::vector<RevIndex> out;
  for (const auto& r : refs) {
    if (!r.is_revision()) return Error("'" + name + "' goes past the end of the revision graph");
    out.push_back(r.rev);
  }
  return to_full(out);
}

Result<std::optional<RevIndex>> Planner::revision(const std::string& name) const {
  RevisionQuery query(*map_);
  RETORT_ASSIGN_OR_RETURN(RevisionRef r, query.revision(name));
  if (r.is_base()) return std::optional<RevIndex>();
  if (!r.is_revision()) return std::optional<RevIndex>();
  return std::optional<RevIndex>(to_full({r.rev}).front());
}

Result<std::vector<RevIndex>> Planner::history(const std::string& lower, const std::string& upper) const {
  auto end = [&](const std::string& text, const char* empty) -> Result<Names> {
    if (text == "current") {
      RETORT_TRY(rows_ok());
      if (!rows_.empty()) return row_names();
      return Names::typed_text(empty);
    }
    return Names::typed_text(text.empty() ? std::string(empty) : text);
  };
  RETORT_ASSIGN_OR_RETURN(Names low, end(lower, "base"));
  RETORT_ASSIGN_OR_RETURN(Names up, end(upper, "heads"));
  Options options;
  options.inclusive = true;
  options.assert_relative_length = false;
  RevisionTraversal traversal(*map_);
  RETORT_ASSIGN_OR_RETURN(auto order, traversal.iterate(up, low, options, false, Purpose::kHistory));
  return to_full(order);
}

Result<std::vector<RevIndex>> Planner::current() const {
  RETORT_TRY(rows_ok());
  return to_full(RevisionQuery(*map_).all_current(rows_));
}

std::vector<RevIndex> Planner::heads(bool resolve_dependencies) const {
  return to_full(resolve_dependencies ? map_->real_heads() : map_->heads());
}

}  // namespace retort
