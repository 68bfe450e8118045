// A dialect base that renders retort's core operations as standard SQL. Concrete dialects override the
// hooks where their database differs (types, autoincrement, index syntax) and inherit the rest.
#pragma once

#include <retort/sdk/plugin.hpp>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace retort::sdk {

// A column type as written in a revision: "string(50)" is name "string" with params "50".
struct TypeSpec {
  std::string name;    // lowercased
  std::string params;  // text inside the parentheses, or ""
  std::string written; // as the user wrote it

  static TypeSpec parse(const std::string& text) {
    TypeSpec t;
    t.written = text;
    auto open = text.find('(');
    std::string base = open == std::string::npos ? text : text.substr(0, open);
    while (!base.empty() && std::isspace(static_cast<unsigned char>(base.back()))) base.pop_back();
    for (char c : base) t.name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (open != std::string::npos) {
      auto close = text.rfind(')');
      if (close == std::string::npos || close < open) throw Failure("unbalanced parentheses in type '" + text + "'");
      t.params = text.substr(open + 1, close - open - 1);
    }
    return t;
  }
  std::string with_params(const std::string& sql_name) const {
    return params.empty() ? sql_name : sql_name + "(" + params + ")";
  }
};

// The shortest decimal text that reads back as the same double ("0.5", not "0.500000").
inline std::string format_double(double d) {
  char buf[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  return buf;
}

inline std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

class SqlDialect : public Dialect {
 public:
  std::string quote_identifier(const std::string& name) const override {
    std::string out = "\"";
    for (char c : name) {
      if (c == '"') out += '"';
      out += c;
    }
    return out + "\"";
  }

  std::vector<std::string> render_operation(const std::string& op, const Value& args,
                                            const Session& session) const override {
    if (op == "execute") {
      std::string sql = args.get_string("sql");
      if (sql.find_first_not_of(" \t\r\n;") == std::string::npos) return {};
      return {sql};
    }
    if (op == "create_table") return create_table(args);
    if (op == "drop_table") return {"DROP TABLE " + table_name(args)};
    if (op == "rename_table") return rename_table(args);
    if (op == "add_column") return add_column(args, session);
    if (op == "drop_column") return drop_column(args, session);
    if (op == "alter_column") return alter_column(args, session);
    if (op == "create_index") return {create_index(args)};
    if (op == "drop_index") return {drop_index(args)};
    if (op == "create_primary_key" || op == "create_unique_constraint" || op == "create_foreign_key" ||
        op == "create_check_constraint")
      return add_constraint(op, args, session);
    if (op == "drop_constraint") return drop_constraint(args, session);
    if (op == "create_table_comment") return alter_table_comment(args, args["comment"].str());
    if (op == "drop_table_comment") return alter_table_comment(args, "");
    if (op == "bulk_insert") return bulk_insert(args);
    throw Unsupported(op);
  }

  std::vector<std::string> render_statement(retort_statement_kind kind,
                                            const std::vector<std::string>& a) const override {
    auto arg = [&](size_t i) -> const std::string& {
      if (i >= a.size()) throw Failure("statement kind " + std::to_string(kind) + " needs more arguments");
      return a[i];
    };
    switch (kind) {
      case RETORT_STMT_VERSION_TABLE_CREATE:
        return {"CREATE TABLE " + qualified(arg(0), arg(1)) + " (version_num VARCHAR(32) NOT NULL, CONSTRAINT " +
                quote_identifier(arg(1) + "_pkc") + " PRIMARY KEY (version_num))"};
      case RETORT_STMT_VERSION_TABLE_EXISTS:
        return {table_exists_query(arg(0), arg(1))};
      case RETORT_STMT_VERSION_SELECT:
        return {"SELECT version_num FROM " + qualified(arg(0), arg(1))};
      case RETORT_STMT_VERSION_INSERT:
        return {"INSERT INTO " + qualified(arg(0), arg(1)) + " (version_num) VALUES (" + quote_literal(arg(2)) + ")"};
      case RETORT_STMT_VERSION_UPDATE:
        return {"UPDATE " + qualified(arg(0), arg(1)) + " SET version_num=" + quote_literal(arg(3)) +
                " WHERE version_num = " + quote_literal(arg(2))};
      case RETORT_STMT_VERSION_DELETE:
        return {"DELETE FROM " + qualified(arg(0), arg(1)) + " WHERE version_num = " + quote_literal(arg(2))};
      case RETORT_STMT_LOCK_ACQUIRE:
      case RETORT_STMT_LOCK_RELEASE:
        return {};
      case RETORT_STMT_BEGIN:
        return {"BEGIN"};
      case RETORT_STMT_COMMIT:
        return {"COMMIT"};
      case RETORT_STMT_VERSION_TABLE_DROP:
        return {"DROP TABLE " + qualified(arg(0), arg(1))};
      default:
        throw Unsupported("statement kind " + std::to_string(kind));
    }
  }

 protected:
  // A query returning a row iff the table exists.
  virtual std::string table_exists_query(const std::string& schema, const std::string& table) const {
    std::string q = "SELECT 1 FROM information_schema.tables WHERE table_name = " + quote_literal(table);
    if (!schema.empty()) q += " AND table_schema = " + quote_literal(schema);
    return q;
  }

  std::string qualified(const std::string& schema, const std::string& name) const {
    return schema.empty() ? quote_identifier(name) : quote_identifier(schema) + "." + quote_identifier(name);
  }
  std::string qualified(const Value& args, const char* key) const {
    return qualified(args.get_string("schema"), args.get_string(key));
  }
  std::string table_name(const Value& args) const { return qualified(args, "table"); }

  std::string column_list(const std::vector<std::string>& names) const {
    std::vector<std::string> q;
    for (const auto& n : names) q.push_back(quote_identifier(n));
    return join(q, ", ");
  }

  // Maps a generic type to this dialect's SQL; anything not generic is passed through as written.
  virtual std::string map_type(const TypeSpec& t) const {
    const std::string& n = t.name;
    if (n == "integer") return "INTEGER";
    if (n == "bigint") return "BIGINT";
    if (n == "smallint") return "SMALLINT";
    if (n == "boolean") return "BOOLEAN";
    if (n == "float") return "FLOAT";
    if (n == "double") return "DOUBLE PRECISION";
    if (n == "numeric") return t.with_params("NUMERIC");
    if (n == "string") return t.with_params("VARCHAR");
    if (n == "text") return "TEXT";
    if (n == "date") return "DATE";
    if (n == "time") return "TIME";
    if (n == "datetime" || n == "timestamp") return "TIMESTAMP";
    if (n == "timestamptz") return "TIMESTAMP WITH TIME ZONE";
    if (n == "binary") return "BLOB";
    if (n == "json") return "JSON";
    if (n == "uuid") return "CHAR(36)";
    return t.written;
  }

  virtual std::string render_boolean(bool b) const { return b ? "TRUE" : "FALSE"; }
  // A server_default given as { sql = "..." }, as the dialect's DEFAULT clause needs it.
  virtual std::string default_expression(const std::string& sql) const { return sql; }

  // A server_default: a literal value, or { sql = "..." } for an expression.
  std::string default_value(const Value& v) const {
    switch (v.type()) {
      case RETORT_VALUE_TABLE:
        return default_expression(v["sql"].str());
      case RETORT_VALUE_STRING:
        return quote_literal(v.str());
      case RETORT_VALUE_INTEGER:
        return std::to_string(v.integer());
      case RETORT_VALUE_FLOAT:
        return format_double(v.number());
      case RETORT_VALUE_BOOLEAN:
        return render_boolean(v.boolean());
      default:
        throw Failure("server_default must be a literal or { sql = \"...\" }");
    }
  }

  // The column definition inside CREATE TABLE or ADD COLUMN. `inline_pk` is set when the column alone
  // is the table's primary key and the dialect may say so on the column.
  virtual std::string column_definition(const Value& col, bool inline_pk) const {
    std::string def = quote_identifier(col["name"].str()) + " " + map_type(TypeSpec::parse(col["type"].str()));
    if (!col.get_bool("nullable", true) || inline_pk) def += " NOT NULL";
    if (col["server_default"].present()) def += " DEFAULT " + default_value(col["server_default"]);
    if (inline_pk) def += " PRIMARY KEY";
    if (col.get_bool("unique", false)) def += " UNIQUE";
    return def;
  }

  static std::vector<std::string> primary_key_columns(const Value& args) {
    if (args["primary_key"].present()) return args.get_strings("primary_key");
    std::vector<std::string> pk;
    Value cols = args["columns"];
    for (size_t i = 0; i < cols.size(); ++i)
      if (cols.at(i).get_bool("primary_key", false)) pk.push_back(cols.at(i)["name"].str());
    return pk;
  }

  virtual std::string foreign_key_clause(const Value& fk) const {
    std::string s;
    if (fk["name"].present()) s += "CONSTRAINT " + quote_identifier(fk["name"].str()) + " ";
    s += "FOREIGN KEY(" + column_list(fk.get_strings("columns")) + ") REFERENCES " +
         qualified(fk.get_string("ref_schema"), fk["ref_table"].str()) + " (" +
         column_list(fk.get_strings("ref_columns")) + ")";
    if (fk["ondelete"].present()) s += " ON DELETE " + fk["ondelete"].str();
    if (fk["onupdate"].present()) s += " ON UPDATE " + fk["onupdate"].str();
    return s;
  }

  // The column that declares the primary key on itself (SQLite's INTEGER PRIMARY KEY AUTOINCREMENT),
  // or "" to declare it as a table constraint.
  virtual std::string inline_primary_key(const Value& /*args*/, const std::vector<std::string>& /*pk*/) const {
    return "";
  }

  static Value find_column(const Value& cols, const std::string& name) {
    for (size_t i = 0; i < cols.size(); ++i)
      if (cols.at(i)["name"].str() == name) return cols.at(i);
    return Value();
  }

  virtual std::vector<std::string> create_table(const Value& args) const {
    std::vector<std::string> parts;
    Value cols = args["columns"];
    std::vector<std::string> pk = primary_key_columns(args);
    std::string inline_pk = inline_primary_key(args, pk);
    for (size_t i = 0; i < cols.size(); ++i)
      parts.push_back(column_definition(cols.at(i), !inline_pk.empty() && cols.at(i)["name"].str() == inline_pk));
    if (!pk.empty() && inline_pk.empty()) parts.push_back("PRIMARY KEY (" + column_list(pk) + ")");
    Value uniques = args["unique"];
    for (size_t i = 0; i < uniques.size(); ++i) {
      Value u = uniques.at(i);
      std::string s = u["name"].present() ? "CONSTRAINT " + quote_identifier(u["name"].str()) + " " : "";
      parts.push_back(s + "UNIQUE (" + column_list(u.get_strings("columns")) + ")");
    }
    Value checks = args["checks"];
    for (size_t i = 0; i < checks.size(); ++i) {
      Value c = checks.at(i);
      std::string s = c["name"].present() ? "CONSTRAINT " + quote_identifier(c["name"].str()) + " " : "";
      parts.push_back(s + "CHECK (" + c["sql"].str() + ")");
    }
    Value fks = args["foreign_keys"];
    for (size_t i = 0; i < fks.size(); ++i) parts.push_back(foreign_key_clause(fks.at(i)));
    std::vector<std::string> out = {"CREATE TABLE " + table_name(args) + " (\n    " + join(parts, ",\n    ") + "\n)" +
                                    table_options(args)};
    if (args["comment"].present()) {
      auto c = table_comment(args, args["comment"].str());
      out.insert(out.end(), c.begin(), c.end());
    }
    for (size_t i = 0; i < cols.size(); ++i) {
      if (!cols.at(i)["comment"].present()) continue;
      auto c = column_comment(args, cols.at(i)["name"].str(), cols.at(i)["comment"].str());
      out.insert(out.end(), c.begin(), c.end());
    }
    return out;
  }

  // Text after CREATE TABLE's closing parenthesis (MySQL's COMMENT=...).
  virtual std::string table_options(const Value& /*args*/) const { return ""; }
  // Statements that set a table's comment; none where a dialect keeps no comments.
  virtual std::vector<std::string> table_comment(const Value& /*args*/, const std::string& /*comment*/) const {
    return {};
  }
  // create_table_comment and drop_table_comment (`comment` empty): a table that already exists. The same as
  // table_comment unless the dialect gives CREATE TABLE its comment another way (as an option).
  virtual std::vector<std::string> alter_table_comment(const Value& args, const std::string& comment) const {
    return table_comment(args, comment);
  }

  virtual std::vector<std::string> add_column(const Value& args, const Session& /*session*/) const {
    Value col = args["column"];
    std::vector<std::string> out = {"ALTER TABLE " + table_name(args) + " ADD COLUMN " + column_definition(col, false)};
    if (col["comment"].present()) {
      auto c = column_comment(args, col["name"].str(), col["comment"].str());
      out.insert(out.end(), c.begin(), c.end());
    }
    return out;
  }

  virtual std::vector<std::string> drop_column(const Value& args, const Session& /*session*/) const {
    return {"ALTER TABLE " + table_name(args) + " DROP COLUMN " + quote_identifier(args["column"].str())};
  }

  virtual std::vector<std::string> rename_table(const Value& args) const {
    return {"ALTER TABLE " + table_name(args) + " RENAME TO " + quote_identifier(args["new_name"].str())};
  }

  // server_default = { sql = "" } removes a default.
  static bool drops_default(const Value& v) { return v.is_table() && v["sql"].present() && v["sql"].str().empty(); }

  // One statement per change, the rename last so the others still name the old column.
  virtual std::vector<std::string> alter_column(const Value& args, const Session& /*session*/) const {
    const std::string prefix = "ALTER TABLE " + table_name(args) + " ALTER COLUMN " + quote_identifier(args["column"].str());
    std::vector<std::string> out;
    if (args["type"].present()) out.push_back(prefix + " TYPE " + map_type(TypeSpec::parse(args["type"].str())));
    if (args["nullable"].present()) out.push_back(prefix + (args["nullable"].boolean() ? " DROP NOT NULL" : " SET NOT NULL"));
    if (args["server_default"].present())
      out.push_back(drops_default(args["server_default"]) ? prefix + " DROP DEFAULT"
                                                          : prefix + " SET DEFAULT " + default_value(args["server_default"]));
    if (args["comment"].present()) {
      auto c = column_comment(args, args["column"].str(), args["comment"].str());
      out.insert(out.end(), c.begin(), c.end());
    }
    if (args["new_name"].present())
      out.push_back("ALTER TABLE " + table_name(args) + " RENAME COLUMN " + quote_identifier(args["column"].str()) +
                    " TO " + quote_identifier(args["new_name"].str()));
    return out;
  }

  // Statements that set a column's comment; none where a dialect keeps no comments.
  virtual std::vector<std::string> column_comment(const Value& /*args*/, const std::string& /*column*/,
                                                  const std::string& /*comment*/) const {
    return {};
  }

  // "CONSTRAINT name PRIMARY KEY (...)" and friends, for ALTER TABLE ... ADD.
  std::string constraint_clause(const std::string& op, const Value& args) const {
    if (op == "create_foreign_key") return foreign_key_clause(args);
    std::string s = "CONSTRAINT " + quote_identifier(args["name"].str());
    if (op == "create_primary_key") return s + " PRIMARY KEY (" + column_list(args.get_strings("columns")) + ")";
    if (op == "create_unique_constraint") return s + " UNIQUE (" + column_list(args.get_strings("columns")) + ")";
    return s + " CHECK (" + args["sql"].str() + ")";
  }

  virtual std::vector<std::string> add_constraint(const std::string& op, const Value& args,
                                                  const Session& /*session*/) const {
    return {"ALTER TABLE " + table_name(args) + " ADD " + constraint_clause(op, args)};
  }

  virtual std::vector<std::string> drop_constraint(const Value& args, const Session& /*session*/) const {
    return {"ALTER TABLE " + table_name(args) + " DROP CONSTRAINT " + quote_identifier(args["name"].str())};
  }

  // A value of a bulk_insert row as a SQL literal.
  std::string literal(const Value& v) const {
    switch (v.type()) {
      case RETORT_VALUE_STRING: return quote_literal(v.str());
      case RETORT_VALUE_INTEGER: return std::to_string(v.integer());
      case RETORT_VALUE_FLOAT: return format_double(v.number());
      case RETORT_VALUE_BOOLEAN: return render_boolean(v.boolean());
      default: throw Failure("bulk_insert values must be strings, numbers, booleans or dates");
    }
  }

  // One multi-row INSERT per run of rows with the same columns, in the order the rows were written.
  virtual std::vector<std::string> bulk_insert(const Value& args) const {
    std::vector<std::string> out;
    Value rows = args["rows"];
    std::vector<std::string> columns, values;
    auto flush = [&] {
      if (values.empty()) return;
      out.push_back("INSERT INTO " + table_name(args) + " (" + column_list(columns) + ") VALUES " + join(values, ", "));
      values.clear();
    };
    for (size_t i = 0; i < rows.size(); ++i) {
      Value row = rows.at(i);
      std::vector<std::string> keys, literals;
      for (size_t k = 0; k < row.size(); ++k) {
        keys.push_back(row.key_at(k));
        literals.push_back(literal(row.at(k)));
      }
      if (keys != columns) {
        flush();
        columns = keys;
      }
      values.push_back("(" + join(literals, ", ") + ")");
    }
    flush();
    return out;
  }

  // An expression in an index's column list, parenthesised: PostgreSQL takes anything but a function call
  // there only in parentheses, MySQL 8 nothing else, and SQLite takes it either way.
  virtual std::string index_expression(const std::string& sql) const { return "(" + sql + ")"; }

  // create_index's columns: each a column name (quoted) or { sql = "..." } (an expression, as written).
  std::string index_elements(const Value& args) const {
    Value columns = args["columns"];
    if (columns.is_string()) return quote_identifier(columns.str());
    std::vector<std::string> parts;
    for (size_t i = 0; i < columns.size(); ++i) {
      Value e = columns.at(i);
      parts.push_back(e.is_table() ? index_expression(e["sql"].str()) : quote_identifier(e.str()));
    }
    return join(parts, ", ");
  }

  // Whether any of create_index's columns is an expression.
  static bool has_index_expression(const Value& args) {
    Value columns = args["columns"];
    if (!columns.is_array()) return false;
    for (size_t i = 0; i < columns.size(); ++i)
      if (columns.at(i).is_table()) return true;
    return false;
  }

  virtual std::string create_index(const Value& args) const {
    std::string s = args.get_bool("unique", false) ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
    s += qualified(args, "name") + " ON " + table_name(args) + " (" + index_elements(args) + ")";
    if (args["where"].present()) s += " WHERE " + args["where"].str();
    return s;
  }

  virtual std::string drop_index(const Value& args) const { return "DROP INDEX " + qualified(args, "name"); }
};

}  // namespace retort::sdk
