// The prose of the operation reference: what each core operation does and what each of its fields means.
// The operations and their fields come from the catalogue (op_catalogue.h); this only explains them, and
// a unit test checks that every operation and field of the catalogue is explained here.
#pragma once

#include "ops/op_catalogue.h"

#include <string>

namespace retort {

// One sentence or two on what the core operation `op` does, or "" for one this table does not know (a
// plugin's).
std::string operation_summary(const std::string& op);

// What to add to "undone by INVERSE" (OpSpec::inverse) for the core operation `op` in a revision without
// [[downgrade]] when that is not the whole story: " when it only renames, ...", ", or, with ..."; "" when
// the inverse always applies (or there is none).
std::string downgrade_condition(const std::string& op);

// What field `path` of the core operation `op` means: "table", or "foreign_keys.ref_table" for a field of
// the tables in a field. "" when unknown. `op` "column" explains the fields of a column table.
std::string field_meaning(const std::string& op, const std::string& path);

// The values a field takes, in words: "string", "name or array of names", "one of: primary, unique".
std::string kind_text(const FieldSpec& field);

}  // namespace retort
