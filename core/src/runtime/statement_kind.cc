#include "runtime/statement_kind.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace retort {
namespace {

// Skips whitespace, `-- line` and `/* block */` comments and opening parentheses.
size_t first_word(std::string_view sql) {
  size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c)) || c == '(') {
      ++i;
    } else if (sql.compare(i, 2, "--") == 0) {
      const size_t end = sql.find('\n', i);
      i = end == std::string_view::npos ? sql.size() : end + 1;
    } else if (sql.compare(i, 2, "/*") == 0) {
      const size_t end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? sql.size() : end + 2;
    } else {
      break;
    }
  }
  return i;
}

}  // namespace

StatementKind classify_statement(std::string_view sql) {
  const size_t start = first_word(sql);
  size_t end = start;
  while (end < sql.size() && std::isalpha(static_cast<unsigned char>(sql[end]))) ++end;
  std::string word(sql.substr(start, end - start));
  std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::toupper(c); });
  // WITH and SELECT may write (data-modifying CTEs, SELECT ... INTO) but never commit on their own; DO, SET
  // and CALL run in the caller's transaction on every dialect retort ships.
  static const std::array<const char*, 11> kData = {"INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE", "WITH",
                                                    "SELECT", "VALUES", "DO",     "SET",     "CALL"};
  for (const char* k : kData)
    if (word == k) return StatementKind::kDataChange;
  return StatementKind::kSchemaChange;
}

}  // namespace retort
