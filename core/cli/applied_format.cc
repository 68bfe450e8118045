#include "applied_format.h"

#include "runtime/applied_revisions.h"
#include "runtime/database_selection.h"

namespace retort::cli {

Result<AppliedFormat> AppliedFormat::read(CliContext& ctx, const std::vector<const DatabaseConfig*>& databases) {
  RETORT_ASSIGN_OR_RETURN(const ScriptDirectory* scripts, ctx.scripts());
  AppliedFormat out;
  out.map_ = &scripts->map();
  out.named_ = databases.size() > 1;
  out.grouped_ = reported_in_groups(databases);
  for (const DatabaseConfig* c : databases) {
    auto applied = [&]() -> Result<AppliedRevisions> {
      RETORT_ASSIGN_OR_RETURN(const PluginHost* plugins, ctx.plugins());
      RETORT_ASSIGN_OR_RETURN(const OpCatalogue* catalogue, ctx.catalogue());
      ctx.note_new_sqlite_files({c});
      RETORT_ASSIGN_OR_RETURN(Database db, Database::connect(*plugins, *c));
      return read_applied(db, *catalogue);
    }();
    if (!applied.ok()) {
      ctx.err << "warning: database '" << c->name << "': " << applied.error().to_string()
              << "\n  note: its Applied lines are left out\n";
      continue;
    }
    Source source{c->name, applied_set(*out.map_, applied->version_ids),
                  LatestEntries(applied->history, {"upgrade", "stamp", "downgrade"})};
    if (out.grouped_)
      out.add_to_groups(source);
    else
      out.sources_.push_back(std::move(source));
  }
  return out;
}

void AppliedFormat::add_to_groups(const Source& source) {
  for (RevIndex rev = 0; rev < map_->size(); ++rev) {
    const HistoryEntry* last = source.last.find(map_->id(rev));
    const char* state = source.applied[rev]                       ? "with it applied"
                        : last && last->direction == "downgrade" ? "where it was downgraded"
                                                                 : "without it";
    groups_[rev].add(state, source.name);
  }
}

std::string AppliedFormat::line(const Source& source, const std::string& id, RevIndex rev) const {
  const HistoryEntry* last = source.last.find(id);
  auto when = [](const HistoryEntry& e) {
    std::string text = e.finished.empty() ? e.started : e.finished;
    if (e.direction == "stamp") text += " by stamp";
    if (!e.tag.empty()) text += " (tag: " + e.tag + ")";
    return text;
  };
  if (source.applied[rev]) {
    // Applied with no upgrade or stamp row since: before the history table existed, or implied by a stamp.
    if (!last || last->direction == "downgrade") return "before history";
    return when(*last);
  }
  if (!last) return "never";
  if (last->direction == "downgrade") return "no (downgraded " + when(*last) + ")";
  return "no";  // stamped away
}

std::string AppliedFormat::lines(RevIndex rev) const {
  if (grouped_) {
    auto it = groups_.find(rev);
    if (it == groups_.end()) return "";
    std::string out = "\n";
    for (const auto& l : it->second.lines()) out += "    " + l + "\n";
    return out;
  }
  if (sources_.empty()) return "";
  const std::string& id = map_->id(rev);
  std::string out = "\n";
  for (const Source& s : sources_)
    out += "    Applied" + (named_ ? " on " + s.name : std::string()) + ": " + line(s, id, rev) + "\n";
  return out;
}

}  // namespace retort::cli
