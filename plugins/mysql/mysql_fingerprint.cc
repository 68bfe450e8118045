#include "mysql_fingerprint.hpp"

namespace retort::mysql {
namespace {

// One information_schema view and the columns of its rows that describe structure: never a count of rows,
// a cardinality, a size or an AUTO_INCREMENT, which data changes move.
struct Source {
  const char* view;
  const char* schema_column;
  const char* columns;
};

// Columns common to MariaDB 10.4+ and MySQL 8.0.16+ (the servers with CHECK_CONSTRAINTS). Each view is
// filtered on the column the server looks tables up by, so it opens only this database's tables: TRIGGERS
// by EVENT_OBJECT_SCHEMA (a trigger lives in its table's schema), as TRIGGER_SCHEMA opens every table of
// every database, and a table another session is altering meanwhile turns into an error in strict mode.
const Source kSources[] = {
    {"TABLES", "TABLE_SCHEMA", "TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION, CREATE_OPTIONS, TABLE_COMMENT"},
    {"COLUMNS", "TABLE_SCHEMA",
     "TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_DEFAULT, IS_NULLABLE, COLUMN_TYPE, CHARACTER_SET_NAME, "
     "COLLATION_NAME, EXTRA, COLUMN_COMMENT, GENERATION_EXPRESSION"},
    {"STATISTICS", "TABLE_SCHEMA",
     "TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME, COLLATION, SUB_PART, INDEX_TYPE, INDEX_COMMENT"},
    {"TABLE_CONSTRAINTS", "TABLE_SCHEMA", "TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE"},
    {"KEY_COLUMN_USAGE", "TABLE_SCHEMA",
     "TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, ORDINAL_POSITION, POSITION_IN_UNIQUE_CONSTRAINT, "
     "REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME"},
    {"REFERENTIAL_CONSTRAINTS", "CONSTRAINT_SCHEMA",
     "TABLE_NAME, CONSTRAINT_NAME, UNIQUE_CONSTRAINT_NAME, REFERENCED_TABLE_NAME, MATCH_OPTION, UPDATE_RULE, "
     "DELETE_RULE"},
    {"CHECK_CONSTRAINTS", "CONSTRAINT_SCHEMA", "CONSTRAINT_NAME, CHECK_CLAUSE"},
    {"VIEWS", "TABLE_SCHEMA", "TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE"},
    {"TRIGGERS", "EVENT_OBJECT_SCHEMA",
     "TRIGGER_NAME, EVENT_MANIPULATION, EVENT_OBJECT_TABLE, ACTION_ORDER, ACTION_TIMING, ACTION_STATEMENT"},
    {"ROUTINES", "ROUTINE_SCHEMA", "ROUTINE_NAME, ROUTINE_TYPE, DTD_IDENTIFIER, ROUTINE_DEFINITION"},
};

// Each QUOTE()d, so that NULL differs from 'NULL' and a separator inside a name cannot shift cells.
std::string quoted_cells(const std::string& columns) {
  std::string out;
  size_t from = 0;
  while (from < columns.size()) {
    size_t comma = columns.find(',', from);
    if (comma == std::string::npos) comma = columns.size();
    const size_t start = columns.find_first_not_of(' ', from);
    out += (out.empty() ? "QUOTE(" : ", QUOTE(") + columns.substr(start, comma - start) + ")";
    from = comma + 1;
  }
  return out;
}

// "rows-sum" of one view: the rows' 60-bit hashes are summed, so the order the server lists them in does not
// matter, and the count keeps a row that cancels out from going unseen.
std::string digest(const Source& s, const std::string& schema_sql) {
  return std::string("(SELECT CONCAT(COUNT(*), '-', COALESCE(SUM(CAST(CONV(LEFT(MD5(CONCAT_WS('|', ") +
         quoted_cells(s.columns) + ")), 15), 16, 10) AS UNSIGNED)), 0)) FROM information_schema." + s.view +
         " WHERE " + s.schema_column + " = " + schema_sql + ")";
}

}  // namespace

std::string schema_fingerprint_query(const std::string& schema_sql) {
  std::string parts;
  for (const Source& s : kSources) parts += (parts.empty() ? "" : ", ") + digest(s, schema_sql);
  // "mysql1:" names this formula: a value written by another one is never compared with it.
  return "SELECT CONCAT('mysql1:', MD5(CONCAT_WS(',', " + parts + ")))";
}

}  // namespace retort::mysql
