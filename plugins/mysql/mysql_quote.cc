#include "mysql_quote.hpp"

namespace retort::mysql {

std::string quote_identifier(const std::string& name) {
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  return out + "`";
}

// Backslash is an escape character in MySQL string literals unless NO_BACKSLASH_ESCAPES is set.
std::string quote_literal(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += "''";
    else if (c == '\\') out += "\\\\";
    else out += c;
  }
  return out + "'";
}

}  // namespace retort::mysql
