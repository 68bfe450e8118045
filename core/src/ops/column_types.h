// The generic column types of DESIGN.md §4 and how a written type is judged: a generic type (mapped per
// dialect), a native type (passed to the database as written), or a near miss of a generic name, which
// is almost certainly a typo ("intger") and would otherwise only fail when the migration runs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace retort {

const std::vector<std::string>& generic_type_names();

// The generic type `written` looks like a misspelling of, if any. A type is a near miss when its name
// (before any parentheses or []) is not a generic name, is not a native type known to be spelt close to
// one (jsonb, float8, citext, ...), and is one edit away from a generic name (two for names longer than
// five characters).
std::optional<std::string> misspelt_generic_type(std::string_view written);

}  // namespace retort
