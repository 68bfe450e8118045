// A bound on how deeply a TOML document nests, checked on the raw text before any parser sees it.
// toml++ descends recursively into dotted keys, arrays and inline tables, so a file with a key 50,000
// parts long, or 50,000 '[' in a row, overflows the stack and kills retort instead of being reported.
#pragma once

#include "util/status.h"

#include <string>
#include <string_view>

namespace retort {

// Far above anything a revision file or config needs (three or four levels), far below what overflows.
constexpr int kMaxTomlNesting = 100;

// Fails with "path:line: nesting deeper than N levels" at the first place `text` nests deeper than
// `limit`. Levels are those of the document's tree: each part of a dotted key or table header is one, the
// values in an array are one below it, and so are the tables of an array of tables; the keys in an inline
// table count like dotted keys. Strings (all four kinds) and comments are skipped; text that is not
// valid TOML passes, for the parser to report.
Status check_toml_nesting(std::string_view text, const std::string& display_path, int limit = kMaxTomlNesting);

}  // namespace retort
