// Alembic's file-name slug of a revision message (%(slug)s in file_template).
#pragma once

#include <cstddef>
#include <string>

namespace retort {

// Alembic's default [retort] truncate_slug_length.
constexpr size_t kDefaultSlugLength = 40;

// The message's words (runs of ASCII letters, digits and '_') joined by '_' and lowercased. As Alembic,
// a slug longer than `max_length` is cut to that length, then back to its last '_' (a word boundary),
// and ends in '_' to show it was cut: "a_very_long_message_that_goes_on_and_on_". So it is at most
// max_length + 1 characters, and only ever [a-z0-9_].
std::string slugify(const std::string& message, size_t max_length = kDefaultSlugLength);

}  // namespace retort
