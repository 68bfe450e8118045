#include "script/slug.h"

#include <cctype>

namespace retort {

std::string slugify(const std::string& message, size_t max_length) {
  std::string slug;
  bool in_word = false;
  for (char c : message) {
    const bool word_char = std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    if (word_char) {
      if (!in_word && !slug.empty()) slug += '_';
      slug += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    in_word = word_char;
  }
  if (slug.size() <= max_length) return slug;
  // Python: slug[:max_length].rsplit("_", 1)[0] + "_"
  slug.resize(max_length);
  const size_t last = slug.rfind('_');
  if (last != std::string::npos) slug.resize(last);
  return slug + "_";
}

}  // namespace retort
