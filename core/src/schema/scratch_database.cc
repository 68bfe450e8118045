#include "schema/scratch_database.h"

#include "runtime/operation_apply.h"
#include "schema/schema_file.h"
#include "schema/schema_inspection.h"
#include "schema/schema_operations.h"
#include "schema/temporary_database.h"

namespace retort {

Result<ScratchDatabase> ScratchDatabase::open(const PluginHost& plugins, const DatabaseConfig& live,
                                              const OpCatalogue& catalogue, int stale_after_seconds) {
  auto config = std::make_unique<DatabaseConfig>(live);
  // The dialect's own name, whatever alias the URL used.
  RETORT_ASSIGN_OR_RETURN(const retort_dialect* dialect, plugins.dialect(live.url.dialect));
  const bool sqlite = std::string(dialect->name) == "sqlite";
  if (sqlite) {
    // A private in-memory database per connection: nothing to clean up, ever.
    config->url = Url{};
    config->url.dialect = "sqlite";
  } else if (live.scratch_url) {
    if (live.scratch_url->dialect != live.url.dialect)
      return Error("its scratch database is a " + live.scratch_url->dialect + " database (" +
                   live.scratch_url->masked() + "), and it must be " + live.url.dialect + " like the database itself")
          .at("database '" + live.name + "'")
          .at(live.location);
    config->url = *live.scratch_url;
  } else if (live.scratch_auto) {
    RETORT_ASSIGN_OR_RETURN(auto temporary, TemporaryDatabase::create(plugins, live, stale_after_seconds));
    *config = temporary->config();
    ScratchDatabase scratch(plugins, catalogue, std::move(config));
    scratch.temporary_ = std::move(temporary);
    RETORT_TRY(scratch.connect());
    RETORT_TRY(TemporaryDatabase::hold(scratch.db()));
    return scratch;
  } else {
    return Error("comparing schemas needs a scratch database of the same dialect to build them in, and none is configured")
        .at("database '" + live.name + "'")
        .hint("add scratch = \"auto\" (a temporary database on the same server) or scratch = \"URL\" (an empty "
              "database retort may fill and empty) to [databases." + live.name + "]");
  }
  ScratchDatabase scratch(plugins, catalogue, std::move(config));
  scratch.in_memory_ = sqlite;
  RETORT_TRY(scratch.connect());
  if (!sqlite) {
    RETORT_ASSIGN_OR_RETURN(SchemaDocument doc, inspect_database(scratch.db()));
    if (!doc.tables.empty())
      return Error("the scratch database " + scratch.config_->url.masked() + " holds " + std::to_string(doc.tables.size()) +
                   " tables (" + doc.tables.front().name + (doc.tables.size() > 1 ? ", ..." : "") +
                   "); retort builds schemas in it and empties it, so it must start empty")
          .at("database '" + live.name + "'")
          .hint("point scratch at an empty database that nothing else uses");
  }
  return scratch;
}

ScratchDatabase::~ScratchDatabase() {
  if (temporary_) {
    db_.reset();  // its session holds the database's in-use lock
    temporary_.reset();
  } else if (db_ && !in_memory_) {
    (void)drop_everything();  // best effort; the next run finds it empty or says so
  }
}

Status ScratchDatabase::connect() {
  db_.reset();
  RETORT_ASSIGN_OR_RETURN(Database db, Database::connect(*plugins_, *config_));
  db_ = std::make_unique<Database>(std::move(db));
  return Status();
}

Status ScratchDatabase::reset() {
  if (in_memory_) return connect();
  if (temporary_) {
    // A new database is empty of everything a tree may have made (views, sequences, types, functions).
    db_.reset();
    RETORT_TRY(temporary_->recreate());
    RETORT_TRY(connect());
    return TemporaryDatabase::hold(*db_);
  }
  return drop_everything();
}

Status ScratchDatabase::drop_views() {
  // The schema information_schema.views lists the connection's own views under, on the dialects retort
  // knows to have one; another dialect's scratch keeps its views (its tables still go).
  const std::string dialect = db_->dialect_name();
  const std::string schema = dialect == "postgresql" ? "current_schema()" : dialect == "mysql" ? "DATABASE()" : "";
  if (schema.empty()) return Status();
  RETORT_ASSIGN_OR_RETURN(auto rows, db_->query("SELECT table_name FROM information_schema.views WHERE table_schema = " + schema));
  for (const auto& row : rows) {
    if (row.empty() || !row[0]) continue;
    RETORT_ASSIGN_OR_RETURN(std::string view, db_->quote_identifier(*row[0]));
    // CASCADE takes the views built on this one along on PostgreSQL (MySQL parses it and drops just the
    // one); IF EXISTS passes over those already gone so.
    Status st = db_->execute("DROP VIEW IF EXISTS " + view + " CASCADE");
    if (!st.ok()) return Error(st.error()).at("emptying the scratch database");
  }
  return Status();
}

Status ScratchDatabase::drop_everything() {
  RETORT_TRY(drop_views());
  // Every table, the version table too: the inspector's document as it is.
  RETORT_ASSIGN_OR_RETURN(std::string text, db_->inspect(""));
  RETORT_ASSIGN_OR_RETURN(SchemaDocument everything, parse_schema_text(text, "the scratch database's schema"));
  std::vector<toml::table> ops;
  for (const auto& t : everything.tables)
    for (const auto& fk : t.foreign_keys)
      if (!fk.name.empty()) ops.push_back(drop_constraint_op(t, fk.name, "foreignkey"));
  for (const auto& t : everything.tables) ops.push_back(drop_table_op(t));
  return apply_operations(*db_, ops, *catalogue_, "emptying the scratch database");
}

}  // namespace retort
