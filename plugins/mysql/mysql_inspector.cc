#include "mysql_inspector.hpp"

#include "mysql_column_spelling.hpp"
#include "mysql_quote.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <utility>

namespace retort::mysql {
namespace {

using sdk::Failure;
using sdk::InspectedTable;
using sdk::Row;
using sdk::Session;

std::string cell(const Row& row, size_t i) { return i < row.size() && row[i] ? *row[i] : std::string(); }
std::optional<std::string> nullable_cell(const Row& row, size_t i) { return i < row.size() ? row[i] : std::nullopt; }

// The server the schema lives on: which catalog columns exist, and how it spells defaults.
struct Server {
  std::string database;  // the inspected schema's name
  bool mariadb = false;
  std::array<int, 3> version{};

  bool at_least(int major, int minor, int patch) const { return version >= std::array<int, 3>{major, minor, patch}; }
};

// "10.11.19-MariaDB-0+deb12u1", "8.0.36": the leading numbers (a missing one is 0).
std::array<int, 3> version_numbers(const std::string& text) {
  std::array<int, 3> v{};
  size_t part = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      v[part] = v[part] * 10 + (c - '0');
    } else if (c == '.' && part + 1 < v.size()) {
      ++part;
    } else {
      break;
    }
  }
  return v;
}

Server server_of(const std::string& schema, const Session& session) {
  const std::string name = schema.empty() ? "DATABASE()" : quote_literal(schema);
  const auto rows = session.query("SELECT " + name + ", VERSION(), (SELECT COUNT(*) FROM information_schema.SCHEMATA "
                                  "WHERE SCHEMA_NAME = " + name + ")");
  if (rows.empty() || rows.front().size() < 3) throw Failure("the server did not say which database it is");
  const Row& r = rows.front();
  if (!r[0]) throw Failure("the connection has no current database: name one in the URL, or the schema to inspect");
  if (cell(r, 2) == "0") throw Failure("there is no database named '" + *r[0] + "' on this server");
  Server s;
  s.database = *r[0];
  s.mariadb = cell(r, 1).find("MariaDB") != std::string::npos;
  s.version = version_numbers(cell(r, 1));
  return s;
}

using Tables = std::map<std::string, InspectedTable>;
using TableObject = std::pair<std::string, std::string>;  // (table, object name)

// SYSTEM VERSIONED is a MariaDB base table with history; views and MariaDB's SEQUENCEs are no tables here.
Tables read_tables(const std::string& in_schema, const Session& session) {
  Tables tables;
  for (const Row& r : session.query("SELECT TABLE_NAME, TABLE_COMMENT FROM information_schema.TABLES WHERE "
                                    "TABLE_SCHEMA = " + in_schema +
                                    " AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')")) {
    InspectedTable& t = tables[cell(r, 0)];
    t.name = cell(r, 0);
    t.comment = cell(r, 1);
  }
  return tables;
}

// EXTRA's `on update current_timestamp()` is no default and the document has no place for it: a column
// that differs only in it reads the same.
void read_columns(Tables& tables, const std::string& in_schema, const Server& server, const Session& session) {
  const DefaultSpelling spelling = server.mariadb && server.at_least(10, 2, 7) ? DefaultSpelling::expressions
                                                                              : DefaultSpelling::bare_values;
  for (const Row& r : session.query("SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, "
                                    "COLUMN_DEFAULT, EXTRA, COLUMN_COMMENT FROM information_schema.COLUMNS "
                                    "WHERE TABLE_SCHEMA = " + in_schema + " ORDER BY ORDINAL_POSITION")) {
    auto t = tables.find(cell(r, 0));
    if (t == tables.end()) continue;  // a view's
    sdk::InspectedColumn c;
    c.name = cell(r, 1);
    c.type = inspected_type(cell(r, 3));
    c.nullable = cell(r, 4) == "YES";
    const std::string extra = cell(r, 6);
    c.autoincrement = extra.find("auto_increment") != std::string::npos ||
                      extra.find("AUTO_INCREMENT") != std::string::npos;
    c.server_default = inspected_default(nullable_cell(r, 5), cell(r, 2), extra, spelling);
    c.comment = cell(r, 7);
    t->second.columns.push_back(std::move(c));
  }
}

