#include "schema/schema_model.h"

#include <algorithm>

namespace retort {

bool SchemaScope::includes(const std::string& database, const std::string& dialect, const std::string& family) const {
  auto listed = [](const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  if (!databases.empty() && !listed(databases, database)) return false;
  return dialects.empty() || listed(dialects, dialect) || listed(dialects, family);
}

const SchemaColumn* SchemaTable::column(const std::string& column_name) const {
  for (const auto& c : columns)
    if (c.name == column_name) return &c;
  return nullptr;
}

std::vector<std::string> SchemaTable::key_columns() const {
  if (!primary_key.empty()) return primary_key;
  std::vector<std::string> out;
  for (const auto& c : columns)
    if (c.primary_key) out.push_back(c.name);
  return out;
}

const SchemaTable* SchemaDocument::table(const std::string& table_name) const {
  for (const auto& t : tables)
    if (t.name == table_name) return &t;
  return nullptr;
}

bool SchemaDocument::ignores(const std::string& table_name) const {
  for (const auto& p : ignore_tables)
    if (glob_match(p, table_name)) return true;
  return false;
}

bool glob_match(const std::string& pattern, const std::string& text) {
  // Iterative matching with one backtrack point: linear enough for table names, no recursion.
  size_t p = 0, t = 0, star = std::string::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (star != std::string::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace retort
