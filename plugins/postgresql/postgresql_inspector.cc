#include "postgresql_inspector.hpp"

#include "postgresql_catalog.hpp"
#include "postgresql_defaults.hpp"
#include "postgresql_type_names.hpp"

#include <map>
#include <optional>
#include <utility>

namespace retort::postgresql {
namespace {

using sdk::Failure;
using sdk::InspectedTable;

// One row of a catalog query as text cells. libpq spells a boolean "t"/"f"; psqlODBC "1"/"0" by default,
// "-1" for true with its TrueIsMinus1 option, "true"/"false" in other setups: all read the same here.
class CatalogRow {
 public:
  CatalogRow(const sdk::Row& row, size_t columns, const char* query) : row_(row) {
    if (row.size() != columns)
      throw Failure(std::string("the ") + query + " catalog query returned " + std::to_string(row.size()) +
                    " columns where " + std::to_string(columns) + " were expected");
  }
  std::optional<std::string> cell(size_t i) const { return row_[i]; }
  std::string text(size_t i) const { return row_[i].value_or(""); }
  bool flag(size_t i) const {
    if (!row_[i]) return false;
    const std::string& v = *row_[i];
    if (v == "t" || v == "1" || v == "-1" || v == "true" || v == "TRUE") return true;
    if (v == "f" || v == "0" || v == "false" || v == "FALSE") return false;
    throw Failure("a catalog query returned '" + v + "' where a boolean was expected");
  }

 private:
  const sdk::Row& row_;
};

// The inspected tables, and where each table's oid put it.
class Tables {
 public:
  void add(const std::string& oid, InspectedTable table) {
    index_.emplace(oid, tables_.size());
    tables_.push_back(std::move(table));
  }
  // The table with that oid; nullptr for one created after the table list was read.
  InspectedTable* find(const std::string& oid) {
    auto it = index_.find(oid);
    return it == index_.end() ? nullptr : &tables_[it->second];
  }
  bool empty() const { return tables_.empty(); }
  std::vector<InspectedTable> take() { return std::move(tables_); }

