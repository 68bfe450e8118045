// Column defaults as the PostgreSQL inspector reports them: pg_get_expr()'s text, in one spelling for each
// meaning, so that defaults written differently but giving the column the same value read the same
// (docs/schema-files.md, "PostgreSQL").
#pragma once

#include <optional>
#include <string>

namespace retort::postgresql {

// `expression` (pg_get_expr of the column's default) for a column of `reported_type` (reported_type()'s
// name for it):
// - NULL, cast or not (NULL::character varying), is no default: what a column without one gets;
// - now() and transaction_timestamp() are CURRENT_TIMESTAMP: the same function, which the server keeps
//   apart only as the name it was called by;
// - a constant is the value it gives the column, without the cast the server records with it: on a
//   number column a number is bare ('0'::numeric and 0 are 0, '-1'::integer is -1), on a text column a
//   string or a number is quoted text ('x'::character varying is 'x', 0 is '0').
// Anything else is the server's text unchanged.
std::optional<std::string> reported_default(const std::string& expression, const std::string& reported_type);

}  // namespace retort::postgresql
