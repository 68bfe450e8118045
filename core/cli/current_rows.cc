#include "current_rows.h"

#include "runtime/alembic_adoption.h"
#include "runtime/version_table.h"

namespace retort::cli {

Result<std::vector<RevIndex>> read_rows(CliContext& ctx, const ScriptDirectory& scripts, const PluginHost& plugins,
                                        const DatabaseConfig& c) {
  auto rows = [&]() -> Result<std::vector<RevIndex>> {
    RETORT_ASSIGN_OR_RETURN(Database db, Database::connect(plugins, c));
    VersionTable table(db);
    RETORT_ASSIGN_OR_RETURN(bool exists, table.exists());
    if (!exists) {
      RETORT_ASSIGN_OR_RETURN(auto warning, alembic_adoption_warning(db));
      if (warning) ctx.warning(*warning);
      return std::vector<RevIndex>{};
    }
    RETORT_ASSIGN_OR_RETURN(auto ids, table.rows());
    return table.resolve(scripts.map(), ids);
  }();
  if (!rows.ok()) return std::move(rows).error().at("database '" + c.name + "'");
  return rows;
}

Result<CurrentRows> read_current(CliContext& ctx) {
  RETORT_ASSIGN_OR_RETURN(const ScriptDirectory* scripts, ctx.scripts());
  RETORT_ASSIGN_OR_RETURN(auto dbs, ctx.databases());
  RETORT_ASSIGN_OR_RETURN(const PluginHost* plugins, ctx.plugins());
  ctx.note_new_sqlite_files(dbs);
  CurrentRows out;
  for (const DatabaseConfig* c : dbs) {
    RETORT_ASSIGN_OR_RETURN(auto rows, read_rows(ctx, *scripts, *plugins, *c));
    out.emplace_back(c, std::move(rows));
  }
  return out;
}

Result<std::vector<RevIndex>> all_current(CliContext& ctx) {
  RETORT_ASSIGN_OR_RETURN(auto current, read_current(ctx));
  std::vector<RevIndex> all;
  for (const auto& [db, rows] : current) all.insert(all.end(), rows.begin(), rows.end());
  return all;
}

}  // namespace retort::cli
