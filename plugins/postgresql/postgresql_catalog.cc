#include "postgresql_catalog.hpp"

namespace retort::postgresql::catalog {
namespace {

// The tables every query reports on: partitions count as the ordinary tables they are; views, foreign
// tables, sequences and other schemas' tables do not.
std::string with_inspected_tables(const std::string& schema_expr) {
  return "WITH inspected AS (SELECT c.oid, c.relname, c.relnamespace FROM pg_catalog.pg_class c "
         "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
         "WHERE n.nspname = " + schema_expr + " AND c.relkind IN ('r', 'p')) ";
}

// Whether the default of column `a` (attrdef `ad`) is exactly nextval() of a sequence that column owns
// (SERIAL, or OWNED BY): the ownership is the sequence's 'a' dependency on the column; the text must be the
// whole default, as the server deparses a regclass constant (quote_literal's spelling differs only when
// the name holds a backslash, so both are accepted). An identity column's sequence depends on it with 'i'
// and has no default at all.
constexpr const char* kOwnedSequenceDefault =
    "(ad.oid IS NOT NULL AND EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep "
    "JOIN pg_catalog.pg_class s ON s.oid = dep.objid AND s.relkind = 'S' "
    "WHERE dep.classid = 'pg_catalog.pg_class'::pg_catalog.regclass "
    "AND dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass "
    "AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'a' "
    "AND pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) = ANY (ARRAY["
    "'nextval(' || pg_catalog.quote_literal(s.oid::pg_catalog.regclass::text) || '::regclass)', "
    "'nextval(''' || pg_catalog.replace(s.oid::pg_catalog.regclass::text, '''', '''''') || '''::regclass)'])))";

// The comment of a table (subid 0) or of its column number subid, as `d`. A join, not obj_description()
// or col_description(): those are SQL functions run once per row, which costs a third of the columns
// query on a schema of 200 tables.
std::string comment_join(const std::string& relid, const std::string& subid) {
  return "LEFT JOIN pg_catalog.pg_description d ON d.objoid = " + relid +
         " AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objsubid = " + subid;
}

}  // namespace

std::string schema_expression(const std::string& schema) {
  if (schema.empty()) return "pg_catalog.current_schema()";
  // An escape string literal reads the same whatever standard_conforming_strings says.
  std::string out = "E'";
  for (char c : schema) {
    if (c == '\'' || c == '\\') out += c;
    out += c;
  }
  return out + "'";
}

std::string tables_query(const std::string& schema_expr) {
  return with_inspected_tables(schema_expr) +
         "SELECT t.oid, t.relname, d.description FROM inspected t " + comment_join("t.oid", "0");
}

std::string columns_query(const std::string& schema_expr) {
  return with_inspected_tables(schema_expr) +
         "SELECT a.attrelid, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, "
         "a.attidentity <> '', a.attgenerated <> '', pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), "
         "d.description, " +
         std::string(kOwnedSequenceDefault) +
         " FROM inspected t JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid "
         "LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum " +
         comment_join("a.attrelid", "a.attnum") +
         " WHERE a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum";
}

std::string keys_query(const std::string& schema_expr) {
  // conkey and confkey pair up by position; WITH ORDINALITY keeps the key order.
  return with_inspected_tables(schema_expr) +
         "SELECT con.conrelid, con.oid, con.conname, con.contype, a.attname, fa.attname, rc.relname, rn.nspname, "
         "rc.relnamespace = t.relnamespace, con.confdeltype, con.confupdtype "
         "FROM inspected t JOIN pg_catalog.pg_constraint con ON con.conrelid = t.oid "
         "CROSS JOIN LATERAL pg_catalog.unnest(con.conkey) WITH ORDINALITY AS k(attnum, pos) "
         "JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum "
         "LEFT JOIN pg_catalog.pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = con.confkey[k.pos] "
         "LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid "
         "LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace "
         "WHERE con.contype IN ('p', 'u', 'f') ORDER BY con.oid, k.pos";
}

std::string checks_query(const std::string& schema_expr) {
  // Only contype 'c': NOT NULL is a column property here (and its own contype 'n' from PostgreSQL 18 on).
  // The expression is pg_get_expr() of conbin, pretty: the very text pg_get_constraintdef(oid, true) puts
  // inside "CHECK (...)" (the same deparse call with the same flags), without the words it may append
  // after the parenthesis (NO INHERIT, NOT VALID, and NOT ENFORCED from PostgreSQL 18 on), which text
  // surgery would have to know all of.
  return with_inspected_tables(schema_expr) +
         "SELECT con.conrelid, con.conname, pg_catalog.pg_get_expr(con.conbin, con.conrelid, true) "
         "FROM inspected t JOIN pg_catalog.pg_constraint con ON con.conrelid = t.oid WHERE con.contype = 'c'";
}

std::string indexes_query(const std::string& schema_expr) {
  // indkey holds 0 for an expression element; only the first indnkeyatts elements are keys (the rest
  // are INCLUDE columns). pg_get_indexdef() with a column number gives that element alone, without
  // collation, operator class or ordering. A foreign key's conindid names the referenced table's index,
  // so only constraints of the index's own table count as backing it.
  return with_inspected_tables(schema_expr) +
         "SELECT i.indrelid, i.indexrelid, ic.relname, i.indisunique, a.attname, "
         "CASE WHEN k.attnum = 0 THEN pg_catalog.pg_get_indexdef(i.indexrelid, k.pos::integer, true) END, "
         "pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) "
         "FROM inspected t JOIN pg_catalog.pg_index i ON i.indrelid = t.oid "
         "JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid "
         "CROSS JOIN LATERAL pg_catalog.unnest(i.indkey::pg_catalog.int2[]) WITH ORDINALITY AS k(attnum, pos) "
         "LEFT JOIN pg_catalog.pg_attribute a ON k.attnum <> 0 AND a.attrelid = i.indrelid AND a.attnum = k.attnum "
         "WHERE k.pos <= i.indnkeyatts AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con "
         "WHERE con.conrelid = i.indrelid AND con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x')) "
         "ORDER BY i.indexrelid, k.pos";
}

}  // namespace retort::postgresql::catalog
