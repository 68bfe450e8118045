#include "ops/op_docs.h"

#include "ops/column_types.h"
#include "util/strings.h"

#include <map>

namespace retort {
namespace {

const std::map<std::string, std::string>& summaries() {
  static const std::map<std::string, std::string> table = {
      {"create_table",
       "Creates a table with its columns, keys and constraints."},
      {"drop_table", "Drops a table."},
      {"rename_table", "Renames a table."},
      {"add_column", "Adds a column to a table."},
      {"drop_column", "Drops a column."},
      {"alter_column",
       "Changes a column: its name, type, nullability, default or comment. SQLite rebuilds the table; MySQL "
       "restates the whole column, reading what the change leaves out from the live table (online) or from "
       "`existing` (offline)."},
      {"create_index",
       "Creates an index: unique, partial (`where`), on columns or on expressions."},
      {"drop_index", "Drops an index."},
      {"create_primary_key", "Adds a primary key. SQLite rebuilds the table."},
      {"create_unique_constraint", "Adds a unique constraint. SQLite rebuilds the table."},
      {"create_foreign_key", "Adds a foreign key. SQLite rebuilds the table."},
      {"create_check_constraint", "Adds a check constraint. SQLite rebuilds the table."},
      {"drop_constraint", "Drops a primary key, unique, foreign key or check constraint. SQLite rebuilds the table."},
      {"create_table_comment",
       "Sets a table's comment (PostgreSQL, MySQL; SQLite keeps no comments and runs nothing)."},
      {"drop_table_comment",
       "Removes a table's comment (PostgreSQL, MySQL; nothing on SQLite)."},
      {"execute", "Runs SQL as written, the same on every dialect or one text per dialect."},
      {"bulk_insert", "Inserts rows into a table."},
  };
  return table;
}

const std::map<std::string, std::string>& meanings() {
  static const std::map<std::string, std::string> table = {
      // A column table, in create_table's columns and add_column's column.
      {"column.name", "The column's name."},
      {"column.type",
       "A generic type (" + join(generic_type_names(), ", ") +
           "; sizes as in `string(50)`, `numeric(10,2)`) mapped per dialect, a native type passed as written, or "
           "`{ postgresql = \"jsonb\", default = \"text\" }` per dialect."},
      {"column.nullable", "Whether it may hold NULL (default true)."},
      {"column.primary_key", "Part of the table's primary key."},
      {"column.autoincrement", "Filled from a sequence or identity (an integer primary key)."},
      {"column.unique", "A unique constraint on this column alone."},
      {"column.server_default", "The default the database fills in: a literal, or `{ sql = \"...\" }` for an expression."},
      {"column.comment", "The column's comment (PostgreSQL, MySQL)."},

      {"create_table.table", "The table's name."},
      {"create_table.columns", "The columns, in order: column tables (below)."},
      {"create_table.primary_key", "A primary key over several columns (one column can say `primary_key = true`)."},
      {"create_table.foreign_keys", "The table's foreign keys."},
      {"create_table.foreign_keys.columns", "The referencing columns."},
      {"create_table.foreign_keys.ref_table", "The referenced table."},
      {"create_table.foreign_keys.ref_columns", "The referenced columns."},
      {"create_table.foreign_keys.ref_schema", "The referenced table's schema."},
      {"create_table.foreign_keys.name", "The constraint's name."},
      {"create_table.foreign_keys.ondelete", "What a delete of the referenced row does."},
      {"create_table.foreign_keys.onupdate", "What an update of the referenced key does."},
      {"create_table.unique", "Unique constraints over one or more columns."},
      {"create_table.unique.columns", "The columns that are unique together."},
      {"create_table.unique.name", "The constraint's name."},
      {"create_table.checks", "Check constraints."},
      {"create_table.checks.sql", "The condition, in SQL."},
      {"create_table.checks.name", "The constraint's name."},
      {"create_table.comment", "The table's comment (PostgreSQL, MySQL)."},

      {"drop_table.table", "The table to drop."},
      {"rename_table.table", "The table's current name."},
      {"rename_table.new_name", "Its new name."},
      {"add_column.table", "The table."},
      {"add_column.column", "The new column: a column table (below)."},
      {"drop_column.table", "The table."},
      {"drop_column.column", "The column's name."},

      {"alter_column.table", "The table."},
      {"alter_column.column", "The column's current name."},
      {"alter_column.new_name", "Renames the column."},
      {"alter_column.type", "The new type, as in a column table."},
      {"alter_column.nullable", "Whether it may hold NULL from now on."},
      {"alter_column.server_default", "The new default: a literal or `{ sql = \"...\" }`; `{ sql = \"\" }` drops it."},
      {"alter_column.comment", "The new comment; `\"\"` drops it."},
      {"alter_column.existing",
       "The column as it was before the change (Alembic's `existing_type`, `existing_nullable`, "
       "`existing_server_default`, `existing_comment`, `existing_autoincrement`): makes the change undoable and "
       "lets MySQL render it offline."},
      {"alter_column.existing.type", "Its type before the change."},
      {"alter_column.existing.nullable", "Whether it allowed NULL."},
      {"alter_column.existing.server_default", "Its default; `{ sql = \"\" }`: it had none."},
      {"alter_column.existing.comment", "Its comment; `\"\"`: it had none."},
      {"alter_column.existing.autoincrement", "Whether it was AUTO_INCREMENT (MySQL keeps it so)."},

      {"create_index.name", "The index's name."},
      {"create_index.table", "The table."},
      {"create_index.columns",
       "The indexed columns, in order; `{ sql = \"lower(email)\" }` indexes an expression (not on the mysql "
       "dialect, which also serves MariaDB)."},
      {"create_index.unique", "A unique index."},
      {"create_index.where", "A partial index's condition, in SQL (not on MySQL)."},
      {"drop_index.name", "The index's name."},
      {"drop_index.table", "The table (MySQL needs it)."},

      {"create_primary_key.name", "The constraint's name."},
      {"create_primary_key.table", "The table."},
      {"create_primary_key.columns", "The key's columns."},
      {"create_unique_constraint.name", "The constraint's name."},
      {"create_unique_constraint.table", "The table."},
      {"create_unique_constraint.columns", "The columns that are unique together."},
      {"create_foreign_key.name", "The constraint's name."},
      {"create_foreign_key.table", "The referencing table."},
      {"create_foreign_key.columns", "The referencing columns."},
      {"create_foreign_key.ref_table", "The referenced table."},
      {"create_foreign_key.ref_columns", "The referenced columns."},
      {"create_foreign_key.ref_schema", "The referenced table's schema."},
      {"create_foreign_key.ondelete", "What a delete of the referenced row does."},
      {"create_foreign_key.onupdate", "What an update of the referenced key does."},
      {"create_check_constraint.name", "The constraint's name."},
      {"create_check_constraint.table", "The table."},
      {"create_check_constraint.sql", "The condition, in SQL."},
      {"drop_constraint.name", "The constraint's name."},
      {"drop_constraint.table", "The table."},
      {"drop_constraint.type", "Which kind of constraint it is."},

      {"create_table_comment.table", "The table."},
      {"create_table_comment.comment", "The new comment."},
      {"create_table_comment.existing_comment", "The comment the table had; `\"\"`: none."},
      {"drop_table_comment.table", "The table."},
      {"drop_table_comment.existing_comment", "The comment the table had; `\"\"`: none."},

      {"execute.sql",
       "The SQL: a string, or a table of dialect = SQL with an optional `default`, e.g. "
       "`{ postgresql = \"CREATE EXTENSION citext\", default = \"\" }`; `\"\"` runs nothing on that dialect."},
      {"bulk_insert.table", "The table."},
      {"bulk_insert.rows", "The rows, `[{ column = value, ... }]`; a value is a string, number, boolean or date."},
  };
  return table;
}

}  // namespace

std::string operation_summary(const std::string& op) {
  auto found = summaries().find(op);
  return found == summaries().end() ? "" : found->second;
}

std::string downgrade_condition(const std::string& op) {
  if (op == "alter_column")
    return " when it only renames, or when `existing` gives the previous value of everything it changes";
  if (op == "drop_table_comment") return " when `existing_comment` says what the comment was";
  if (op == "create_table_comment") return ", or, with `existing_comment`, by putting that comment back";
  return "";
}

std::string field_meaning(const std::string& op, const std::string& path) {
  auto found = meanings().find(op + "." + path);
  return found == meanings().end() ? "" : found->second;
}

std::string kind_text(const FieldSpec& field) {
  switch (field.kind) {
    case FieldKind::kString: return "string";
    case FieldKind::kBool: return "true or false";
    case FieldKind::kNames: return "name or array of names";
    case FieldKind::kSql: return "SQL, or table of dialect = SQL";
    case FieldKind::kType: return "type, or table of dialect = type";
    case FieldKind::kColumn: return "column table";
    case FieldKind::kColumns: return "array of column tables";
    case FieldKind::kLiteral: return "literal or { sql = \"...\" }";
    case FieldKind::kTable: return "table";
    case FieldKind::kTables: return "array of tables";
    case FieldKind::kChoice: return "one of: " + join(field.choices, ", ");
    case FieldKind::kRows: return "array of row tables";
    case FieldKind::kIndexElements: return "name, or array of names and { sql = \"...\" }";
    case FieldKind::kAny: return "any value (the plugin checks it)";
  }
  return "";
}

}  // namespace retort