// Foreign keys by (table, name), their columns in key order. InnoDB keeps NO ACTION and RESTRICT apart in
// the catalog though it enforces both at once (there are no deferred checks): RESTRICT is reported as such,
// and MariaDB reports a key declared without an action as RESTRICT, MySQL 8 as NO ACTION.
//
// Columns and actions come in two queries joined here: MariaDB joins the two information_schema tables by
// reading REFERENTIAL_CONSTRAINTS for every database on the server, five times slower on a 200-table schema
// and growing with the server.
std::map<TableObject, sdk::InspectedForeignKey> read_foreign_keys(const Tables& tables, const std::string& in_schema,
                                                                  const Server& server, const Session& session) {
  std::map<TableObject, sdk::InspectedForeignKey> keys;
  for (const Row& r : session.query("SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA, "
                                    "REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME "
                                    "FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = " + in_schema +
                                    " AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY ORDINAL_POSITION")) {
    if (tables.count(cell(r, 0)) == 0) continue;
    sdk::InspectedForeignKey& fk = keys[{cell(r, 0), cell(r, 1)}];
    fk.name = cell(r, 1);
    fk.columns.push_back(cell(r, 2));
    fk.ref_schema = cell(r, 3) == server.database ? "" : cell(r, 3);
    fk.ref_table = cell(r, 4);
    fk.ref_columns.push_back(cell(r, 5));
  }
  auto action = [](const std::string& rule) { return rule == "NO ACTION" ? std::string() : rule; };
  for (const Row& r : session.query("SELECT TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE "
                                    "FROM information_schema.REFERENTIAL_CONSTRAINTS "
                                    "WHERE CONSTRAINT_SCHEMA = " + in_schema)) {
    auto fk = keys.find({cell(r, 0), cell(r, 1)});
    if (fk == keys.end()) continue;
    fk->second.onupdate = action(cell(r, 2));
    fk->second.ondelete = action(cell(r, 3));
  }
  return keys;
}

// One part of an index as STATISTICS lists it.
struct KeyPart {
  std::string column;
  std::string prefix_length;  // SUB_PART: only the first N characters or bytes are indexed
  bool descending = false;
  std::string expression;  // MySQL 8.0.13+ functional key parts

  bool plain() const { return prefix_length.empty() && !descending && expression.empty(); }
  // A key part that is not a whole column, as the server spells it in CREATE TABLE: the document's
  // `{ sql = ... }` element, so a prefix or a descending part is never mistaken for the whole column.
  std::string sql() const {
    std::string s = expression.empty() ? quote_identifier(column) : expression;
    if (!prefix_length.empty()) s += "(" + prefix_length + ")";
    return descending ? s + " DESC" : s;
  }
};

struct Index {
  bool unique = false;
  std::vector<KeyPart> parts;

  bool plain() const { return std::all_of(parts.begin(), parts.end(), [](const KeyPart& p) { return p.plain(); }); }
  std::vector<std::string> columns() const {
    std::vector<std::string> names;
    names.reserve(parts.size());
    for (const KeyPart& p : parts) names.push_back(p.column);
    return names;
  }
};

std::map<TableObject, Index> read_indexes(const Tables& tables, const std::string& in_schema, const Server& server,
                                          const Session& session) {
  // MariaDB has no functional key parts, and no EXPRESSION column.
  const bool functional = !server.mariadb && server.at_least(8, 0, 13);
  std::map<TableObject, Index> indexes;
  for (const Row& r : session.query("SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, COLLATION, " +
                                    std::string(functional ? "EXPRESSION" : "NULL") +
                                    " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = " + in_schema +
                                    " ORDER BY SEQ_IN_INDEX")) {
    if (tables.count(cell(r, 0)) == 0) continue;
    Index& index = indexes[{cell(r, 0), cell(r, 1)}];
    index.unique = cell(r, 2) == "0";
    index.parts.push_back({cell(r, 3), cell(r, 4), cell(r, 5) == "D", cell(r, 6)});
  }
  return indexes;
}

