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
  kTables,      // an array of tables (foreign_keys, unique, checks, rows)
  kChoice,      // one of FieldSpec::choices
  kRows,        // an array of tables of column = literal value (bulk_insert)
  kAny,         // anything: an operation plugin checks it itself
};

struct FieldSpec {
  std::string name;
  FieldKind kind;
  bool required = false;
  std::vector<std::string> choices = {};  // for kChoice
  std::vector<FieldSpec> item_fields = {};  // for kTables: the fields of each table
};

struct OpSpec {
  std::string name;
  std::vector<FieldSpec> fields;  // besides "op" and "schema", which every operation takes
  // The operation that undoes this one, for revisions without [[downgrade]]; "" if irreversible.
  // (alter_column is undone automatically only when it renames and changes nothing else.)
  std::string inverse;
  // Set for an operation a plugin provides: it renders the operation instead of the dialect.
  const retort_operation* plugin = nullptr;

  const FieldSpec* field(const std::string& field_name) const;
};

class OpCatalogue {
 public:
  // The core operations.
  static const OpCatalogue& core();

  const OpSpec* find(const std::string& name) const;
  std::vector<std::string> names() const;
  void add(OpSpec spec) { specs_.push_back(std::move(spec)); }
  // The core operations plus those of the plugins' operation tables.
  static OpCatalogue with_plugin_operations(const std::vector<const retort_operation*>& operations);

 private:
  std::vector<OpSpec> specs_;
};

// The fields a column table may have.
const std::vector<FieldSpec>& column_fields();

}  // namespace retort
