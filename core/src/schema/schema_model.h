// A schema as retort compares it: the tables of a schema file (declared, DESIGN.md §7) or of an inspected
// database, in one model. Declared objects keep the TOML they were written as, so a revision can say
// them back in the user's own words (generic types, per-dialect tables); inspected ones are in the
// canonical spelling of docs/schema-files.md, "Inspected documents".
#pragma once

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <vector>

namespace retort {

// Where a declared object was written, for errors ("schema/core.toml:12").
struct SchemaSource {
  std::string file;
  int line = 0;
  std::string to_string() const { return line > 0 ? file + ":" + std::to_string(line) : file; }
};

// Which databases have a declared table, column or index: those named in `databases` (empty: all) whose
// dialect, or its family, is in `dialects` (empty: all).
struct SchemaScope {
  std::vector<std::string> databases;
  std::vector<std::string> dialects;
  bool includes(const std::string& database, const std::string& dialect, const std::string& family) const;
};

struct SchemaColumn {
  std::string name;
  std::string type;  // as written when it is text; "" for a per-dialect table (see `spec`)
  bool nullable = true;
  bool primary_key = false;  // declared on the column (inspected documents use Table::primary_key)
  bool unique = false;       // likewise
  bool autoincrement = false;
  std::optional<std::string> default_sql;  // a { sql = ... } default, or a literal's TOML text
  std::string comment;
  std::string renamed_from;
  SchemaScope scope;
  toml::table spec;  // the column table as create_table takes it (without renamed_from and scope)
  SchemaSource source;
};

struct SchemaIndexElement {
  std::string column;      // a column, or
  std::string expression;  // an expression ({ sql = ... })
  bool operator==(const SchemaIndexElement& o) const { return column == o.column && expression == o.expression; }
};

struct SchemaIndex {
  std::string name;  // "" when declared without one
  std::vector<SchemaIndexElement> elements;
  bool unique = false;
  std::string where;
  SchemaScope scope;
  SchemaSource source;
};

struct SchemaUnique {
  std::string name;
  std::vector<std::string> columns;
  SchemaSource source;
};

struct SchemaForeignKey {
  std::string name;
  std::vector<std::string> columns;
  std::string ref_schema;
  std::string ref_table;
  std::vector<std::string> ref_columns;
  std::string ondelete;  // upper case; "" for NO ACTION
  std::string onupdate;
  SchemaSource source;
};

struct SchemaCheck {
  std::string name;
  std::string sql;
  SchemaSource source;
};

struct SchemaTable {
  std::string name;
  std::string schema;  // "" for the database's own
  std::string comment;
  std::string renamed_from;
  bool managed = true;
  SchemaScope scope;
  std::vector<SchemaColumn> columns;
  std::vector<std::string> primary_key;  // table-level key columns (column-level keys are on the columns)
  std::vector<SchemaUnique> unique;
  std::vector<SchemaForeignKey> foreign_keys;
  std::vector<SchemaCheck> checks;
  std::vector<SchemaIndex> indexes;
  SchemaSource source;

  const SchemaColumn* column(const std::string& column_name) const;
  // The key columns, from the table-level list or else the columns marked primary_key, in order.
  std::vector<std::string> key_columns() const;
};

// Name patterns for declared indexes and constraints without a name ({table}, {columns}, {ref_table},
// {name}); "" when none is set.
struct SchemaNaming {
  std::string index;
  std::string unique;
  std::string foreign_key;
  std::string check;
};

struct SchemaDocument {
  std::string file;
  std::string branch;
  SchemaNaming naming;
  std::vector<std::string> ignore_tables;  // glob patterns
  std::vector<SchemaTable> tables;

  const SchemaTable* table(const std::string& table_name) const;
  // Whether `table_name` matches an [ignore] pattern.
  bool ignores(const std::string& table_name) const;
};

// `*` and `?` globbing, as [ignore] tables uses it.
bool glob_match(const std::string& pattern, const std::string& text);

}  // namespace retort
