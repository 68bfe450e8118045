// The operation reference, rendered from the catalogue (which operations, which fields, required or not,
// which plugin provides them) and the prose of op_docs.h: the listing of `retort ops`, one operation in
// full (`retort ops NAME`), and the Markdown section of docs/revision-files.md (`retort ops --markdown`).
#pragma once

#include "ops/op_catalogue.h"

#include <string>

namespace retort {

// Every operation: name, provider and summary, then its required and optional fields.
std::string operations_listing(const OpCatalogue& catalogue);

// One operation in full: what it does, its downgrade, every field (nested ones too) with its values and
// meaning, and the fields of a column table where it takes columns.
std::string operation_text(const OpSpec& spec);

// The reference section of docs/revision-files.md: every operation of `catalogue` as Markdown.
std::string operations_markdown(const OpCatalogue& catalogue);

// One operation as Markdown, as in operations_markdown.
std::string operation_markdown(const OpSpec& spec);

}  // namespace retort
