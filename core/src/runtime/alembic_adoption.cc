#include "runtime/alembic_adoption.h"

namespace retort {

namespace {

constexpr const char* kDefaultVersionTable = "retort_version";
constexpr const char* kAlembicVersionTable = "alembic_version";

}  // namespace

Result<std::optional<std::string>> alembic_adoption_warning(Database& db) {
  const DatabaseConfig& config = db.config();
  if (config.version_table != kDefaultVersionTable) return std::optional<std::string>();
  RETORT_ASSIGN_OR_RETURN(auto queries, db.render_statement(RETORT_STMT_VERSION_TABLE_EXISTS,
                                                            {config.version_table_schema, kAlembicVersionTable}));
  if (queries.empty()) return std::optional<std::string>();
  for (const auto& q : queries) {
    RETORT_ASSIGN_OR_RETURN(auto found, db.query(q));
    if (found.empty()) return std::optional<std::string>();
  }
  return std::optional<std::string>(
      "database '" + config.name + "' has an alembic_version table and no " + config.version_table +
      " table\n  hint: if Alembic manages this database, add version_table = \"alembic_version\" to [databases." +
      config.name + "] (" + config.location + ") so that retort goes on from Alembic's version rows");
}

}  // namespace retort
