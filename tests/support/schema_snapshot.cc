#include "schema_snapshot.h"

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <stdexcept>

namespace retort::testing {
namespace {

using Rows = std::vector<SqlRow>;

Rows rows_of(Database& db, const std::string& sql) {
  auto rows = db.query(sql);
  if (!rows.ok()) throw std::runtime_error(rows.error().to_string());
  return std::move(rows).value();
}

std::string cell(const SqlRow& row, size_t i) { return i < row.size() && row[i] ? *row[i] : std::string(); }
bool is_null(const SqlRow& row, size_t i) { return i >= row.size() || !row[i]; }
// A boolean cell: libpq says t/f, psqlODBC 1/0.
bool truthy(const SqlRow& row, size_t i) {
  std::string v = cell(row, i);
  return v == "t" || v == "1" || v == "true";
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// retort's own tables: the default version and history tables, and Alembic's version table.
bool retort_table(const std::string& name) {
  return name == "retort_version" || name == "alembic_version" || name == "retort_history";
}

// "name(args)" of a catalog type, and the revision-file type it stands for.
std::string generic_type(const std::string& dialect, const std::string& native) {
  std::string t = lower(native);
  std::smatch m;
  auto params = [&](const std::string& name) {
    return std::regex_match(t, m, std::regex(R"([a-z ]+(\(.*\)))")) ? name + std::string(m[1]) : name;
  };
  static const std::map<std::string, std::string> common = {
      {"integer", "integer"}, {"int", "integer"}, {"bigint", "bigint"}, {"smallint", "smallint"},
      {"boolean", "boolean"}, {"text", "text"}, {"date", "date"}, {"json", "json"}, {"jsonb", "jsonb"}};
  if (auto it = common.find(t); it != common.end()) return it->second;
  if (dialect == "postgresql") {
    static const std::map<std::string, std::string> pg = {
        {"real", "float"}, {"double precision", "double"}, {"timestamp without time zone", "timestamp"},
        {"timestamp with time zone", "timestamptz"}, {"time without time zone", "time"}, {"uuid", "uuid"},
        {"bytea", "binary"}};
    if (auto it = pg.find(t); it != pg.end()) return it->second;
  }
  if (dialect == "mysql") {
    static const std::map<std::string, std::string> my = {
        {"int(11)", "integer"}, {"bigint(20)", "bigint"}, {"smallint(6)", "smallint"}, {"tinyint(1)", "boolean"},
        {"float", "float"}, {"double", "double"}, {"datetime", "datetime"}, {"timestamp", "timestamp"},
        {"time", "time"}, {"blob", "binary"}, {"char(36)", "uuid"}};
    if (auto it = my.find(t); it != my.end()) return it->second;
  }
  if (dialect == "sqlite") {
    static const std::map<std::string, std::string> sq = {
        {"float", "float"}, {"datetime", "datetime"}, {"timestamp", "timestamp"}, {"time", "time"},
        {"blob", "binary"}, {"char(32)", "uuid"}};
    if (auto it = sq.find(t); it != sq.end()) return it->second;
  }
  if (t.rfind("character varying", 0) == 0 || t.rfind("varchar", 0) == 0) return params("string");
  if (t.rfind("numeric", 0) == 0 || t.rfind("decimal", 0) == 0) return params("numeric");
  return t;
}

std::string referential_action(std::string a) {
  a = lower(a);
  static const std::map<std::string, std::string> pg_codes = {
      {"a", "no action"}, {"r", "restrict"}, {"c", "cascade"}, {"n", "set null"}, {"d", "set default"}};
  if (auto it = pg_codes.find(a); it != pg_codes.end()) return it->second;
  return a;
}

class Snapshot {
 public:
  void add(std::string line) { lines_.insert(std::move(line)); }
  void column(const std::string& dialect, const std::string& table, const std::string& name, const std::string& type,
              bool not_null, bool has_default, bool autoincrement) {
    std::string line = "column " + table + "." + name + " " + generic_type(dialect, type);
    if (not_null) line += " not null";
    if (autoincrement) {
      line += " autoincrement";
    } else if (has_default) {
      line += " default";
    }
    add(line);
  }
  std::string text() const {
    std::string out;
    for (const auto& l : lines_) out += (out.empty() ? "" : "\n") + l;
    return out;
  }

 private:
  std::set<std::string> lines_;
};

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

void postgresql(Database& db, Snapshot& s) {
  const std::string in_public = "n.nspname = 'public'";
  for (const auto& r : rows_of(db, "SELECT c.relname, c.relkind, obj_description(c.oid, 'pg_class') FROM pg_class c "
                                   "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + in_public +
                                   " AND c.relkind IN ('r', 'v')")) {
    if (retort_table(cell(r, 0))) continue;
    s.add((cell(r, 1) == "v" ? "view " : "table ") + cell(r, 0));
    if (!is_null(r, 2)) s.add("comment " + cell(r, 0) + ": " + cell(r, 2));
  }
  for (const auto& r : rows_of(db,
           "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
           "pg_get_expr(d.adbin, d.adrelid), col_description(c.oid, a.attnum) FROM pg_attribute a "
           "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
           "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
           "WHERE " + in_public + " AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped")) {
    if (retort_table(cell(r, 0))) continue;
    bool serial = cell(r, 4).rfind("nextval(", 0) == 0;
    s.column("postgresql", cell(r, 0), cell(r, 1), cell(r, 2), truthy(r, 3), !is_null(r, 4), serial);
    if (!is_null(r, 5)) s.add("comment " + cell(r, 0) + "." + cell(r, 1) + ": " + cell(r, 5));
  }
  // An index's expression has key number 0, no attribute.
  const std::string key_columns =
      "(SELECT string_agg(coalesce(a.attname, 'expression'), ', ' ORDER BY k.n) FROM unnest(%K) WITH ORDINALITY "
      "k(attnum, n) LEFT JOIN pg_attribute a ON a.attrelid = %R AND a.attnum = k.attnum)";
  auto columns_of = [&](const std::string& keys, const std::string& rel) {
    std::string q = key_columns;
    q.replace(q.find("%K"), 2, keys);
    q.replace(q.find("%R"), 2, rel);
    return q;
  };
  for (const auto& r : rows_of(db, "SELECT t.relname, i.relname, ix.indisunique, ix.indisprimary, ix.indpred IS NOT NULL, " +
                                       columns_of("ix.indkey::int2[]", "t.oid") +
                                       " FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid "
                                       "JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
                                       "WHERE " + in_public)) {
    if (retort_table(cell(r, 0))) continue;
    const std::string cols = "(" + cell(r, 5) + ")";
    if (truthy(r, 3)) {
      s.add("primary key " + cell(r, 0) + " " + cols);
      continue;
    }
    if (truthy(r, 2)) s.add("unique " + cell(r, 0) + " " + cols);
    s.add("index " + cell(r, 0) + "." + cell(r, 1) + " " + cols + (truthy(r, 4) ? " partial" : ""));
  }
  for (const auto& r : rows_of(db, "SELECT t.relname, c.conname, c.contype, " + columns_of("c.conkey", "c.conrelid") +
                                       ", rt.relname, " + columns_of("c.confkey", "c.confrelid") +
                                       ", c.confdeltype FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
                                       "JOIN pg_namespace n ON n.oid = c.connamespace "
                                       "LEFT JOIN pg_class rt ON rt.oid = c.confrelid WHERE " + in_public +
                                       " AND c.contype IN ('f', 'c')")) {
    if (cell(r, 2) == "c") {
      s.add("check " + cell(r, 0) + "." + cell(r, 1));
    } else {
      s.add("foreign key " + cell(r, 0) + " (" + cell(r, 3) + ") -> " + cell(r, 4) + " (" + cell(r, 5) +
            ") on delete " + referential_action(cell(r, 6)));
    }
  }
}

void mysql(Database& db, Snapshot& s) {
  const std::string here = "table_schema = DATABASE()";
  std::set<std::string> base_tables;
  for (const auto& r : rows_of(db, "SELECT table_name, table_type, table_comment FROM information_schema.tables WHERE " + here)) {
    if (retort_table(cell(r, 0))) continue;
    bool view = cell(r, 1) == "VIEW";
    s.add((view ? "view " : "table ") + cell(r, 0));
    if (!view) base_tables.insert(cell(r, 0));
    if (!view && !cell(r, 2).empty()) s.add("comment " + cell(r, 0) + ": " + cell(r, 2));
  }
  for (const auto& r : rows_of(db, "SELECT table_name, column_name, column_type, is_nullable, column_default, extra, "
                                   "column_comment FROM information_schema.columns WHERE " + here)) {
    if (!base_tables.count(cell(r, 0))) continue;
    // MariaDB reports a nullable column without a default as the expression NULL.
    bool has_default = !is_null(r, 4) && cell(r, 4) != "NULL";
    bool autoincrement = lower(cell(r, 5)).find("auto_increment") != std::string::npos;
    s.column("mysql", cell(r, 0), cell(r, 1), cell(r, 2), cell(r, 3) == "NO", has_default, autoincrement);
    if (!cell(r, 6).empty()) s.add("comment " + cell(r, 0) + "." + cell(r, 1) + ": " + cell(r, 6));
  }
  // Foreign keys, grouped by constraint; InnoDB gives each one an index of the same name if it needs one.
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> fk_cols, fk_refs;
  std::map<std::pair<std::string, std::string>, std::string> fk_target, fk_delete;
  for (const auto& r : rows_of(db, "SELECT k.table_name, k.constraint_name, k.column_name, k.referenced_table_name, "
                                   "k.referenced_column_name, rc.delete_rule FROM information_schema.key_column_usage k "
                                   "JOIN information_schema.referential_constraints rc ON rc.constraint_schema = "
                                   "k.constraint_schema AND rc.constraint_name = k.constraint_name AND rc.table_name = "
                                   "k.table_name WHERE k.table_schema = DATABASE() ORDER BY k.ordinal_position")) {
    auto key = std::make_pair(cell(r, 0), cell(r, 1));
    fk_cols[key].push_back(cell(r, 2));
    fk_refs[key].push_back(cell(r, 4));
    fk_target[key] = cell(r, 3);
    fk_delete[key] = cell(r, 5);
  }
  for (const auto& [key, cols] : fk_cols)
    s.add("foreign key " + key.first + " (" + joined(cols) + ") -> " + fk_target[key] + " (" + joined(fk_refs[key]) +
          ") on delete " + referential_action(fk_delete[key]));
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> index_cols;
  std::map<std::pair<std::string, std::string>, bool> index_unique;
  for (const auto& r : rows_of(db, "SELECT table_name, index_name, column_name, non_unique FROM information_schema.statistics "
                                   "WHERE " + here + " ORDER BY seq_in_index")) {
    if (retort_table(cell(r, 0))) continue;
    auto key = std::make_pair(cell(r, 0), cell(r, 1));
    index_cols[key].push_back(cell(r, 2));
    index_unique[key] = cell(r, 3) == "0";
  }
  for (const auto& [key, cols] : index_cols) {
    const std::string list = "(" + joined(cols) + ")";
    if (key.second == "PRIMARY") {
      s.add("primary key " + key.first + " " + list);
      continue;
    }
    if (fk_cols.count(key)) continue;
    if (index_unique[key]) s.add("unique " + key.first + " " + list);
    s.add("index " + key.first + "." + key.second + " " + list);
  }
  for (const auto& r : rows_of(db, "SELECT table_name, constraint_name FROM information_schema.table_constraints WHERE "
                                   "constraint_schema = DATABASE() AND constraint_type = 'CHECK'"))
    s.add("check " + cell(r, 0) + "." + cell(r, 1));
}

void sqlite(Database& db, Snapshot& s) {
  for (const auto& t : rows_of(db, "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'view') AND "
                                   "name NOT LIKE 'sqlite_%'")) {
    const std::string table = cell(t, 1);
    if (retort_table(table)) continue;
    if (cell(t, 0) == "view") {
      s.add("view " + table);
      continue;
    }
    s.add("table " + table);
    const std::string sql = cell(t, 2);
    const std::string quoted = "'" + table + "'";
    std::map<int, std::string> pk;
    for (const auto& c : rows_of(db, "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(" + quoted + ")")) {
      int pk_position = std::stoi(cell(c, 4));
      if (pk_position) pk[pk_position] = cell(c, 0);
      bool autoincrement = pk_position && lower(cell(c, 1)) == "integer" && lower(sql).find("autoincrement") != std::string::npos;
      // A key column is NOT NULL on every other database; SQLite only says so when declared.
      s.column("sqlite", table, cell(c, 0), cell(c, 1), cell(c, 2) == "1" || pk_position, !is_null(c, 3), autoincrement);
    }
    std::vector<std::string> pk_cols;
    for (const auto& [pos, name] : pk) pk_cols.push_back(name);
    if (!pk_cols.empty()) s.add("primary key " + table + " (" + joined(pk_cols) + ")");
    for (const auto& i : rows_of(db, "SELECT name, \"unique\", origin, partial FROM pragma_index_list(" + quoted + ")")) {
      if (cell(i, 2) == "pk") continue;
      const Rows index_columns = rows_of(db, "SELECT name FROM pragma_index_info('" + cell(i, 0) + "') ORDER BY seqno");
      std::vector<std::string> cols;
      cols.reserve(index_columns.size());
      for (const auto& c : index_columns) cols.push_back(is_null(c, 0) ? "expression" : cell(c, 0));
      const std::string list = "(" + joined(cols) + ")";
      if (cell(i, 1) == "1") s.add("unique " + table + " " + list);
      if (cell(i, 0).rfind("sqlite_autoindex_", 0) != 0)
        s.add("index " + table + "." + cell(i, 0) + " " + list + (cell(i, 3) == "1" ? " partial" : ""));
    }
    std::map<int, std::vector<std::string>> from, to;
    std::map<int, std::string> target, on_delete;
    for (const auto& f : rows_of(db, "SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(" +
                                         quoted + ") ORDER BY id, seq")) {
      int id = std::stoi(cell(f, 0));
      from[id].push_back(cell(f, 2));
      to[id].push_back(cell(f, 3));
      target[id] = cell(f, 1);
      on_delete[id] = cell(f, 4);
    }
    for (const auto& [id, cols] : from)
      s.add("foreign key " + table + " (" + joined(cols) + ") -> " + target[id] + " (" + joined(to[id]) +
            ") on delete " + referential_action(on_delete[id]));
    // Check constraints keep their names only in the table's SQL.
    static const std::regex check(R"re(CONSTRAINT\s+"?([A-Za-z0-9_]+)"?\s+CHECK)re", std::regex::icase);
    for (std::sregex_iterator it(sql.begin(), sql.end(), check), end; it != end; ++it)
      s.add("check " + table + "." + (*it)[1].str());
  }
}

}  // namespace

std::string schema_snapshot(Database& db) {
  Snapshot s;
  try {
    const std::string dialect = db.dialect_name();
    if (dialect == "postgresql") {
      postgresql(db, s);
    } else if (dialect == "mysql") {
      mysql(db, s);
    } else if (dialect == "sqlite") {
      sqlite(db, s);
    } else {
      return "<error: no schema reader for the " + dialect + " dialect>";
    }
  } catch (const std::exception& e) {
    return std::string("<error: ") + e.what() + ">";
  }
  return s.text();
}

}  // namespace retort::testing