 private:
  std::vector<InspectedTable> tables_;
  std::map<std::string, size_t> index_;
};

// A referential action code of pg_constraint, as the schema file writes it; "" for NO ACTION.
std::string referential_action(const std::string& code) {
  if (code == "a") return "";
  if (code == "r") return "RESTRICT";
  if (code == "c") return "CASCADE";
  if (code == "n") return "SET NULL";
  if (code == "d") return "SET DEFAULT";
  throw Failure("unknown referential action code '" + code + "' in pg_constraint");
}

void read_tables(const sdk::Session& session, const std::string& schema_expr, Tables& tables) {
  for (const auto& r : session.query(catalog::tables_query(schema_expr))) {
    CatalogRow row(r, 3, "tables");
    InspectedTable t;
    t.name = row.text(1);
    t.comment = row.text(2);
    tables.add(row.text(0), std::move(t));
  }
}

void read_columns(const sdk::Session& session, const std::string& schema_expr, Tables& tables) {
  for (const auto& r : session.query(catalog::columns_query(schema_expr))) {
    CatalogRow row(r, 9, "columns");
    InspectedTable* table = tables.find(row.text(0));
    if (table == nullptr) continue;
    sdk::InspectedColumn c;
    c.name = row.text(1);
    c.type = reported_type(row.text(2));
    c.nullable = !row.flag(3);
    c.comment = row.text(7);
    const bool identity = row.flag(4);
    const bool generated = row.flag(5);
    const bool serial = row.flag(8) && serial_type(c.type);
    if (generated) {
      // A stored generated column: its expression is no default (the document has no word for it, and
      // calling it one would make autogenerate write a DEFAULT the server refuses), so it is reported
      // with its type, nullability and comment only.
    } else if (identity || serial) {
      // The sequence behind SERIAL or an identity is how autoincrement is made here, not a default.
      c.autoincrement = true;
    } else if (auto expression = row.cell(6)) {
      c.server_default = reported_default(*expression, c.type);
    }
    table->columns.push_back(std::move(c));
  }
}

// A primary key, unique constraint or foreign key gathered from its rows, one per key column.
struct Key {
  std::string table_oid, name, type, ref_table, ref_schema, ondelete, onupdate;
  std::vector<std::string> columns, ref_columns;
};

void read_keys(const sdk::Session& session, const std::string& schema_expr, Tables& tables) {
  std::map<std::string, Key> keys;  // by constraint oid; rows come in key order
  for (const auto& r : session.query(catalog::keys_query(schema_expr))) {
    CatalogRow row(r, 11, "keys");
    Key& k = keys[row.text(1)];
    if (k.columns.empty()) {
      k.table_oid = row.text(0);
      k.name = row.text(2);
      k.type = row.text(3);
      if (k.type == "f") {
        k.ref_table = row.text(6);
        if (!row.flag(8)) k.ref_schema = row.text(7);
        k.ondelete = referential_action(row.text(9));
        k.onupdate = referential_action(row.text(10));
      }
    }
    k.columns.push_back(row.text(4));
    if (k.type == "f") k.ref_columns.push_back(row.text(5));
  }
  for (auto& entry : keys) {
    Key& k = entry.second;
    InspectedTable* table = tables.find(k.table_oid);
    if (table == nullptr) continue;
    if (k.type == "p") {
      table->primary_key = std::move(k.columns);
    } else if (k.type == "u") {
      table->unique.push_back({std::move(k.name), std::move(k.columns)});
    } else {
      table->foreign_keys.push_back({std::move(k.name), std::move(k.columns), std::move(k.ref_schema),
                                     std::move(k.ref_table), std::move(k.ref_columns), std::move(k.ondelete),
                                     std::move(k.onupdate)});
    }
  }
}

void read_checks(const sdk::Session& session, const std::string& schema_expr, Tables& tables) {
  for (const auto& r : session.query(catalog::checks_query(schema_expr))) {
    CatalogRow row(r, 3, "checks");
    InspectedTable* table = tables.find(row.text(0));
    if (table == nullptr) continue;
    table->checks.push_back({row.text(1), row.text(2)});
  }
}

struct Index {
  std::string table_oid;
  sdk::InspectedIndex index;
};

void read_indexes(const sdk::Session& session, const std::string& schema_expr, Tables& tables) {
  std::map<std::string, Index> indexes;  // by index oid; rows come in element order
  for (const auto& r : session.query(catalog::indexes_query(schema_expr))) {
    CatalogRow row(r, 7, "indexes");
    Index& i = indexes[row.text(1)];
    if (i.index.elements.empty()) {
      i.table_oid = row.text(0);
      i.index.name = row.text(2);
      i.index.unique = row.flag(3);
      i.index.where = row.text(6);
    }
    sdk::IndexElement element;
    if (row.cell(5)) {
      element.expression = row.text(5);
    } else {
      element.column = row.text(4);
    }
    i.index.elements.push_back(std::move(element));
  }
  for (auto& entry : indexes) {
    InspectedTable* table = tables.find(entry.second.table_oid);
    if (table != nullptr) table->indexes.push_back(std::move(entry.second.index));
  }
}

}  // namespace

uint64_t PostgresqlInspector::inspect_features() const {
  return RETORT_INSPECT_COMMENTS | RETORT_INSPECT_CHECKS | RETORT_INSPECT_PARTIAL_INDEXES |
         RETORT_INSPECT_EXPRESSION_INDEXES | RETORT_INSPECT_AUTOINCREMENT | RETORT_INSPECT_FOREIGN_KEY_ACTIONS;
}

// A schema that does not exist reads as one without tables, as a scratch database before its first
// migration does.
std::vector<InspectedTable> PostgresqlInspector::inspect(const std::string& schema,
                                                         const sdk::Session& session) const {
  const std::string schema_expr = catalog::schema_expression(schema);
  Tables tables;
  read_tables(session, schema_expr, tables);
  if (tables.empty()) return {};
  read_columns(session, schema_expr, tables);
  read_keys(session, schema_expr, tables);
  read_checks(session, schema_expr, tables);
  read_indexes(session, schema_expr, tables);
  return tables.take();
}

}  // namespace retort::postgresql
