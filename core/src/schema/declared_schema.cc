#include "schema/declared_schema.h"

#include "schema/schema_diff.h"
#include "schema/schema_file.h"

#include <algorithm>

namespace retort {
namespace {

bool listed(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool has_table(const SchemaTable& t, const DatabaseConfig& db, const DialectVariants& dialect) {
  if (!t.databases.empty() && !listed(t.databases, db.name)) return false;
  return t.dialects.empty() || listed(t.dialects, dialect.name) || listed(t.dialects, dialect.family);
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
      if (!has_table(t, db, dialect)) continue;
      if (const SchemaTable* other = merged.table(t.name)) {
        errors.add(Error("table '" + t.name + "' is declared again; " + other->source.to_string() + " declares it first")
                       .at(t.source.to_string()));
        continue;
      }
      merged.tables.push_back(std::move(t));
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
