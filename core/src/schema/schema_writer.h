// Writing a schema back as a schema file in the canonical form of an inspected document (the form
// `retort schema inspect` prints; docs/schema-files.md).
#pragma once

#include "schema/schema_model.h"

#include <string>

namespace retort {

// The document's tables in canonical form: sorted, every column's nullability written, column-level keys
// moved to the table. Declared-only settings (renamed_from, [naming], ...) and unmanaged tables are not
// written; meant for inspected documents, whose types are always text.
std::string canonical_schema_text(const SchemaDocument& doc);

}  // namespace retort
