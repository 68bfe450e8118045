// Writing text as JSON strings, for the machine-readable report of a run (--report): any bytes go in and
// the output is always valid JSON that reads back as the same text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace retort {

// `text` as a JSON string, "...": quotes, backslashes and every control character escaped (\n, \t,
// \u00XX). JSON must be UTF-8, so each byte that is not part of well-formed UTF-8 becomes \uFFFD.
std::string json_quote(std::string_view text);

// ["a", "b"] with each item quoted as above.
std::string json_quote_array(const std::vector<std::string>& items);

}  // namespace retort
