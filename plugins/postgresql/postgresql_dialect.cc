#include "postgresql_dialect.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "postgresql_catalog.hpp"
#include "postgresql_fingerprint.hpp"

namespace retort::postgresql {

using sdk::TypeSpec;
using sdk::Value;

std::vector<std::string> PostgresqlDialect::render_statement(retort_statement_kind kind,
                                                             const std::vector<std::string>& args) const {
  if (kind == RETORT_STMT_DATABASE_CREATE && args.size() >= 2) return {"CREATE DATABASE " + quote_identifier(args[1])};
  // WITH (FORCE) (PostgreSQL 13) ends the sessions still connected, which would otherwise block the drop.
  if (kind == RETORT_STMT_DATABASE_DROP && args.size() >= 2)
    return {"DROP DATABASE IF EXISTS " + quote_identifier(args[1]) + " WITH (FORCE)"};
  if (kind == RETORT_STMT_DATABASE_LIST && args.size() >= 2)
    return {"SELECT datname FROM pg_database WHERE left(datname, " + std::to_string(args[1].size()) +
            ") = " + quote_literal(args[1])};
  if (kind == RETORT_STMT_LOCK_HOLDER && args.size() >= 2) return {lock_holder_query(args[1])};
  if (kind == RETORT_STMT_SCHEMA_FINGERPRINT && !args.empty())
    return {schema_fingerprint_query(catalog::schema_expression(args[0]))};
  return SqlDialect::render_statement(kind, args);
}

namespace {

std::string utc_text(const std::string& column) {
  return "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";
}

}  // namespace

// The session holding the advisory lock of `name`, from pg_locks and pg_stat_activity. pg_locks shows a
// bigint key as its high half (classid) and low half (objid) with objsubid 1. Cells another role may not
// see (client_addr, the times) are NULL then, and left out.
std::string PostgresqlDialect::lock_holder_query(const std::string& name) const {
  const std::string key = "hashtext(" + quote_literal(name) + ")::bigint";
  return "SELECT 'pid ' || a.pid, "
         "CASE WHEN a.application_name <> '' THEN 'application ''' || a.application_name || '''' END, "
         "'user ' || a.usename, 'client ' || host(a.client_addr), "
         "'connected since ' || " + utc_text("a.backend_start") + ", "
         "CASE a.state WHEN 'active' THEN 'running a statement since ' || " + utc_text("a.query_start") +
         " WHEN 'idle' THEN 'idle since ' || " + utc_text("a.state_change") +
         " WHEN 'idle in transaction' THEN 'idle in a transaction since ' || " + utc_text("a.state_change") + " END "
         "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
         "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
         "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
         "AND l.classid::bigint = ((" + key + " >> 32) & 4294967295) AND l.objid::bigint = (" + key +
         " & 4294967295) LIMIT 1";
}

// Advisory locks are keyed by a number; hashtext() turns the lock name into one. Trying in a loop, rather
// than waiting under lock_timeout, tells a timeout from a failure without reading error codes.
retort_lock_outcome PostgresqlDialect::lock(const sdk::Session& session, const std::string& /*schema*/,
                                            const std::string& name, int timeout_seconds) const {
  const std::string sql = "SELECT pg_try_advisory_lock(hashtext(" + quote_literal(name) + "))";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(std::max(timeout_seconds, 0));
  for (;;) {
    const auto rows = session.query(sql);
    const std::string answer = rows.empty() || rows[0].empty() || !rows[0][0] ? "" : *rows[0][0];
    if (answer == "t" || answer == "1" || answer == "true") return RETORT_LOCK_GRANTED;
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return RETORT_LOCK_TIMED_OUT;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(deadline - now, std::chrono::milliseconds(100)));
  }
}

void PostgresqlDialect::unlock(const sdk::Session& session, const std::string& /*schema*/, const std::string& name) const {
  session.query("SELECT pg_advisory_unlock(hashtext(" + quote_literal(name) + "))");
}

std::string PostgresqlDialect::table_exists_query(const std::string& schema, const std::string& table) const {
  return "SELECT 1 FROM information_schema.tables WHERE table_name = " + quote_literal(table) +
         " AND table_schema = " + (schema.empty() ? std::string("current_schema()") : quote_literal(schema));
}

std::string PostgresqlDialect::map_type(const TypeSpec& t) const {
  const std::string& n = t.name;
  if (n == "float") return "REAL";
  if (n == "time") return "TIME WITHOUT TIME ZONE";
  if (n == "datetime" || n == "timestamp") return "TIMESTAMP WITHOUT TIME ZONE";
  if (n == "binary") return "BYTEA";
  if (n == "uuid") return "UUID";
  return SqlDialect::map_type(t);
}

std::string PostgresqlDialect::column_definition(const Value& col, bool inline_pk) const {
  if (col.get_bool("autoincrement", false)) {
    // SERIAL is an integer column with its own sequence as default.
    TypeSpec t = TypeSpec::parse(col["type"].str());
    std::string serial = t.name == "bigint" ? "BIGSERIAL" : t.name == "smallint" ? "SMALLSERIAL" : "SERIAL";
    std::string def = quote_identifier(col["name"].str()) + " " + serial + " NOT NULL";
    if (inline_pk) def += " PRIMARY KEY";
    if (col.get_bool("unique", false)) def += " UNIQUE";
    return def;
  }
  return SqlDialect::column_definition(col, inline_pk);
}

std::vector<std::string> PostgresqlDialect::column_comment(const Value& args, const std::string& column,
                                                           const std::string& comment) const {
  return {"COMMENT ON COLUMN " + table_name(args) + "." + quote_identifier(column) + " IS " + comment_text(comment)};
}

std::vector<std::string> PostgresqlDialect::table_comment(const Value& args, const std::string& comment) const {
  return {"COMMENT ON TABLE " + table_name(args) + " IS " + comment_text(comment)};
}

// An empty comment removes it. PostgreSQL would take '' to mean that too; NULL says so.
std::string PostgresqlDialect::comment_text(const std::string& comment) const {
  return comment.empty() ? "NULL" : quote_literal(comment);
}

// An index lives in its table's schema, so its own name is never qualified.
std::string PostgresqlDialect::create_index(const Value& args) const {
  std::string s = args.get_bool("unique", false) ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
  s += quote_identifier(args["name"].str()) + " ON " + table_name(args) + " (" + index_elements(args) + ")";
  if (args["where"].present()) s += " WHERE " + args["where"].str();
  return s;
}

}  // namespace retort::postgresql
