#include "sqlite_dialect.hpp"

namespace retort::sqlite {

using sdk::TypeSpec;
using sdk::Value;

// SQLite's documented procedure for the changes its ALTER TABLE cannot make: create the new table,
// copy the rows, drop the old one, rename the new one, re-create indexes and triggers. It runs inside
// the migration's transaction, so a failure anywhere leaves the old table as it was. Foreign keys are
// not enforced during the copy (SQLite's default, which the driver keeps, because the pragma cannot
// change inside a transaction); the last statements make the step fail if any no longer hold.
std::vector<std::string> SqliteDialect::rebuild(const Value& args, const sdk::Session& session,
                                                const std::function<void(TableDefinition&)>& edit) const {
  const std::string schema = args.get_string("schema");
  const std::string table = args["table"].str();
  const std::string master = master_table(schema);
  auto found = session.query("SELECT sql FROM " + master + " WHERE type = 'table' AND name = " + quote_literal(table));
  if (found.empty() || !found.front()[0]) throw sdk::Failure("no table " + table + " to change");
  TableDefinition def = TableDefinition::parse(*found.front()[0]);
  std::vector<std::string> old_columns = def.column_names();
  edit(def);

  auto others = session.query("SELECT sql FROM " + master + " WHERE tbl_name = " + quote_literal(table) +
                              " AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name");
  const std::string temp_name = "_retort_rebuild_" + table;
  const std::string temp = qualified(schema, temp_name);
  const std::string target = qualified(schema, table);
  std::vector<std::string> quoted;
  quoted.reserve(old_columns.size());
  for (const auto& c : old_columns) quoted.push_back(quote_identifier(c));
  const std::string columns = sdk::join(quoted, ", ");

  std::vector<std::string> out;
  out.push_back(def.create_sql(temp));
  out.push_back("INSERT INTO " + temp + " (" + columns + ") SELECT " + columns + " FROM " + target);
  out.push_back("DROP TABLE " + target);
  // The legacy rename leaves views and triggers that name the table alone instead of re-checking them
  // while the table is briefly missing.
  out.push_back("PRAGMA legacy_alter_table = ON");
  out.push_back("ALTER TABLE " + temp + " RENAME TO " + quote_identifier(table));
  out.push_back("PRAGMA legacy_alter_table = OFF");
  for (const auto& row : others) out.push_back(*row[0]);
  const std::string guard = "temp." + quote_identifier("_retort_fk_guard");
  out.push_back("CREATE TABLE " + guard + " (violations INTEGER CONSTRAINT " +
                quote_identifier("foreign keys of " + table + " must still hold") + " CHECK (violations = 0))");
  out.push_back("INSERT INTO " + guard + " SELECT count(*) FROM pragma_foreign_key_check(" + quote_literal(table) +
                (schema.empty() ? "" : ", " + quote_literal(schema)) + ")");
  out.push_back("DROP TABLE " + guard);
  return out;
}

std::vector<std::string> SqliteDialect::alter_column(const Value& args, const sdk::Session& session) const {
  const std::string column = args["column"].str();
  bool changes_definition = args["type"].present() || args["nullable"].present() || args["server_default"].present();
  std::vector<std::string> out;
  if (changes_definition) {
    out = rebuild(args, session, [&](TableDefinition& def) {
      TableItem* col = def.column(column);
      if (!col) throw sdk::Failure("table " + args["table"].str() + " has no column " + column);
      if (args["type"].present()) def.set_type(*col, map_type(TypeSpec::parse(args["type"].str())));
      if (args["nullable"].present()) def.set_nullable(*col, args["nullable"].boolean());
      if (args["server_default"].present()) {
        std::string value = drops_default(args["server_default"]) ? "" : default_value(args["server_default"]);
        def.set_default(*col, drops_default(args["server_default"]) ? nullptr : &value);
      }
    });
  }
  // SQLite renames a column in place (and in every index, trigger and view that names it). A comment has
  // nowhere to go in SQLite and is ignored.
  if (args["new_name"].present())
    out.push_back("ALTER TABLE " + table_name(args) + " RENAME COLUMN " + quote_identifier(column) + " TO " +
                  quote_identifier(args["new_name"].str()));
  return out;
}

std::vector<std::string> SqliteDialect::add_constraint(const std::string& op, const Value& args,
                                                       const sdk::Session& session) const {
  return rebuild(args, session, [&](TableDefinition& def) { def.add_constraint(constraint_clause(op, args)); });
}

std::vector<std::string> SqliteDialect::drop_constraint(const Value& args, const sdk::Session& session) const {
  return rebuild(args, session, [&](TableDefinition& def) {
    if (!def.drop_constraint(args["name"].str()))
      throw sdk::Failure("table " + args["table"].str() + " has no constraint named " + args["name"].str() +
                         " (SQLite can only drop constraints that were given a name)");
  });
}

}  // namespace retort::sqlite
