// The names a fleet's source may give its members. A name is put into URLs, file paths and PostgreSQL
// schema names, so only a small safe alphabet is accepted: this check is what keeps a tenant's name from
// smuggling a path, a URL part or SQL into any of them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace retort {

// What a member name may be, as said in errors.
extern const char* const kMemberNameRule;

// Why `name` cannot name a member, or nothing when it can: 1 to 63 characters (PostgreSQL's identifier
// length) of letters, digits, '_', '-' and '.', starting with a letter or digit, with no "..".
std::optional<std::string> member_name_problem(std::string_view name);

// `text` as it may be shown in an error: printable ASCII as it is, anything else (newlines, NUL, bytes of
// other encodings) as \n, \x00, ...; cut after 80 characters.
std::string printable(std::string_view text);

}  // namespace retort
