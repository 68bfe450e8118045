// A CREATE TABLE statement taken apart into its column definitions and table constraints, so a table
// can be re-created with one column or constraint changed: what SQLite's ALTER TABLE cannot do. Text the
// edit does not touch (collations, generated columns, WITHOUT ROWID, ...) is kept as written.
#pragma once

#include <string>
#include <vector>

namespace retort::sqlite {

struct TableItem {
  bool is_column = false;
  std::string name;             // column name, or the constraint's name ("" if unnamed)
  std::vector<std::string> tokens;  // the item's text, token by token
  std::string text;                 // as written; used until the item is edited
  bool edited = false;
};

// A key, unique, check or foreign-key constraint as the CREATE TABLE text declares it, at table level or on
// a column: what SQLite's pragmas do not tell (constraint names, CHECK expressions).
struct DeclaredConstraint {
  std::string kind;                  // "PRIMARY", "UNIQUE", "CHECK" or "FOREIGN"
  std::string name;                  // "" when unnamed
  std::vector<std::string> columns;  // the constrained columns, unquoted; empty for a table-level CHECK
  std::string check_sql;             // a CHECK's expression, without its parentheses
};

class TableDefinition {
 public:
  // Throws sdk::Failure when `create_sql` is not a CREATE TABLE statement it understands.
  static TableDefinition parse(const std::string& create_sql);

  // "CREATE TABLE <qualified_name> (...)<options>".
  std::string create_sql(const std::string& qualified_name) const;
  std::vector<std::string> column_names() const;
  std::vector<DeclaredConstraint> constraints() const;
  // Whether the column is declared INTEGER PRIMARY KEY AUTOINCREMENT.
  bool autoincrement(const std::string& column) const;

  TableItem* column(const std::string& name);
  // Changes a column; empty optionals leave that part as it is.
  void set_type(TableItem& column, const std::string& sql_type);
  void set_nullable(TableItem& column, bool nullable);
  void set_default(TableItem& column, const std::string* default_sql);  // nullptr removes the default

  void add_constraint(const std::string& text);
  // Removes the table constraint (or column-level CONSTRAINT clause) with this name; false if none.
  bool drop_constraint(const std::string& name);

 private:
  std::vector<TableItem> items_;
  std::string options_;  // after the closing parenthesis
};

// Splits SQL text into tokens: quoted names and strings, parenthesised groups and words stay whole.
std::vector<std::string> tokenize(const std::string& text);
// A token without its quotes ("name", `name`, [name]).
std::string unquote(const std::string& token);

}  // namespace retort::sqlite
