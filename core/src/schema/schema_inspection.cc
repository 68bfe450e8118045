#include "schema/schema_inspection.h"

#include "schema/schema_file.h"

#include <algorithm>

namespace retort {

Result<SchemaDocument> inspect_database(Database& db, const std::string& schema) {
  RETORT_ASSIGN_OR_RETURN(std::string text, db.inspect(schema));
  const std::string shown = "the schema of database '" + db.name() + "' as its " + db.dialect_name() + " inspector wrote it";
  auto doc = parse_schema_text(text, shown);
  if (!doc.ok())
    return std::move(doc).error().hint("this is a bug in the plugin that provides the " + db.dialect_name() +
                                       " dialect: its inspector must write a schema file (docs/schema-files.md)");
  auto& tables = doc->tables;
  const DatabaseConfig& c = db.config();
  tables.erase(std::remove_if(tables.begin(), tables.end(),
                              [&](const SchemaTable& t) {
                                return t.schema.empty() && (t.name == c.version_table || t.name == c.history_table);
                              }),
               tables.end());
  return doc;
}

}  // namespace retort
