#include "postgresql_fingerprint.hpp"

namespace retort::postgresql {
namespace {

// `cells` (SQL expressions) as one text, each quote_nullable()d so that NULL differs from 'NULL' and a
// separator inside a name cannot shift cells.
std::string line(const std::string& kind, const std::string& cells) {
  std::string out = "pg_catalog.concat_ws('|', '" + kind + "'";
  size_t from = 0;
  int depth = 0;
  // Split at the commas outside parentheses.
  for (size_t i = 0; i <= cells.size(); ++i) {
    if (i < cells.size() && cells[i] == '(') ++depth;
    if (i < cells.size() && cells[i] == ')') --depth;
    if (i == cells.size() || (cells[i] == ',' && depth == 0)) {
      const size_t start = cells.find_first_not_of(' ', from);
      out += ", pg_catalog.quote_nullable((" + cells.substr(start, i - start) + ")::pg_catalog.text)";
      from = i + 1;
    }
  }
  return out + ")";
}

}  // namespace

std::string schema_fingerprint_query(const std::string& schema_expr) {
  const std::string in_schema = "(SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = " + schema_expr + ")";
  const std::string comment = "(SELECT description FROM pg_catalog.pg_description WHERE objoid = c.oid AND "
                              "classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND objsubid = ";
  // Never a row count, a size or a sequence's value: data changes move those.
  const std::string lines[] = {
      "SELECT " + line("relation", "c.relname, c.relkind, c.relpersistence, " + comment + "0), "
                                   "CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid) END") +
          " FROM pg_catalog.pg_class c WHERE c.relnamespace = " + in_schema,
      "SELECT " + line("column", "c.relname, a.attnum, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), "
                                 "a.attnotnull, a.attidentity, a.attgenerated, a.attcollation, "
                                 "pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), " + comment + "a.attnum)") +
          " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
          "LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum "
          "WHERE c.relnamespace = " + in_schema + " AND a.attnum > 0 AND NOT a.attisdropped",
      "SELECT " + line("index", "pg_catalog.pg_get_indexdef(i.indexrelid)") +
          " FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indrelid WHERE c.relnamespace = " +
          in_schema,
      "SELECT " + line("constraint", "co.conname, co.conrelid, co.contype, pg_catalog.pg_get_constraintdef(co.oid)") +
          " FROM pg_catalog.pg_constraint co WHERE co.connamespace = " + in_schema,
      "SELECT " + line("trigger", "pg_catalog.pg_get_triggerdef(t.oid)") +
          " FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal "
          "AND c.relnamespace = " + in_schema,
      "SELECT " + line("routine", "p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid), "
                                  "pg_catalog.md5(p.prosrc)") +
          " FROM pg_catalog.pg_proc p WHERE p.pronamespace = " + in_schema,
      "SELECT " + line("type", "y.typname, y.typtype, y.typbasetype, y.typnotnull, y.typdefault") +
          " FROM pg_catalog.pg_type y WHERE y.typnamespace = " + in_schema,
      "SELECT " + line("label", "y.typname, e.enumsortorder, e.enumlabel") +
          " FROM pg_catalog.pg_enum e JOIN pg_catalog.pg_type y ON y.oid = e.enumtypid WHERE y.typnamespace = " +
          in_schema,
  };
  std::string all;
  for (const std::string& l : lines) all += (all.empty() ? "" : " UNION ALL ") + l;
  // "pg1:" names this formula: a value written by another one is never compared with it.
  return "SELECT 'pg1:' || pg_catalog.md5(COALESCE(pg_catalog.string_agg(f.l, ',' ORDER BY f.l), '')) FROM (" +
         all + ") f (l)";
}

}  // namespace retort::postgresql
