#include "sqlite_inspector.hpp"

#include "sqlite_spelling.hpp"
#include "table_definition.hpp"

#include <algorithm>
#include <cctype>
#include <map>

namespace retort::sqlite {
namespace {

using sdk::Row;

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string cell(const Row& row, size_t i) { return i < row.size() && row[i] ? *row[i] : std::string(); }
bool is_null(const Row& row, size_t i) { return i >= row.size() || !row[i]; }

bool same_columns(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](const std::string& x, const std::string& y) { return upper(x) == upper(y); });
}

std::string literal(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// The pieces of a CREATE INDEX statement the pragmas leave out: the text of each element (for expression
// elements) and the WHERE clause of a partial index.
struct IndexText {
  std::vector<std::string> elements;
  std::string where;
};

IndexText parse_index_sql(const std::string& sql) {
  IndexText out;
  auto tokens = tokenize(sql);
  size_t i = 0;
  while (i < tokens.size() && upper(tokens[i]) != "ON") ++i;
  i += 2;  // ON table
  if (i >= tokens.size() || tokens[i].front() != '(') return out;
  const std::string& group = tokens[i];
  // Elements are separated by commas outside quotes and parentheses: tokenize keeps those whole.
  std::string element;
  for (const auto& token : tokenize(group.substr(1, group.size() - 2))) {
    if (token == ",") {
      out.elements.push_back(element);
      element.clear();
    } else {
      element += (element.empty() || token.front() == '(' ? "" : " ") + token;
    }
  }
  out.elements.push_back(element);
  // An expression written in its own parentheses, as retort writes one, reads as the expression: then
  // an inspected document re-creates the same index.
  for (auto& e : out.elements)
    if (e.size() >= 2 && e.front() == '(' && tokenize(e).size() == 1) e = e.substr(1, e.size() - 2);
  size_t after = sql.find(group);
  if (after != std::string::npos) {
    std::string rest = sql.substr(after + group.size());
    size_t b = rest.find_first_not_of(" \t\r\n");
    if (b != std::string::npos && upper(rest.substr(b, 5)) == "WHERE") {
      rest = rest.substr(b + 5);
      size_t s = rest.find_first_not_of(" \t\r\n"), e = rest.find_last_not_of(" \t\r\n;");
      out.where = s == std::string::npos ? "" : rest.substr(s, e - s + 1);
    }
  }
  return out;
}

// An ON DELETE / ON UPDATE action as the document writes it: omitted for NO ACTION.
std::string action(const std::string& pragma_action) {
  std::string a = upper(pragma_action);
  return a == "NO ACTION" ? "" : a;
}

class SchemaReader {
 public:
  SchemaReader(const std::string& schema, const sdk::Session& session)
      : session_(session),
        master_(schema.empty() ? "sqlite_master" : "\"" + schema + "\".sqlite_master"),
        schema_arg_(literal(schema.empty() ? "main" : schema)) {
    for (char c : schema)
      if (c == '"') throw sdk::Failure("a SQLite schema name cannot contain '\"': " + schema);
  }

  std::vector<sdk::InspectedTable> read() {
    read_tables();
    read_columns();
    read_foreign_keys();
    read_indexes();
    for (auto& entry : tables_) settle_primary_key(entry.second);
    std::vector<sdk::InspectedTable> out;
    for (auto& [name, table] : tables_) {
      add_checks(table);
      out.push_back(std::move(table.inspected));
    }
    return out;
  }

 private:
  struct Table {
    sdk::InspectedTable inspected;
    TableDefinition definition;
    std::vector<DeclaredConstraint> constraints;
    std::vector<std::string> declared_types;  // of the columns, in their order, as written
    bool key_index = false;                   // SQLite made an index for the primary key
  };

  // A table's one-column primary key with no index of its own is the rowid under another name (INTEGER
  // PRIMARY KEY in a rowid table): it never holds NULL, whatever the column says, so it reads as NOT NULL
  // as a key column does on the other dialects. INT would not have made it the rowid, so there INT keeps
  // its own name instead of reading as integer: the two columns differ.
  static void settle_primary_key(Table& t) {
    if (t.inspected.primary_key.size() != 1) return;
    for (size_t i = 0; i < t.inspected.columns.size(); ++i) {
      sdk::InspectedColumn& c = t.inspected.columns[i];
      if (c.name != t.inspected.primary_key.front()) continue;
      if (!t.key_index) c.nullable = false;
      else if (c.type == "integer" && upper(t.declared_types[i]) != "INTEGER") c.type = t.declared_types[i];
    }
  }

  // The named declared constraint of `kind` on exactly these columns, for the name SQLite does not keep.
  std::string declared_name(const Table& t, const std::string& kind, const std::vector<std::string>& columns) const {
    for (const auto& c : t.constraints)
      if (c.kind == kind && same_columns(c.columns, columns)) return c.name;
    return "";
  }

  std::string tables_of_master() const {
    return master_ + " m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";
  }

  void read_tables() {
    for (const auto& row : session_.query("SELECT m.name, m.sql FROM " + tables_of_master())) {
      Table t{{}, TableDefinition::parse(cell(row, 1)), {}, {}, false};
      t.inspected.name = cell(row, 0);
      t.constraints = t.definition.constraints();
      tables_.emplace(t.inspected.name, std::move(t));
    }
  }

  void read_columns() {
    std::map<std::string, std::vector<std::pair<int, std::string>>> keys;  // table -> (position, column)
    for (const auto& row : session_.query("SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk FROM " +
                                          master_ + " m JOIN pragma_table_info(m.name, " + schema_arg_ +
                                          ") p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                                          "ORDER BY m.name, p.cid")) {
      auto it = tables_.find(cell(row, 0));
      if (it == tables_.end()) continue;
      sdk::InspectedColumn c;
      c.name = cell(row, 1);
      c.type = generic_type(cell(row, 2));
      c.nullable = cell(row, 3) == "0";
      if (!is_null(row, 4)) c.server_default = reported_default(cell(row, 4), cell(row, 2));
      it->second.declared_types.push_back(cell(row, 2));
      c.autoincrement = it->second.definition.autoincrement(c.name);
      int pk = std::atoi(cell(row, 5).c_str());
      if (pk > 0) keys[it->first].emplace_back(pk, c.name);
      it->second.inspected.columns.push_back(std::move(c));
    }
    for (auto& [table, columns] : keys) {
      std::sort(columns.begin(), columns.end());
      for (const auto& pc : columns) tables_[table].inspected.primary_key.push_back(pc.second);
    }
  }

  void read_foreign_keys() {
    struct Key {
      sdk::InspectedForeignKey fk;
      bool implicit_target = false;  // REFERENCES t without columns: t's primary key
    };
    std::map<std::pair<std::string, int>, Key> keys;
    for (const auto& row : session_.query("SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_delete, f.on_update FROM " +
                                          master_ + " m JOIN pragma_foreign_key_list(m.name, " + schema_arg_ +
                                          ") f WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq")) {
      Key& k = keys[{cell(row, 0), std::atoi(cell(row, 1).c_str())}];
      k.fk.ref_table = cell(row, 2);
      k.fk.columns.push_back(cell(row, 3));
      if (is_null(row, 4)) k.implicit_target = true;
      else k.fk.ref_columns.push_back(cell(row, 4));
      k.fk.ondelete = action(cell(row, 5));
      k.fk.onupdate = action(cell(row, 6));
    }
    for (auto& [where, key] : keys) {
      auto it = tables_.find(where.first);
      if (it == tables_.end()) continue;
      if (key.implicit_target) {
        auto target = tables_.find(key.fk.ref_table);
        key.fk.ref_columns = target == tables_.end() ? std::vector<std::string>{} : target->second.inspected.primary_key;
      }
      key.fk.name = declared_name(it->second, "FOREIGN", key.fk.columns);
      it->second.inspected.foreign_keys.push_back(std::move(key.fk));
    }
  }

  void read_indexes() {
    struct Index {
      std::string table, origin, sql;
      bool unique = false;
      std::vector<std::pair<int, std::string>> columns;  // cid (-2 for an expression), name
    };
    std::map<std::string, Index> indexes;
    for (const auto& row : session_.query(
             "SELECT m.name, il.name, il.\"unique\", il.origin, ix.sql, ii.cid, ii.name FROM " + master_ +
             " m JOIN pragma_index_list(m.name, " + schema_arg_ + ") il JOIN pragma_index_xinfo(il.name, " +
             schema_arg_ + ") ii LEFT JOIN " + master_ +
             " ix ON ix.type = 'index' AND ix.name = il.name WHERE m.type = 'table' AND ii.key = 1 "
             "ORDER BY m.name, il.name, ii.seqno")) {
      Index& ix = indexes[cell(row, 1)];
      ix.table = cell(row, 0);
      ix.unique = cell(row, 2) == "1";
      ix.origin = cell(row, 3);
      ix.sql = cell(row, 4);
      ix.columns.emplace_back(std::atoi(cell(row, 5).c_str()), cell(row, 6));
    }
    for (auto& [name, ix] : indexes) {
      auto it = tables_.find(ix.table);
      if (it == tables_.end()) continue;
      if (ix.origin == "pk") {
        it->second.key_index = true;
        continue;
      }
      std::vector<std::string> columns;
      for (const auto& c : ix.columns) columns.push_back(c.second);
      if (ix.origin == "u") {
        it->second.inspected.unique.push_back({declared_name(it->second, "UNIQUE", columns), columns});
        continue;
      }
      sdk::InspectedIndex out;
      out.name = name;
      out.unique = ix.unique;
      IndexText text = parse_index_sql(ix.sql);
      out.where = text.where;
      for (size_t i = 0; i < ix.columns.size(); ++i) {
        sdk::IndexElement element;
        if (ix.columns[i].first == -2) element.expression = i < text.elements.size() ? text.elements[i] : "";
        else element.column = ix.columns[i].second;
        out.elements.push_back(std::move(element));
      }
      it->second.inspected.indexes.push_back(std::move(out));
    }
  }

  static void add_checks(Table& t) {
    for (const auto& c : t.constraints)
      if (c.kind == "CHECK") t.inspected.checks.push_back({c.name, c.check_sql});
  }

  const sdk::Session& session_;
  std::string master_;
  std::string schema_arg_;
  std::map<std::string, Table> tables_;
};

}  // namespace

std::vector<sdk::InspectedTable> inspect_schema(const std::string& schema, const sdk::Session& session) {
  return SchemaReader(schema, session).read();
}

}  // namespace retort::sqlite
