#include "schema/schema_writer.h"

#include <retort/sdk/schema_document.hpp>

namespace retort {

std::string canonical_schema_text(const SchemaDocument& doc) {
  std::vector<sdk::InspectedTable> tables;
  for (const SchemaTable& t : doc.tables) {
    if (!t.managed) continue;
    sdk::InspectedTable out;
    out.name = t.name;
    out.comment = t.comment;
    out.primary_key = t.key_columns();
    for (const SchemaColumn& c : t.columns) {
      sdk::InspectedColumn col;
      col.name = c.name;
      // A per-dialect type has no one spelling; inspected documents never have one.
      col.type = c.type.empty() ? "(per dialect)" : c.type;
      col.nullable = c.nullable;
      col.autoincrement = c.autoincrement;
      col.server_default = c.default_sql;
      col.comment = c.comment;
      out.columns.push_back(std::move(col));
    }
    for (const SchemaUnique& u : t.unique) out.unique.push_back({u.name, u.columns});
    for (const SchemaForeignKey& f : t.foreign_keys)
      out.foreign_keys.push_back({f.name, f.columns, f.ref_schema, f.ref_table, f.ref_columns, f.ondelete, f.onupdate});
    for (const SchemaCheck& c : t.checks) out.checks.push_back({c.name, c.sql});
    for (const SchemaIndex& i : t.indexes) {
      sdk::InspectedIndex index;
      index.name = i.name;
      index.unique = i.unique;
      index.where = i.where;
      for (const auto& e : i.elements) index.elements.push_back({e.column, e.expression});
      out.indexes.push_back(std::move(index));
    }
    tables.push_back(std::move(out));
  }
  return sdk::schema_document_text(std::move(tables));
}

}  // namespace retort
