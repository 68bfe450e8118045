#include "mysql_dialect.hpp"

#include <algorithm>
#include <optional>

#include "mysql_fingerprint.hpp"
#include "mysql_quote.hpp"

namespace retort::mysql {

using sdk::Failure;
using sdk::NeedsLiveDatabase;
using sdk::Session;
using sdk::TypeSpec;
using sdk::Value;

std::string MysqlDialect::quote_identifier(const std::string& name) const { return mysql::quote_identifier(name); }

std::string MysqlDialect::quote_literal(const std::string& text) const { return mysql::quote_literal(text); }

void MysqlDialect::check_operation(const std::string& op, const Value& args) const {
  if (op == "create_index" && args["where"].present())
    throw Failure("MySQL has no partial indexes ('where'); drop 'where' or use a generated column");
  // MySQL 8.0.13 indexes expressions; MariaDB (10.11 included) does not, and this dialect serves both
  // without knowing, before anything runs, which server it will meet. Refused here rather than left to
  // the server: MySQL commits DDL as it goes, so a failure there would leave the revision half applied,
  // and `retort check` catches this one offline.
  if (op == "create_index" && has_index_expression(args))
    throw Failure("MariaDB has no expression indexes ({ sql = \"...\" } in 'columns'), and the mysql dialect serves "
                  "MariaDB and MySQL alike; index a generated column instead (add it with an execute such as "
                  "ALTER TABLE t ADD COLUMN email_lower VARCHAR(255) AS (lower(email)) VIRTUAL), or on MySQL 8 only, "
                  "write the CREATE INDEX in an execute");
  auto check_type = [&](const Value& type, const std::string& column) {
    if (!type.present()) return;
    TypeSpec t = TypeSpec::parse(type.str());
    if (t.name == "string" && t.params.empty())
      throw Failure("column '" + column + "': MySQL needs a length for strings, e.g. string(255)");
  };
  if (op == "create_table") {
    Value cols = args["columns"];
    for (size_t i = 0; i < cols.size(); ++i) check_type(cols.at(i)["type"], cols.at(i)["name"].str());
  } else if (op == "add_column") {
    check_type(args["column"]["type"], args["column"]["name"].str());
  } else if (op == "alter_column") {
    check_type(args["type"], args["column"].str());
    check_type(args["existing"]["type"], args["column"].str());  // offline, CHANGE COLUMN may restate it
  }
}

std::vector<std::string> MysqlDialect::render_statement(retort_statement_kind kind,
                                                        const std::vector<std::string>& args) const {
  if (kind == RETORT_STMT_DATABASE_CREATE && args.size() >= 2) return {"CREATE DATABASE " + quote_identifier(args[1])};
  // Sessions still using the database do not hold it: their next statement fails.
  if (kind == RETORT_STMT_DATABASE_DROP && args.size() >= 2)
    return {"DROP DATABASE IF EXISTS " + quote_identifier(args[1])};
  if (kind == RETORT_STMT_DATABASE_LIST && args.size() >= 2)
    return {"SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE LEFT(SCHEMA_NAME, " +
            std::to_string(args[1].size()) + ") = " + quote_literal(args[1])};
  // IS_USED_LOCK names the holder's connection; PROCESSLIST shows what it is doing to a user who may see it
  // (with the PROCESS privilege, or the same user), else only its id is known.
  if (kind == RETORT_STMT_LOCK_HOLDER && args.size() >= 2)
    return {"SELECT CONCAT('connection ', h.id), CONCAT('user ', p.USER), CONCAT('from ', p.HOST), "
            "CONCAT('database ', p.DB), CASE WHEN p.COMMAND = 'Sleep' THEN CONCAT('idle for ', p.TIME, ' s') "
            "ELSE CONCAT('running ', LOWER(p.COMMAND), ' for ', p.TIME, ' s') END "
            "FROM (SELECT IS_USED_LOCK(" + lock_name(args[0], args[1]) + ") AS id) h "
            "LEFT JOIN information_schema.PROCESSLIST p ON p.ID = h.id WHERE h.id IS NOT NULL"};
  if (kind == RETORT_STMT_SCHEMA_FINGERPRINT && !args.empty())
    return {schema_fingerprint_query(schema_expression(args[0]))};
  // DDL commits implicitly, so an offline script has no transaction to open.
  if (kind == RETORT_STMT_BEGIN || kind == RETORT_STMT_COMMIT) return {};
  return SqlDialect::render_statement(kind, args);
}

retort_lock_outcome MysqlDialect::lock(const sdk::Session& session, const std::string& schema, const std::string& name,
                                       int timeout_seconds) const {
  const auto rows = session.query("SELECT GET_LOCK(" + lock_name(schema, name) + ", " +
                                  std::to_string(std::max(timeout_seconds, 0)) + ")");
  const auto& answer = rows.empty() || rows[0].empty() ? std::optional<std::string>() : rows[0][0];
  if (!answer) throw sdk::Failure("GET_LOCK(" + name + ") failed on the server");
  return *answer == "1" ? RETORT_LOCK_GRANTED : RETORT_LOCK_TIMED_OUT;
}

void MysqlDialect::unlock(const sdk::Session& session, const std::string& schema, const std::string& name) const {
  session.query("SELECT RELEASE_LOCK(" + lock_name(schema, name) + ")");
}

// The schema as SQL: the named database, or the connection's current one.
std::string MysqlDialect::schema_expression(const std::string& schema) const {
  return schema.empty() ? std::string("DATABASE()") : quote_literal(schema);
}

// GET_LOCK names are server-wide and at most 64 characters: the name is made unique per database
// (schema) by hashing it with the database's name.
std::string MysqlDialect::lock_name(const std::string& schema, const std::string& name) const {
  return "CONCAT('retort:', SHA1(CONCAT(" + schema_expression(schema) + ", '/', " + quote_literal(name) + ")))";
}

std::string MysqlDialect::table_exists_query(const std::string& schema, const std::string& table) const {
  return "SELECT 1 FROM information_schema.tables WHERE table_name = " + quote_literal(table) +
         " AND table_schema = " + schema_expression(schema);
}

std::string MysqlDialect::map_type(const TypeSpec& t) const {
  const std::string& n = t.name;
  if (n == "boolean") return "BOOL";
  if (n == "double") return "DOUBLE";
  if (n == "datetime" || n == "timestamptz") return "DATETIME";
  if (n == "timestamp") return "TIMESTAMP NULL";
  if (n == "uuid") return "CHAR(36)";
  return SqlDialect::map_type(t);
}

std::string MysqlDialect::column_definition(const Value& col, bool inline_pk) const {
  std::string def = SqlDialect::column_definition(col, inline_pk);
  if (col.get_bool("autoincrement", false)) def += " AUTO_INCREMENT";
  if (col["comment"].present()) def += " COMMENT " + quote_literal(col["comment"].str());
  return def;
}

std::string MysqlDialect::table_options(const Value& args) const {
  return args["comment"].present() ? " COMMENT=" + quote_literal(args["comment"].str()) : "";
}

// An empty comment is MySQL's "no comment".
std::vector<std::string> MysqlDialect::alter_table_comment(const Value& args, const std::string& comment) const {
  return {"ALTER TABLE " + table_name(args) + " COMMENT = " + quote_literal(comment)};
}

namespace {

// information_schema.COLUMN_DEFAULT as SQL: MariaDB reports an expression (strings already quoted,
// functions with parentheses), MySQL the bare value; numbers need no quotes either way.
std::string reported_default(const std::string& raw, const MysqlDialect& d) {
  bool expression = !raw.empty() && (raw.front() == '\'' || raw.find('(') != std::string::npos || raw == "NULL" ||
                                     raw.find_first_not_of("0123456789.-") == std::string::npos);
  return expression ? raw : d.quote_literal(raw);
}

}  // namespace

// The column as CHANGE COLUMN restates it, read from information_schema: what the live column is,
// whatever the revision's `existing` says.
MysqlDialect::ColumnSql MysqlDialect::live_column(const Value& args, const Session& session) const {
  const std::string column = args["column"].str();
  auto rows = session.query(
      "SELECT COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, COLUMN_COMMENT, EXTRA FROM information_schema.columns "
      "WHERE table_schema = " + schema_expression(args.get_string("schema")) +
      " AND table_name = " + quote_literal(args["table"].str()) + " AND column_name = " + quote_literal(column));
  if (rows.empty()) throw Failure("no column " + column + " in table " + args["table"].str());
  const auto& r = rows.front();
  ColumnSql c;
  c.type = r[0].value_or("");
  c.nullable = r[1].value_or("YES") == "YES" ? " NULL" : " NOT NULL";
  // MariaDB reports "no default" on a nullable column as the expression NULL; restating it as DEFAULT
  // NULL would make a column that is becoming NOT NULL invalid (error 1067).
  if (r[2] && *r[2] != "NULL") c.default_clause = " DEFAULT " + reported_default(*r[2], *this);
  if (r[3]) c.comment = *r[3];
  if (r[4] && r[4]->find("auto_increment") != std::string::npos) c.extra = " AUTO_INCREMENT";
  return c;
}

// Offline there is no information_schema to read. With `existing`, the change and `existing` together
// must give the whole column, so nothing is dropped by accident; without it, the change must give type
// and nullable, and a default or comment it does not give is dropped (as Alembic without existing_*).
MysqlDialect::ColumnSql MysqlDialect::offline_column(const Value& args) const {
  Value existing = args["existing"];
  if (!existing.present()) {
    if (!args["type"].present() || !args["nullable"].present())
      throw NeedsLiveDatabase("offline (--sql), alter_column on MySQL needs both 'type' and 'nullable', or "
                              "'existing' with the column's definition before the change: MySQL restates the "
                              "whole column, and without the live database retort cannot read the parts you "
                              "leave out");
    return {};
  }
  std::vector<std::string> missing;
  for (const char* field : {"type", "nullable", "server_default", "comment"})
    if (!args[field].present() && !existing[field].present()) missing.push_back(std::string("existing.") + field);
  if (!missing.empty())
    throw NeedsLiveDatabase("offline (--sql), alter_column on MySQL restates the whole column, and 'existing' does "
                            "not give all of what the change keeps: add " + sdk::join(missing, ", ") +
                            " (server_default = { sql = \"\" } and comment = \"\" say there is none)");
  ColumnSql c;
  if (existing["type"].present()) c.type = map_type(TypeSpec::parse(existing["type"].str()));
  if (existing["nullable"].present()) c.nullable = existing["nullable"].boolean() ? " NULL" : " NOT NULL";
  if (existing["server_default"].present() && !drops_default(existing["server_default"]))
    c.default_clause = " DEFAULT " + default_value(existing["server_default"]);
  c.comment = existing.get_string("comment");
  if (existing.get_bool("autoincrement", false)) c.extra = " AUTO_INCREMENT";
  return c;
}

// MySQL changes nullability, type and comment only by restating the whole column (CHANGE COLUMN): the
// parts not being changed come from the live column, or offline from `existing`, so they survive.
std::string MysqlDialect::change_column(const Value& args, const Session& session) const {
  const std::string column = args["column"].str();
  ColumnSql c = session.online() ? live_column(args, session) : offline_column(args);
  if (args["type"].present()) c.type = map_type(TypeSpec::parse(args["type"].str()));
  if (args["nullable"].present()) c.nullable = args["nullable"].boolean() ? " NULL" : " NOT NULL";
  if (args["server_default"].present())
    c.default_clause = drops_default(args["server_default"]) ? "" : " DEFAULT " + default_value(args["server_default"]);
  if (args["comment"].present()) c.comment = args["comment"].str();
  std::string target = args["new_name"].present() ? args["new_name"].str() : column;
  return "ALTER TABLE " + table_name(args) + " CHANGE COLUMN " + quote_identifier(column) + " " +
         quote_identifier(target) + " " + c.type + c.nullable + c.default_clause + c.extra +
         (c.comment.empty() ? "" : " COMMENT " + quote_literal(c.comment));
}

std::vector<std::string> MysqlDialect::alter_column(const Value& args, const Session& session) const {
  if (args["type"].present() || args["nullable"].present() || args["comment"].present())
    return {change_column(args, session)};
  const std::string table = table_name(args);
  const std::string column = args["column"].str();
  std::vector<std::string> out;
  const std::string prefix = "ALTER TABLE " + table + " ALTER COLUMN " + quote_identifier(column);
  if (args["server_default"].present())
    out.push_back(drops_default(args["server_default"]) ? prefix + " DROP DEFAULT"
                                                        : prefix + " SET DEFAULT " + default_value(args["server_default"]));
  if (args["new_name"].present())
    out.push_back("ALTER TABLE " + table + " RENAME COLUMN " + quote_identifier(column) + " TO " +
                  quote_identifier(args["new_name"].str()));
  return out;
}

// An unqualified new name would move the table into the connection's current database.
std::vector<std::string> MysqlDialect::rename_table(const Value& args) const {
  return {"ALTER TABLE " + table_name(args) + " RENAME TO " + qualified(args, "new_name")};
}

std::vector<std::string> MysqlDialect::drop_constraint(const Value& args, const Session& session) const {
  const std::string type = args["type"].str();
  const std::string name = args["name"].str();
  const std::string prefix = "ALTER TABLE " + table_name(args) + " DROP ";
  if (type == "primary") return {prefix + "PRIMARY KEY"};
  if (type == "unique") return {prefix + "INDEX " + quote_identifier(name)};
  if (type == "foreignkey") {
    std::vector<std::string> out = {prefix + "FOREIGN KEY " + quote_identifier(name)};
    // InnoDB gives a foreign key without a usable index one of its own, named after the constraint, and
    // keeps it when the key is dropped. Online it is dropped too, so dropping the key undoes creating it.
    if (session.online()) {
      auto rows = session.query("SELECT 1 FROM information_schema.statistics WHERE table_schema = " +
                                schema_expression(args.get_string("schema")) +
                                " AND table_name = " + quote_literal(args["table"].str()) +
                                " AND index_name = " + quote_literal(name) + " LIMIT 1");
      if (!rows.empty()) out.push_back(prefix + "INDEX " + quote_identifier(name));
    }
    return out;
  }
  return {prefix + "CONSTRAINT " + quote_identifier(name)};
}

std::string MysqlDialect::create_index(const Value& args) const {
  std::string s = args.get_bool("unique", false) ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
  return s + quote_identifier(args["name"].str()) + " ON " + table_name(args) + " (" + index_elements(args) + ")";
}

std::string MysqlDialect::drop_index(const Value& args) const {
  return "DROP INDEX " + quote_identifier(args["name"].str()) + " ON " + table_name(args);
}

}  // namespace retort::mysql
