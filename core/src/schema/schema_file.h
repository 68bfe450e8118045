// Reading schema files (DESIGN.md §7, docs/schema-files.md): a declared schema, or a document an inspector
// wrote. Checked as revision files are: every problem as "path:line: message", all of them at once.
#pragma once

#include "schema/schema_model.h"
#include "util/status.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace retort {

Result<SchemaDocument> read_schema_file(const std::filesystem::path& path);

// Parses schema-file text; `display_path` names it in errors.
Result<SchemaDocument> parse_schema_text(std::string_view text, const std::string& display_path);

}  // namespace retort
