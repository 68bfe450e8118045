#include "schema/declared_schema.h"

#include "schema/schema_diff.h"
#include "schema/schema_file.h"

#include <algorithm>

namespace retort {
namespace {

// The table as this database has it: without the columns and indexes scoped to other databases.
SchemaTable scoped_table(SchemaTable t, const DatabaseConfig& db, const DialectVariants& dialect) {
  auto outside = [&](const auto& object) { return !object.scope.includes(db.name, dialect.name, dialect.family); };
  t.columns.erase(std::remove_if(t.columns.begin(), t.columns.end(), outside), t.columns.end());
  t.indexes.erase(std::remove_if(t.indexes.begin(), t.indexes.end(), outside), t.indexes.end());
  return t;
}

}  // namespace

Result<SchemaDocument> load_declared_schema(const DatabaseConfig& db, const DialectVariants& dialect) {
  SchemaDocument merged;
  ErrorList errors;
  for (const auto& path : db.schema_files) {
    auto doc = read_schema_file(path);
    if (!doc.ok()) {
      errors.add(std::move(doc).error());
      continue;
    }
    resolve_declared_names(*doc);
    if (!doc->branch.empty()) {
      if (!merged.branch.empty() && merged.branch != doc->branch)
        errors.add(Error("sets branch = \"" + doc->branch + "\", but " + merged.file + " sets branch = \"" +
                         merged.branch + "\"")
                       .at(doc->file)
                       .hint("the schema files of one database must agree on the branch new revisions go on"));
      merged.branch = doc->branch;
      merged.file = doc->file;
    }
    merged.ignore_tables.insert(merged.ignore_tables.end(), doc->ignore_tables.begin(), doc->ignore_tables.end());
    for (auto& t : doc->tables) {
      if (!t.scope.includes(db.name, dialect.name, dialect.family)) continue;
      if (const SchemaTable* other = merged.table(t.name)) {
        errors.add(Error("table '" + t.name + "' is declared again; " + other->source.to_string() + " declares it first")
                       .at(t.source.to_string()));
        continue;
      }
      merged.tables.push_back(scoped_table(std::move(t), db, dialect));
    }
  }
  if (!errors.empty())
    return errors.combined("the declared schema of database '" + db.name + "' has problems:");
  return merged;
}

SchemaDocument managed_tables(const SchemaDocument& declared) {
  SchemaDocument out = declared;
  out.tables.erase(std::remove_if(out.tables.begin(), out.tables.end(), [](const SchemaTable& t) { return !t.managed; }),
                   out.tables.end());
  return out;
}

SchemaDocument owned_tables(const SchemaDocument& inspected, const SchemaDocument& declared) {
  SchemaDocument out = inspected;
  out.tables.erase(std::remove_if(out.tables.begin(), out.tables.end(),
                                  [&](const SchemaTable& t) {
                                    const SchemaTable* d = declared.table(t.name);
                                    return declared.ignores(t.name) || (d && !d->managed);
                                  }),
                   out.tables.end());
  return out;
}

}  // namespace retort
