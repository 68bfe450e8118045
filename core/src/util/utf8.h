// UTF-8 validity, as TOML requires it of every document: text retort writes into a file must be valid
// UTF-8, or the file cannot be read back.
#pragma once

#include <cstddef>
#include <string_view>

namespace retort {

// The length of the well-formed UTF-8 sequence starting at `pos` (1 to 4), or 0 when the bytes there are
// not one: a stray continuation byte, a truncated sequence, an overlong form, a surrogate or a code point
// above U+10FFFF.
size_t utf8_sequence_length(std::string_view text, size_t pos);

// The offset of the first byte that is not part of well-formed UTF-8; npos when all of `text` is.
size_t invalid_utf8_offset(std::string_view text);

}  // namespace retort
