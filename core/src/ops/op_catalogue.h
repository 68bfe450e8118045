// The operations a revision file may use and the fields each takes, as data: validation, per-dialect
// resolution and automatic downgrades all read this one table.
#pragma once

#include <retort/retort_plugin.h>

#include <string>
#include <vector>

namespace retort {

enum class FieldKind {
  kString,      // a string
  kBool,        // true / false
  kNames,       // a string or an array of strings (column names)
  kSql,         // SQL text: a string, or { dialect = "...", default = "..." }
  kType,        // a column type: a generic or native type name, or { dialect = "...", default = "..." }
  kColumn,      // a column table
  kColumns,     // an array of column tables
  kLiteral,     // a literal value, or { sql = "..." } for an expression
  kTable,       // one table, checked against FieldSpec::item_fields (alter_column's existing)
  kTables,      // an array of tables (foreign_keys, unique, checks, rows)
  kChoice,      // one of FieldSpec::choices
  kRows,        // an array of tables of column = literal value (bulk_insert)
  kIndexElements,  // a column name, or an array of column names and { sql = "..." } expressions (create_index)
  kAny,         // anything: an operation plugin checks it itself
};

struct FieldSpec {
  std::string name;
  FieldKind kind;
  bool required = false;
  std::vector<std::string> choices = {};  // for kChoice
  std::vector<FieldSpec> item_fields = {};  // for kTable and kTables: the fields of each table
};

struct OpSpec {
  std::string name;
  std::vector<FieldSpec> fields;  // besides "op" and "schema", which every operation takes
  // The operation that undoes this one, for revisions without [[downgrade]]; "" if irreversible. Some are
  // undone only when they say enough about what they replace (inverse_operation decides): alter_column
  // when `existing` gives the previous value of everything it changes, drop_table_comment when it has
  // `existing_comment`; create_table_comment with `existing_comment` is undone by another
  // create_table_comment.
  std::string inverse;
  // Set for an operation a plugin provides: it renders the operation instead of the dialect.
  const retort_operation* plugin = nullptr;
  std::string plugin_name = {};  // the name of the plugin that provides it; "" for a core operation

  const FieldSpec* field(const std::string& field_name) const;
};

// An operation table of a loaded plugin, and the plugin's name.
struct PluginOperation {
  std::string plugin_name;
  const retort_operation* operation = nullptr;
};

class OpCatalogue {
 public:
  // The core operations.
  static const OpCatalogue& core();

  const OpSpec* find(const std::string& name) const;
  std::vector<std::string> names() const;
  const std::vector<OpSpec>& specs() const { return specs_; }  // core operations first, in catalogue order
  void add(OpSpec spec) { specs_.push_back(std::move(spec)); }
  // The core operations plus those of the plugins' operation tables.
  static OpCatalogue with_plugin_operations(const std::vector<PluginOperation>& operations);

 private:
  std::vector<OpSpec> specs_;
};

// The fields a column table may have.
const std::vector<FieldSpec>& column_fields();

// The fields of alter_column's `existing`: the column as it was before the change (Alembic's existing_type,
// existing_nullable, existing_server_default, existing_comment, and MySQL's existing_autoincrement).
// `server_default = { sql = "" }` says it had no default, `comment = ""` that it had no comment.
const std::vector<FieldSpec>& existing_column_fields();

}  // namespace retort
