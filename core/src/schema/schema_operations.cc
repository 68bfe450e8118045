#include "schema/schema_operations.h"

#include "util/strings.h"

namespace retort {
namespace {

toml::array names_array(const std::vector<std::string>& names) {
  toml::array out;
  for (const auto& n : names) out.push_back(n);
  return out;
}

void put_table(toml::table& op, const SchemaTable& table) {
  op.insert("table", table.name);
  if (!table.schema.empty()) op.insert("schema", table.schema);
}

toml::table foreign_key_entry(const SchemaForeignKey& fk) {
  toml::table t;
  t.insert("columns", names_array(fk.columns));
  if (!fk.ref_schema.empty()) t.insert("ref_schema", fk.ref_schema);
  t.insert("ref_table", fk.ref_table);
  t.insert("ref_columns", names_array(fk.ref_columns));
  if (!fk.name.empty()) t.insert("name", fk.name);
  if (!fk.ondelete.empty()) t.insert("ondelete", fk.ondelete);
  if (!fk.onupdate.empty()) t.insert("onupdate", fk.onupdate);
  return t;
}

std::vector<std::string> index_columns(const SchemaIndex& index) {
  std::vector<std::string> out;
  for (const auto& e : index.elements) out.push_back(e.column.empty() ? "expr" : e.column);
  return out;
}

}  // namespace

std::string expand_naming(const std::string& pattern, const std::string& table, const std::vector<std::string>& columns,
                          const std::string& ref_table, const std::string& name) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    size_t close = pattern[i] == '{' ? pattern.find('}', i) : std::string::npos;
    if (close == std::string::npos) {
      out += pattern[i];
      continue;
    }
    const std::string token = pattern.substr(i + 1, close - i - 1);
    if (token == "table") out += table;
    else if (token == "columns") out += join(columns, "_");
    else if (token == "ref_table") out += ref_table;
    else if (token == "name") out += name;
    else out += pattern.substr(i, close - i + 1);
    i = close;
  }
  return out;
}

std::string default_index_name(const SchemaTable& table, const SchemaIndex& index) {
  return expand_naming("ix_{table}_{columns}", table.name, index_columns(index), "", "");
}
std::string default_unique_name(const SchemaTable& table, const SchemaUnique& unique) {
  return expand_naming("uq_{table}_{columns}", table.name, unique.columns, "", "");
}
std::string default_foreign_key_name(const SchemaTable& table, const SchemaForeignKey& fk) {
  return expand_naming("fk_{table}_{columns}_{ref_table}", table.name, fk.columns, fk.ref_table, "");
}
std::string default_check_name(const SchemaTable& table, size_t position) {
  return "ck_" + table.name + "_" + std::to_string(position + 1);
}

toml::table column_spec(const SchemaColumn& column) {
  if (!column.spec.empty()) return column.spec;
  toml::table t;
  t.insert("name", column.name);
  t.insert("type", column.type);
  if (!column.nullable) t.insert("nullable", false);
  if (column.autoincrement) t.insert("autoincrement", true);
  if (column.default_sql) t.insert("server_default", toml::table{{"sql", *column.default_sql}});
  if (!column.comment.empty()) t.insert("comment", column.comment);
  return t;
}

toml::table create_table_op(const SchemaTable& table, bool with_foreign_keys) {
  toml::table op{{"op", "create_table"}};
  put_table(op, table);
  toml::array columns;
  for (const auto& c : table.columns) columns.push_back(column_spec(c));
  op.insert("columns", std::move(columns));
  if (!table.primary_key.empty()) op.insert("primary_key", names_array(table.primary_key));
  if (with_foreign_keys && !table.foreign_keys.empty()) {
    toml::array fks;
    for (const auto& fk : table.foreign_keys) fks.push_back(foreign_key_entry(fk));
    op.insert("foreign_keys", std::move(fks));
  }
  if (!table.unique.empty()) {
    toml::array unique;
    for (const auto& u : table.unique) {
      toml::table entry{{"columns", names_array(u.columns)}};
      if (!u.name.empty()) entry.insert("name", u.name);
      unique.push_back(std::move(entry));
    }
    op.insert("unique", std::move(unique));
  }
  if (!table.checks.empty()) {
    toml::array checks;
    for (const auto& c : table.checks) {
      toml::table entry{{"sql", c.sql}};
      if (!c.name.empty()) entry.insert("name", c.name);
      checks.push_back(std::move(entry));
    }
    op.insert("checks", std::move(checks));
  }
  if (!table.comment.empty()) op.insert("comment", table.comment);
  return op;
}

toml::table create_index_op(const SchemaTable& table, const SchemaIndex& index) {
  toml::table op{{"op", "create_index"}};
  op.insert("name", index.name.empty() ? default_index_name(table, index) : index.name);
  put_table(op, table);
  toml::array columns;
  for (const auto& e : index.elements) {
    if (e.expression.empty()) columns.push_back(e.column);
    else columns.push_back(toml::table{{"sql", e.expression}});
  }
  op.insert("columns", std::move(columns));
  if (index.unique) op.insert("unique", true);
  if (!index.where.empty()) op.insert("where", index.where);
  return op;
}

toml::table create_unique_op(const SchemaTable& table, const SchemaUnique& unique) {
  toml::table op{{"op", "create_unique_constraint"}};
  op.insert("name", unique.name.empty() ? default_unique_name(table, unique) : unique.name);
  put_table(op, table);
  op.insert("columns", names_array(unique.columns));
  return op;
}

toml::table create_foreign_key_op(const SchemaTable& table, const SchemaForeignKey& fk) {
  toml::table op{{"op", "create_foreign_key"}};
  op.insert("name", fk.name.empty() ? default_foreign_key_name(table, fk) : fk.name);
  put_table(op, table);
  op.insert("columns", names_array(fk.columns));
  if (!fk.ref_schema.empty()) op.insert("ref_schema", fk.ref_schema);
  op.insert("ref_table", fk.ref_table);
  op.insert("ref_columns", names_array(fk.ref_columns));
  if (!fk.ondelete.empty()) op.insert("ondelete", fk.ondelete);
  if (!fk.onupdate.empty()) op.insert("onupdate", fk.onupdate);
  return op;
}

toml::table create_check_op(const SchemaTable& table, const SchemaCheck& check) {
  toml::table op{{"op", "create_check_constraint"}};
  op.insert("name", check.name);
  put_table(op, table);
  op.insert("sql", check.sql);
  return op;
}

toml::table drop_table_op(const SchemaTable& table) {
  toml::table op{{"op", "drop_table"}};
  put_table(op, table);
  return op;
}

toml::table drop_index_op(const SchemaTable& table, const SchemaIndex& index) {
  toml::table op{{"op", "drop_index"}};
  op.insert("name", index.name);
  put_table(op, table);
  return op;
}

toml::table drop_constraint_op(const SchemaTable& table, const std::string& name, const std::string& type) {
  toml::table op{{"op", "drop_constraint"}};
  op.insert("name", name);
  put_table(op, table);
  op.insert("type", type);
  return op;
}

}  // namespace retort