// Where each index goes. PRIMARY is the primary key. A unique constraint IS a unique index in MySQL
// (TABLE_CONSTRAINTS lists every unique index as a UNIQUE constraint, however it was created), so every
// unique index of whole columns is reported once, under `unique`; one with a prefix, a descending or a
// functional part cannot be a constraint and stays an index.
//
// InnoDB gives a foreign key without a usable index one of its own, named after the constraint (and drops
// it again once another index can serve). The catalog does not say which indexes it made; an index with
// the constraint's own name and exactly its columns is left out, as part of the key: it behaves as one
// (MysqlDialect drops it with the key), and declaring the key is all it takes to get it back, so replaying
// an inspected document gives the same document. A key declared without a name gets an index named after
// its first column, which nothing tells apart from a user's index: that one is reported, and since InnoDB
// drops its own index when a user's can serve, it reads the same after a replay too.
void place_indexes(Tables& tables, const std::map<TableObject, Index>& indexes,
                   const std::map<TableObject, sdk::InspectedForeignKey>& foreign_keys) {
  for (const auto& [key, index] : indexes) {
    InspectedTable& t = tables.at(key.first);
    if (key.second == "PRIMARY") {
      t.primary_key = index.columns();
      continue;
    }
    if (index.unique && index.plain()) {
      t.unique.push_back({key.second, index.columns()});
      continue;
    }
    auto fk = foreign_keys.find(key);
    if (!index.unique && index.plain() && fk != foreign_keys.end() && fk->second.columns == index.columns()) continue;
    sdk::InspectedIndex out;
    out.name = key.second;
    out.unique = index.unique;
    for (const KeyPart& p : index.parts) out.elements.push_back(p.plain() ? sdk::IndexElement{p.column, ""}
                                                                          : sdk::IndexElement{"", p.sql()});
    t.indexes.push_back(std::move(out));
  }
}

// Check constraints. MariaDB (10.2.22+, where CHECK_CONSTRAINTS exists) names a column-level check after its
// column and keeps names per table; MySQL 8.0.16+ keeps them per schema and lists their tables only in
// TABLE_CONSTRAINTS. Older MySQL parses CHECK and ignores it.
std::vector<Row> read_checks(const std::string& in_schema, const Server& server, const Session& session) {
  if (server.mariadb)
    return session.query("SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
                         "WHERE CONSTRAINT_SCHEMA = " + in_schema);
  if (!server.at_least(8, 0, 16)) return {};
  return session.query("SELECT t.TABLE_NAME, c.CONSTRAINT_NAME, c.CHECK_CLAUSE "
                       "FROM information_schema.TABLE_CONSTRAINTS t JOIN information_schema.CHECK_CONSTRAINTS c "
                       "ON c.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA AND c.CONSTRAINT_NAME = t.CONSTRAINT_NAME "
                       "WHERE t.CONSTRAINT_TYPE = 'CHECK' AND t.TABLE_SCHEMA = " + in_schema);
}

// MariaDB's JSON is LONGTEXT with a column-level CHECK (json_valid(`column`)) named after the column:
// such a column is a `json` one, and its check is the type's, not the user's.
bool json_column_check(InspectedTable& t, const std::string& name, const std::string& clause) {
  for (sdk::InspectedColumn& c : t.columns) {
    if (c.name != name || c.type != "longtext" || clause != "json_valid(" + quote_identifier(name) + ")") continue;
    c.type = "json";
    return true;
  }
  return false;
}

void place_checks(Tables& tables, const std::vector<Row>& checks) {
  for (const Row& r : checks) {
    auto t = tables.find(cell(r, 0));
    if (t == tables.end() || json_column_check(t->second, cell(r, 1), cell(r, 2))) continue;
    t->second.checks.push_back({cell(r, 1), cell(r, 2)});
  }
}

}  // namespace

uint64_t MysqlInspector::inspect_features() const {
  // No partial indexes in MySQL; expression indexes are MySQL 8.0.13's functional key parts.
  return RETORT_INSPECT_COMMENTS | RETORT_INSPECT_CHECKS | RETORT_INSPECT_EXPRESSION_INDEXES |
         RETORT_INSPECT_AUTOINCREMENT | RETORT_INSPECT_FOREIGN_KEY_ACTIONS;
}

std::vector<InspectedTable> MysqlInspector::inspect(const std::string& schema, const Session& session) const {
  const Server server = server_of(schema, session);
  // The name as a literal: the same queries whether the schema was named or is the connection's own.
  const std::string in_schema = quote_literal(server.database);
  Tables tables = read_tables(in_schema, session);
  if (tables.empty()) return {};
  read_columns(tables, in_schema, server, session);
  const auto foreign_keys = read_foreign_keys(tables, in_schema, server, session);
  for (const auto& [key, fk] : foreign_keys) tables.at(key.first).foreign_keys.push_back(fk);
  place_indexes(tables, read_indexes(tables, in_schema, server, session), foreign_keys);
  place_checks(tables, read_checks(in_schema, server, session));
  std::vector<InspectedTable> out;
  out.reserve(tables.size());
  for (auto& entry : tables) out.push_back(std::move(entry.second));
  return out;
}

}  // namespace retort::mysql
