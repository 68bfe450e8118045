// Small string helpers shared by the engine (splitting, joining, trimming).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace retort {

std::vector<std::string> split(std::string_view text, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
std::string trim(std::string_view text);
// Every run of whitespace (newlines, tabs) as one space, trimmed: driver messages read as one line.
std::string one_line(std::string_view text);
bool starts_with(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);
// Levenshtein distance, for "did you mean" suggestions.
size_t edit_distance(std::string_view a, std::string_view b);
// The candidate closest to `word`, or "" when none is reasonably close.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace retort
