// The catalog queries the PostgreSQL inspector runs: one per kind of object, each over every table of the
// inspected schema at once, so the cost of an inspection does not grow with round trips per table.
//
// Every query starts from the same set of tables (ordinary and partitioned ones of one schema) and keys its
// rows by the table's oid. Results are read as text cells, the same through libpq and psqlODBC, so no
// query returns an array (whose text form would need parsing): a list comes back as one row per element,
// in order. No query text contains '?', '{' or a comment, which an ODBC driver may take for its own syntax.
// They hold for PostgreSQL 12 and later (attgenerated is the newest column read).
#pragma once

#include <string>

namespace retort::postgresql::catalog {

// The SQL expression naming the inspected schema: current_schema() for "", else the name as a literal.
std::string schema_expression(const std::string& schema);

// Rows: table oid, table name, table comment (NULL when none).
std::string tables_query(const std::string& schema_expr);

// Rows in column order per table: table oid, name, type as format_type() spells it, not null, identity,
// generated, default expression (NULL when none), comment (NULL when none), serial (the default is nextval
// of a sequence owned by this very column).
std::string columns_query(const std::string& schema_expr);

// Primary key, unique and foreign key constraints, one row per key column in key order: table oid,
// constraint oid, name, contype (p, u, f), column, referenced column, referenced table, referenced
// table's schema, whether that schema is the inspected one, on delete and on update action codes.
std::string keys_query(const std::string& schema_expr);

// Check constraints: table oid, name, the expression inside CHECK (...).
std::string checks_query(const std::string& schema_expr);

// Indexes that back no primary key, unique or exclusion constraint, one row per key element in order:
// table oid, index oid, index name, unique, column (NULL for an expression), expression (NULL for a
// column), predicate (NULL unless partial).
std::string indexes_query(const std::string& schema_expr);

}  // namespace retort::postgresql::catalog
