// Checks operations against the catalogue before anything runs: unknown op (with the closest name),
// unknown or missing fields, wrong types, and per-dialect SQL without a variant for the target dialect.
#pragma once

#include "ops/dialect_variants.h"
#include "ops/op_catalogue.h"
#include "util/status.h"

#include <toml++/toml.h>

#include <string>

namespace retort {

// Validates one operation table of `path`. A `dialect` with no name skips the per-dialect variant check.
void validate_operation(const toml::table& op, const OpCatalogue& catalogue, const std::string& path,
                        const DialectVariants& dialect, ErrorList& errors);

// Validates a table against field specs, as an operation's fields are (unknown keys with the closest
// known one, required fields, kinds); for files that borrow the operations' vocabulary (schema files).
void validate_fields(const toml::table& table, const std::vector<FieldSpec>& specs, const std::string& path,
                     const std::string& context, ErrorList& errors);

}  // namespace retort
