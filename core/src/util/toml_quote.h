// Writing text into TOML files so that it reads back exactly and can never break the document: a value
// as a basic string, and free text (a revision message echoed in a header) as comment lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace retort {

// `text` as a TOML basic string, "...": quotes, backslashes and every control character escaped (\n, \t,
// \uXXXX, ...), so any valid UTF-8 text reads back byte for byte. Bytes that are not UTF-8 cannot be
// written in TOML at all; each becomes \uFFFD (callers that need the exact text refuse such input first:
// util/utf8.h).
std::string toml_quote(std::string_view text);

// ["a", "b"] with each item quoted as above.
std::string toml_quote_array(const std::vector<std::string>& items);

// `text` as comment lines, "# ..." each ending in a line break: every line break of the text starts a new
// comment line, and the characters a comment may not hold (control characters but tab, bytes that are
// not UTF-8) are shown as escapes.
std::string toml_comment(std::string_view text);

}  // namespace retort
