#include "schema/sql_text.h"

namespace retort {
namespace {

// Letters, digits, '_' and '$', and any byte of a multi-byte UTF-8 character: what can sit on either side
// of a space that separates two tokens ("x IS NULL", "0.5", "größe").
bool word_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || c == '_' || c == '$' || u >= 0x80;
}

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

char closing_quote(char c) {
  switch (c) {
    case '\'':
    case '"':
    case '`':
      return c;
    case '[':
      return ']';
    default:
      return 0;
  }
}

// The end (exclusive) of the quoted run at text[i]; a doubled quote stands for itself. An unterminated one
// runs to the end.
size_t skip_quoted(const std::string& text, size_t i) {
  const char close = closing_quote(text[i]);
  for (size_t j = i + 1; j < text.size(); ++j) {
    if (text[j] != close) continue;
    if (close != ']' && j + 1 < text.size() && text[j + 1] == close) {
      ++j;
      continue;
    }
    return j + 1;
  }
  return text.size();
}

// Whether the '(' at key[0] closes at the very end of `key`.
bool wrapped_whole(const std::string& key) {
  if (key.size() < 2 || key.front() != '(' || key.back() != ')') return false;
  int depth = 0;
  for (size_t i = 0; i < key.size();) {
    if (closing_quote(key[i]) != 0) {
      i = skip_quoted(key, i);
      continue;
    }
    if (key[i] == '(') ++depth;
    if (key[i] == ')' && --depth == 0) return i + 1 == key.size();
    ++i;
  }
  return false;
}

// A quoted name that reads the same unquoted on every dialect: lower case letters, digits and '_', not
// starting with a digit ("n" is n; "N" is not N on PostgreSQL).
bool plain_quoted_name(const std::string& quoted) {
  if (quoted.size() < 3 || quoted.front() == '\'') return false;
  const std::string name = quoted.substr(1, quoted.size() - 2);
  if (name.front() >= '0' && name.front() <= '9') return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

}  // namespace

std::string sql_comparison_key(const std::string& sql) {
  std::string key;
  key.reserve(sql.size());
  bool pending_space = false;
  for (size_t i = 0; i < sql.size();) {
    const char c = sql[i];
    if (space(c)) {
      pending_space = true;
      ++i;
      continue;
    }
    std::string piece;
    if (closing_quote(c) != 0) {
      const size_t end = skip_quoted(sql, i);
      piece = sql.substr(i, end - i);
      if (plain_quoted_name(piece)) piece = piece.substr(1, piece.size() - 2);
      i = end;
    } else {
      piece = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      ++i;
    }
    // A space stays only where it keeps two words apart.
    if (pending_space && !key.empty() && word_char(key.back()) && word_char(piece.front())) key += ' ';
    pending_space = false;
    key += piece;
  }
  while (wrapped_whole(key)) key = key.substr(1, key.size() - 2);
  return key;
}

bool same_sql_text(const std::string& a, const std::string& b) {
  return a == b || sql_comparison_key(a) == sql_comparison_key(b);
}

bool same_default(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  if (!a || !b) return !a && !b;
  return same_sql_text(*a, *b);
}

}  // namespace retort
