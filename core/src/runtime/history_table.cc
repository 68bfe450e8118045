#include "runtime/history_table.h"

#include "ops/op_resolution.h"
#include "runtime/member_schema.h"
#include "util/strings.h"

#include <algorithm>
#include <ctime>

namespace retort {
namespace {

// What the table holds, in create_table's words.
toml::table create_operation(const DatabaseConfig& c) {
  auto column = [](const char* name, const char* type, bool nullable) {
    return toml::table{{"name", name}, {"type", type}, {"nullable", nullable}};
  };
  toml::array columns;
  // Numbered by the INSERT itself (runs on a database are serialised), so no dialect needs autoincrement.
  columns.push_back(toml::table{{"name", "id"}, {"type", "integer"}, {"primary_key", true}});
  columns.push_back(column("revision", "string(32)", false));
  columns.push_back(column("direction", "string(10)", false));
  columns.push_back(column("checksum", "string(80)", true));
  columns.push_back(column("tag", "string(255)", true));
  columns.push_back(column("started_at", "string(32)", false));
  columns.push_back(column("finished_at", "string(32)", true));
  columns.push_back(column("success", "integer", false));  // 1 or 0: no boolean literal is read everywhere
  columns.push_back(column("failed_statement", "text", true));
  columns.push_back(column("error", "text", true));
  columns.push_back(column("statements_done", "integer", false));
  columns.push_back(column("statements_total", "integer", false));
  // Set for steps run statement by statement: where a rerun goes on (StatementPosition).
  columns.push_back(column("resume_operation", "integer", true));
  columns.push_back(column("resume_statement", "integer", true));
  columns.push_back(column("schema_before", "string(80)", true));
  toml::table op{{"op", "create_table"}, {"table", c.history_table}, {"columns", std::move(columns)}};
  if (!c.version_table_schema.empty()) op.insert("schema", c.version_table_schema);
  return op;
}

// The columns after id, in the order values() gives their cells.
const char* const kColumnNames[] = {"revision",         "direction",        "checksum",         "tag",
                                    "started_at",       "finished_at",      "success",          "failed_statement",
                                    "error",            "statements_done",  "statements_total", "resume_operation",
                                    "resume_statement", "schema_before"};

// "revision, direction, ...", for INSERT and SELECT.
const std::string& column_list() {
  static const std::string list = [] {
    std::string out;
    for (const char* c : kColumnNames) out += (out.empty() ? "" : ", ") + std::string(c);
    return out;
  }();
  return list;
}

// "INSERT INTO table (id, revision, ...) ", before the rows' VALUES or SELECT.
std::string insert_into(const std::string& table) { return "INSERT INTO " + table + " (id, " + column_list() + ") "; }

}  // namespace

std::string utc_timestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

std::string HistoryTable::name() const {
  const DatabaseConfig& c = db_.config();
  return (c.version_table_schema.empty() ? "" : c.version_table_schema + ".") + c.history_table;
}

Result<std::string> HistoryTable::qualified() {
  const DatabaseConfig& c = db_.config();
  RETORT_ASSIGN_OR_RETURN(std::string table, db_.quote_identifier(c.history_table));
  if (c.version_table_schema.empty()) return table;
  RETORT_ASSIGN_OR_RETURN(std::string schema, db_.quote_identifier(c.version_table_schema));
  return schema + "." + table;
}

Result<bool> HistoryTable::exists() {
  const DatabaseConfig& c = db_.config();
  RETORT_ASSIGN_OR_RETURN(auto queries, db_.render_statement(RETORT_STMT_VERSION_TABLE_EXISTS,
                                                             {c.version_table_schema, c.history_table}));
  for (const auto& q : queries) {
    RETORT_ASSIGN_OR_RETURN(auto found, db_.query(q));
    if (found.empty()) return false;
  }
  return true;
}

Result<std::vector<std::string>> HistoryTable::create_statements() {
  return after_member_schema(db_, create_table_statements());
}

Result<std::vector<std::string>> HistoryTable::create_table_statements() {
  const toml::table op = create_operation(db_.config());
  const OpSpec* spec = catalogue_.find("create_table");
  auto rendered = db_.render_operation(*spec, resolve_for_dialect(op, *spec, db_.variants()));
  if (rendered.ok()) return rendered;
  // A dialect that renders only some operations still gets a history: in the SQL every database reads.
  RETORT_ASSIGN_OR_RETURN(std::string table, qualified());
  return std::vector<std::string>{
      "CREATE TABLE " + table +
      " (id INTEGER NOT NULL PRIMARY KEY, revision VARCHAR(32) NOT NULL, direction VARCHAR(10) NOT NULL, "
      "checksum VARCHAR(80), tag VARCHAR(255), started_at VARCHAR(32) NOT NULL, finished_at VARCHAR(32), "
      "success INTEGER NOT NULL, failed_statement TEXT, error TEXT, statements_done INTEGER NOT NULL, "
      "statements_total INTEGER NOT NULL, resume_operation INTEGER, resume_statement INTEGER, schema_before VARCHAR(80))"};
}

Result<std::string> HistoryTable::literal(const std::string& text) {
  if (text.empty()) return std::string("NULL");
  return db_.quote_literal(text);
}

Result<std::vector<std::string>> HistoryTable::values(const HistoryEntry& e) {
  std::vector<std::string> out;
  for (const std::string* s : {&e.revision, &e.direction, &e.checksum, &e.tag, &e.started, &e.finished}) {
    RETORT_ASSIGN_OR_RETURN(std::string v, literal(*s));
    out.push_back(std::move(v));
  }
  out.push_back(e.success ? "1" : "0");
  for (const std::string* s : {&e.failed_statement, &e.error}) {
    RETORT_ASSIGN_OR_RETURN(std::string v, literal(*s));
    out.push_back(std::move(v));
  }
  out.push_back(std::to_string(e.statements_done));
  out.push_back(std::to_string(e.statements_total));
  out.push_back(e.position ? std::to_string(e.position->operation) : "NULL");
  out.push_back(e.position ? std::to_string(e.position->statement) : "NULL");
  if (!e.schema_before_query.empty()) {
    out.push_back("(" + e.schema_before_query + ")");
  } else {
    RETORT_ASSIGN_OR_RETURN(std::string schema_before, literal(e.schema_before));
    out.push_back(std::move(schema_before));
  }
  return out;
}

Result<std::vector<std::string>> HistoryTable::insert_statements(const HistoryEntry& e) {
  RETORT_ASSIGN_OR_RETURN(auto cells, values(e));
  RETORT_ASSIGN_OR_RETURN(std::string table, qualified());
  const std::string list = join(cells, ", ");
  written_.insert(e.revision);
  if (e.id > 0) {
    // A row numbered here leaves the next number known (a row never written only leaves a gap).
    if (next_id_ > 0) next_id_ = std::max(next_id_, e.id + 1);
    return std::vector<std::string>{insert_into(table) + "VALUES (" + std::to_string(e.id) +
                                    ", " + list + ")"};
  }
  next_id_ = 0;  // the database numbers this one
  return std::vector<std::string>{insert_into(table) + "SELECT COALESCE(MAX(id), 0) + 1, " +
                                  list + " FROM " + table};
}

Status HistoryTable::defer_insert(HistoryEntry entry) {
  RETORT_ASSIGN_OR_RETURN(entry.id, next_id());
  next_id_ = entry.id + 1;
  written_.insert(entry.revision);
  deferred_.push_back(std::move(entry));
  return Status();
}

Result<std::vector<std::string>> HistoryTable::take_deferred() {
  std::vector<HistoryEntry> rows = std::move(deferred_);
  deferred_.clear();
  if (rows.empty()) return std::vector<std::string>{};
  RETORT_ASSIGN_OR_RETURN(std::string table, qualified());
  // Several rows to a VALUES list is what the shipped dialects' families all read; a third-party dialect
  // of another family keeps one row to a statement. A bounded batch keeps each statement small.
  const std::string family = db_.variants().family;
  const bool several = family == "sqlite" || family == "postgresql" || family == "mysql";
  const size_t per_statement = several ? 100 : 1;
  const std::string head = insert_into(table) + "VALUES ";
  std::vector<std::string> out;
  for (size_t first = 0; first < rows.size(); first += per_statement) {
    std::string sql = head;
    for (size_t k = first; k < std::min(rows.size(), first + per_statement); ++k) {
      RETORT_ASSIGN_OR_RETURN(auto cells, values(rows[k]));
      sql += (k == first ? "(" : ", (") + std::to_string(rows[k].id) + ", " + join(cells, ", ") + ")";
    }
    out.push_back(std::move(sql));
  }
  return out;
}

Result<std::vector<std::string>> HistoryTable::update_statements(const HistoryEntry& e) {
  RETORT_ASSIGN_OR_RETURN(auto cells, values(e));
  RETORT_ASSIGN_OR_RETURN(std::string table, qualified());
  std::string set;
  for (size_t i = 0; i < cells.size(); ++i) set += (i ? ", " : "") + std::string(kColumnNames[i]) + " = " + cells[i];
  return std::vector<std::string>{"UPDATE " + table + " SET " + set + " WHERE id = " + std::to_string(e.id)};
}

Result<long> HistoryTable::next_id() {
  if (next_id_ > 0) return next_id_;
  RETORT_ASSIGN_OR_RETURN(std::string table, qualified());
  RETORT_ASSIGN_OR_RETURN(auto value, db_.query_value("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table));
  if (!value) return Error("reading the next id of " + name() + " gave no row");
  next_id_ = std::atol(value->c_str());
  return next_id_;
}

Result<std::vector<HistoryEntry>> HistoryTable::read() {
  RETORT_ASSIGN_OR_RETURN(bool there, exists());
  if (!there) return std::vector<HistoryEntry>{};
  return select("");
}

Result<RecordedChecksums> HistoryTable::recorded_checksums() {
  RETORT_ASSIGN_OR_RETURN(bool there, exists());
  if (!there) return RecordedChecksums{};
  RETORT_ASSIGN_OR_RETURN(std::string table, qualified());
  RETORT_ASSIGN_OR_RETURN(auto rows, db_.query("SELECT revision, checksum FROM " + table +
                                               " WHERE success = 1 AND direction IN ('upgrade', 'stamp', 'repair')"
                                               " ORDER BY id"));
  RecordedChecksums out;
  out.reserve(rows.size());
  for (auto& r : rows) {
    if (r.empty() || !r[0]) continue;
    out[std::move(*r[0])] = r.size() > 1 && r[1] ? std::move(*r[1]) : std::string();
  }
  return out;
}

Result<std::optional<HistoryEntry>> HistoryTable::latest(const std::string& revision) {
  RETORT_ASSIGN_OR_RETURN(std::string id, literal(revision));
  RETORT_ASSIGN_OR_RETURN(auto rows, select(" WHERE revision = " + id));
  if (rows.empty()) return std::optional<HistoryEntry>{};
  return std::optional<HistoryEntry>{std::move(rows.back())};
}

Result<std::optional<HistoryEntry>> HistoryTable::unfinished_step(const std::string& revision) {
  std::optional<HistoryEntry> newest;
  if (written_.count(revision)) {
    RETORT_ASSIGN_OR_RETURN(newest, latest(revision));
  } else {
    if (!unfinished_) {
      // Failed rows are few; the newest of each revision is a candidate.
      RETORT_ASSIGN_OR_RETURN(auto failed, select(" WHERE success = 0"));
      unfinished_.emplace();
      for (auto& e : failed) (*unfinished_)[e.revision] = std::move(e);
    }
    auto it = unfinished_->find(revision);
    if (it == unfinished_->end() || !it->second.unfinished_step()) return std::optional<HistoryEntry>{};
    // A later successful row of the same revision means it was finished after all.
    RETORT_ASSIGN_OR_RETURN(newest, latest(revision));
  }
  if (!newest || !newest->unfinished_step()) return std::optional<HistoryEntry>{};
  return newest;
}

Result<std::vector<HistoryEntry>> HistoryTable::select(const std::string& where) {
  RETORT_ASSIGN_OR_RETURN(std::string table, qualified());
  RETORT_ASSIGN_OR_RETURN(auto rows,
                          db_.query("SELECT id, " + column_list() + " FROM " + table + where + " ORDER BY id"));
  std::vector<HistoryEntry> out;
  for (const auto& r : rows) {
    auto cell = [&](size_t i) { return i < r.size() && r[i] ? *r[i] : std::string(); };
    auto present = [&](size_t i) { return i < r.size() && r[i].has_value(); };
    HistoryEntry e;
    e.id = std::atol(cell(0).c_str());
    e.revision = cell(1);
    e.direction = cell(2);
    e.checksum = cell(3);
    e.tag = cell(4);
    e.started = cell(5);
    e.finished = cell(6);
    e.success = cell(7) == "1";
    e.failed_statement = cell(8);
    e.error = cell(9);
    e.statements_done = std::atoi(cell(10).c_str());
    e.statements_total = std::atoi(cell(11).c_str());
    if (present(12) && present(13))
      e.position = StatementPosition{std::atoi(cell(12).c_str()), std::atoi(cell(13).c_str())};
    e.schema_before = cell(14);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace retort
