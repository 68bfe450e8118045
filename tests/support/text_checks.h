// Small checks on text that many tests make of retort's output and messages.
#pragma once

#include <string>

namespace retort::testing {

// Whether `part` occurs in `text`.
inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace retort::testing
