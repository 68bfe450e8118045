// Prepares an operation for one dialect: per-dialect SQL and types are replaced by the chosen variant
// and dates become ISO 8601 strings, so a dialect plugin sees only plain values.
#pragma once

#include "ops/dialect_variants.h"
#include "ops/op_catalogue.h"

#include <toml++/toml.h>

#include <string>

namespace retort {

// `op` resolved for `dialect` (validate_operation must have passed for that dialect). Taken by value: a
// caller done with `op` moves it in and saves a deep copy.
toml::table resolve_for_dialect(toml::table op, const OpSpec& spec, const DialectVariants& dialect);

// The operation that undoes `op`, or nothing when it cannot be undone automatically. A plugin
// operation's inverse gets the fields of `op` that the inverse declares.
std::optional<toml::table> inverse_operation(const toml::table& op, const OpSpec& spec, const OpCatalogue& catalogue);

}  // namespace retort
