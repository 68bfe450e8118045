// A live schema as an inspector reports it (ABI 1.2), and the TOML text it is handed to the host in: the
// "Inspected documents" rules of docs/schema-files.md. A dialect gains inspection by also deriving from
// Inspector; dialect<D>() then fills the table's inspector.
#pragma once

#include <retort/retort_plugin.h>
#include <retort/sdk/host.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace retort::sdk {

struct InspectedColumn {
  std::string name;
  std::string type;  // the generic type when exact, else the server's own name
  bool nullable = true;
  bool autoincrement = false;
  std::optional<std::string> server_default;  // the expression as the server reports it
  std::string comment;
};

// One element of an index: a column, or an expression when `expression` is set.
struct IndexElement {
  std::string column;
  std::string expression;
};

struct InspectedIndex {
  std::string name;
  std::vector<IndexElement> elements;
  bool unique = false;
  std::string where;  // "" unless partial
};

struct InspectedUnique {
  std::string name;
  std::vector<std::string> columns;
};

struct InspectedForeignKey {
  std::string name;
  std::vector<std::string> columns;
  std::string ref_schema;  // "" for the inspected schema
  std::string ref_table;
  std::vector<std::string> ref_columns;
  std::string ondelete;  // upper case ("SET NULL"); "" for NO ACTION
  std::string onupdate;
};

struct InspectedCheck {
  std::string name;
  std::string sql;
};

struct InspectedTable {
  std::string name;
  std::string comment;
  std::vector<InspectedColumn> columns;
  std::vector<std::string> primary_key;
  std::vector<InspectedUnique> unique;
  std::vector<InspectedForeignKey> foreign_keys;
  std::vector<InspectedCheck> checks;
  std::vector<InspectedIndex> indexes;
};

namespace detail {

// A TOML basic string: quotes, backslashes and control characters escaped, everything else as is.
inline std::string toml_string(const std::string& text) {
  std::string out = "\"";
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

inline std::string toml_names(const std::vector<std::string>& names) {
  std::string out = "[";
  for (size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + toml_string(names[i]);
  return out + "]";
}

template <class T>
void sort_by_name(std::vector<T>& items) {
  std::sort(items.begin(), items.end(), [](const T& a, const T& b) { return a.name < b.name; });
}

}  // namespace detail

// The schema document for `tables`, in the canonical order and spelling the host compares. An object
// without a name (SQLite keeps none for an unnamed constraint) is written without `name`.
// Whether a server default is a bare number (`-1`, `+2.5`, `1e3`): inspectors write those unquoted.
inline bool is_number_literal(const std::string& s) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  size_t i = !s.empty() && (s[0] == '+' || s[0] == '-') ? 1 : 0;
  const size_t first = i;
  while (i < s.size() && digit(s[i])) ++i;
  bool any = i > first;
  if (i < s.size() && s[i] == '.') {
    const size_t fraction = ++i;
    while (i < s.size() && digit(s[i])) ++i;
    any = any || i > fraction;
  }
  if (!any) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const size_t exponent = i;
    while (i < s.size() && digit(s[i])) ++i;
    if (i == exponent) return false;
  }
  return i == s.size();
}

inline std::string schema_document_text(std::vector<InspectedTable> tables) {
  using detail::toml_names;
  using detail::toml_string;
  auto named = [](const std::string& name) { return name.empty() ? std::string("{ ") : "{ name = " + toml_string(name) + ", "; };
  detail::sort_by_name(tables);
  std::string out = "format = 1\n";
  for (auto& t : tables) {
    detail::sort_by_name(t.unique);
    detail::sort_by_name(t.foreign_keys);
    detail::sort_by_name(t.checks);
    detail::sort_by_name(t.indexes);
    out += "\n[[table]]\nname = " + toml_string(t.name) + "\n";
    if (!t.comment.empty()) out += "comment = " + toml_string(t.comment) + "\n";
    out += "columns = [\n";
    for (const auto& c : t.columns) {
      out += "  { name = " + toml_string(c.name) + ", type = " + toml_string(c.type) +
             ", nullable = " + (c.nullable ? "true" : "false");
      if (c.autoincrement) out += ", autoincrement = true";
      if (c.server_default) out += ", server_default = { sql = " + toml_string(*c.server_default) + " }";
      if (!c.comment.empty()) out += ", comment = " + toml_string(c.comment);
      out += " },\n";
    }
    out += "]\n";
    if (!t.primary_key.empty()) out += "primary_key = " + toml_names(t.primary_key) + "\n";
    if (!t.unique.empty()) {
      out += "unique = [\n";
      for (const auto& u : t.unique)
        out += "  " + named(u.name) + "columns = " + toml_names(u.columns) + " },\n";
      out += "]\n";
    }
    if (!t.foreign_keys.empty()) {
      out += "foreign_keys = [\n";
      for (const auto& f : t.foreign_keys) {
        out += "  " + named(f.name) + "columns = " + toml_names(f.columns);
        if (!f.ref_schema.empty()) out += ", ref_schema = " + toml_string(f.ref_schema);
        out += ", ref_table = " + toml_string(f.ref_table) + ", ref_columns = " + toml_names(f.ref_columns);
        if (!f.ondelete.empty()) out += ", ondelete = " + toml_string(f.ondelete);
        if (!f.onupdate.empty()) out += ", onupdate = " + toml_string(f.onupdate);
        out += " },\n";
      }
      out += "]\n";
    }
    if (!t.checks.empty()) {
      out += "checks = [\n";
      for (const auto& c : t.checks)
        out += "  " + named(c.name) + "sql = " + toml_string(c.sql) + " },\n";
      out += "]\n";
    }
    if (!t.indexes.empty()) {
      out += "indexes = [\n";
      for (const auto& i : t.indexes) {
        out += "  " + named(i.name) + "columns = [";
        for (size_t e = 0; e < i.elements.size(); ++e) {
          const IndexElement& el = i.elements[e];
          out += e ? ", " : "";
          out += el.expression.empty() ? toml_string(el.column) : "{ sql = " + toml_string(el.expression) + " }";
        }
        out += "]";
        if (i.unique) out += ", unique = true";
        if (!i.where.empty()) out += ", where = " + toml_string(i.where);
        out += " },\n";
      }
      out += "]\n";
    }
  }
  return out;
}

// The inspection half of a dialect. Reads the database only through `session`.
class Inspector {
 public:
  virtual ~Inspector() = default;
  // RETORT_INSPECT_* bits: what inspect() reports beyond the basics.
  virtual uint64_t inspect_features() const = 0;
  // Every table of `schema` ("" for the connection's current schema).
  virtual std::vector<InspectedTable> inspect(const std::string& schema, const Session& session) const = 0;
};

}  // namespace retort::sdk
