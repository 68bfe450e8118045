// SQL text in a schema (check expressions, index expressions, partial-index predicates, server defaults)
// as the diff compares it (docs/schema-files.md, "How documents are compared"). Servers that keep such
// text as it was written (SQLite does, for all of it) would otherwise show a change for a space or a
// capital letter.
#pragma once

#include <optional>
#include <string>

namespace retort {

// What two spellings of the same SQL text have in common: the same tokens are the same text, whatever
// the whitespace between them, the letter case of unquoted words, or parentheses around the whole text.
// Quoted text ('...', "...", `...`, [...]) counts exactly, quotes included: a string's letters are data,
// and a quoted name's case matters on PostgreSQL; only a quoted name that every dialect reads the same
// without its quotes ("n", `n`, [n]: lower case letters, digits and '_') is the bare name. Every dialect reads unquoted words (keywords, function
// and column names) without regard to case; only a table name in an expression could tell, and none of
// these expressions name a table.
std::string sql_comparison_key(const std::string& sql);

bool same_sql_text(const std::string& a, const std::string& b);
// Two defaults, where nullopt is no default (not the same as any text).
bool same_default(const std::optional<std::string>& a, const std::optional<std::string>& b);

}  // namespace retort
