#include "schema/operation_writer.h"

#include "util/toml_quote.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace retort {
namespace {

// Keys in the order a reader wants them; the rest follow alphabetically.
int key_rank(const std::string& key) {
  static const char* const kOrder[] = {"op", "name", "table", "schema", "column", "new_name", "type", "columns",
                                       "ref_table", "ref_columns", "unique", "nullable", "sql"};
  for (size_t i = 0; i < std::size(kOrder); ++i)
    if (key == kOrder[i]) return static_cast<int>(i);
  return static_cast<int>(std::size(kOrder));
}

std::vector<std::string> ordered_keys(const toml::table& t) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : t) keys.emplace_back(k.str());
  std::stable_sort(keys.begin(), keys.end(), [](const std::string& a, const std::string& b) {
    int ra = key_rank(a), rb = key_rank(b);
    return ra != rb ? ra < rb : a < b;
  });
  return keys;
}

std::string key_text(const std::string& key) {
  bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
  return bare ? key : toml_quote(key);
}

std::string value_text(const toml::node& n, int indent);

std::string inline_table(const toml::table& t) {
  std::string out = "{ ";
  bool first = true;
  for (const auto& key : ordered_keys(t)) {
    out += (first ? "" : ", ") + key_text(key) + " = " + value_text(*t.get(key), -1);
    first = false;
  }
  return out + (first ? "}" : " }");
}

std::string value_text(const toml::node& n, int indent) {
  if (const auto* s = n.as_string()) return toml_quote(s->get());
  if (const auto* b = n.as_boolean()) return b->get() ? "true" : "false";
  if (const auto* t = n.as_table()) return inline_table(*t);
  if (const auto* a = n.as_array()) {
    // An array of tables reads best one table a line; anything else on one line.
    if (indent >= 0 && !a->empty() && a->is_array_of_tables()) {
      std::string out = "[\n";
      for (const auto& item : *a) out += std::string(indent + 2, ' ') + value_text(item, -1) + ",\n";
      return out + std::string(indent, ' ') + "]";
    }
    std::string out = "[";
    for (size_t i = 0; i < a->size(); ++i) out += (i ? ", " : "") + value_text(*a->get(i), -1);
    return out + "]";
  }
  std::ostringstream os;
  n.visit([&os](const auto& v) { os << v; });  // numbers, dates
  return os.str();
}

}  // namespace

std::string operation_sections_text(const std::vector<OperationSection>& sections) {
  std::string out;
  for (const auto& section : sections)
    for (const auto& op : section.operations) {
      out += (out.empty() ? "" : "\n") + std::string("[[") + section.name + "]]\n";
      for (const auto& key : ordered_keys(op)) out += key_text(key) + " = " + value_text(*op.get(key), 0) + "\n";
    }
  return out;
}

}  // namespace retort
