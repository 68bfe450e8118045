#include "ops/op_validation.h"

#include "ops/column_types.h"

#include "util/strings.h"
#include "util/toml_file.h"

#include <algorithm>

namespace retort {
namespace {

struct Checker {
  const std::string& path;
  const DialectVariants& dialect;
  ErrorList& errors;

  void fail(const toml::node& n, const std::string& msg, const std::string& hint = "") {
    Error e = error_at(n, path, msg);
    if (!hint.empty()) e.hint(hint);
    errors.add(std::move(e));
  }

  void check_fields(const toml::table& t, const std::vector<FieldSpec>& specs, const std::string& context,
                    bool allow_op_keys) {
    std::vector<std::string> allowed;
    allowed.reserve(specs.size() + 2);
    for (const auto& f : specs) allowed.push_back(f.name);
    if (allow_op_keys) allowed.insert(allowed.end(), {"op", "schema"});
    check_known_keys(t, path, allowed, context, errors);
    for (const auto& f : specs) {
      const toml::node* n = t.get(f.name);
      if (!n) {
        if (f.required) fail(t, context + " needs '" + f.name + "'");
        continue;
      }
      check_kind(*n, f, context);
    }
    if (allow_op_keys)
      if (const toml::node* s = t.get("schema"); s && !s->is_string()) fail(*s, "'schema' must be a string");
  }

  void check_kind(const toml::node& n, const FieldSpec& f, const std::string& context) {
    const std::string what = "'" + f.name + "' in " + context;
    switch (f.kind) {
      case FieldKind::kString:
        if (!n.is_string()) fail(n, what + " must be a string, not " + type_name(n));
        break;
      case FieldKind::kBool:
        if (!n.is_boolean()) fail(n, what + " must be true or false, not " + type_name(n));
        break;
      case FieldKind::kNames:
        if (n.is_string()) break;
        if (const auto* a = n.as_array(); a && !a->empty() && a->is_homogeneous(toml::node_type::string)) break;
        fail(n, what + " must be a name or a non-empty array of names");
        break;
      case FieldKind::kSql:
        check_sql(n, what);
        break;
      case FieldKind::kType:
        check_sql(n, what);
        check_type_names(n, what);
        break;
      case FieldKind::kColumn:
        if (const auto* t = n.as_table()) {
          check_fields(*t, column_fields(), "column", false);
        } else {
          fail(n, what + " must be a column table like { name = \"id\", type = \"integer\" }");
        }
        break;
      case FieldKind::kColumns: {
        const auto* a = n.as_array();
        if (!a || a->empty() || !a->is_array_of_tables()) {
          fail(n, what + " must be a non-empty array of column tables");
          break;
        }
        for (const auto& c : *a) check_fields(*c.as_table(), column_fields(), "column", false);
        break;
      }
      case FieldKind::kLiteral:
        if (const auto* t = n.as_table()) {
          if (t->size() != 1 || !t->get("sql") || !t->get("sql")->is_string())
            fail(n, what + " must be a literal value or { sql = \"...\" }");
        } else if (n.is_array()) {
          fail(n, what + " must be a literal value or { sql = \"...\" }, not an array");
        }
        break;
      case FieldKind::kTable:
        if (const auto* t = n.as_table()) {
          check_fields(*t, f.item_fields, "'" + f.name + "' of " + context, false);
        } else {
          fail(n, what + " must be a table with the fields " + field_names(f.item_fields));
        }
        break;
      case FieldKind::kIndexElements:
        check_index_elements(n, what);
        break;
      case FieldKind::kTables: {
        const auto* a = n.as_array();
        if (!a || (!a->empty() && !a->is_array_of_tables())) {
          fail(n, what + " must be an array of tables");
          break;
        }
        for (const auto& item : *a) check_fields(*item.as_table(), f.item_fields, "an entry of '" + f.name + "'", false);
        break;
      }
      case FieldKind::kChoice: {
        const auto* str = n.as_string();
        bool ok = str && std::find(f.choices.begin(), f.choices.end(), str->get()) != f.choices.end();
        if (!ok) fail(n, what + " must be one of: " + join(f.choices, ", "));
        break;
      }
      case FieldKind::kAny:
        break;
      case FieldKind::kRows: {
        const auto* a = n.as_array();
        if (!a || a->empty() || !a->is_array_of_tables()) {
          fail(n, what + " must be a non-empty array of tables like { id = 1, name = \"x\" }");
          break;
        }
        for (const auto& row : *a)
          for (const auto& [col, value] : *row.as_table())
            if (value.is_array() || value.is_table())
              fail(value, what + ": value of '" + std::string(col.str()) + "' must be a string, number, boolean or date");
        break;
      }
    }
  }

  // create_index's columns: a name, or an array of names and { sql = "..." } expressions.
  void check_index_elements(const toml::node& n, const std::string& what) {
    if (n.is_string()) return;
    const auto* a = n.as_array();
    if (!a || a->empty()) {
      fail(n, what + " must be a column name or a non-empty array of column names and { sql = \"...\" } expressions");
      return;
    }
    for (size_t i = 0; i < a->size(); ++i) check_index_element(*a->get(i), what + ", element " + std::to_string(i + 1));
  }

  void check_index_element(const toml::node& e, const std::string& what) {
    if (e.is_string()) return;
    const std::string example = "{ sql = \"lower(email)\" }";
    const auto* t = e.as_table();
    if (!t) {
      fail(e, what + " must be a column name or an expression like " + example + ", not " + type_name(e));
      return;
    }
    check_known_keys(*t, path, {"sql"}, what, errors);
    const toml::node* sql = t->get("sql");
    if (!sql) {
      fail(e, what + " needs 'sql': an expression is written " + example);
    } else if (!sql->is_string()) {
      fail(*sql, what + ": 'sql' must be a string, not " + type_name(*sql));
    } else if (trim(sql->as_string()->get()).empty()) {
      fail(*sql, what + ": the expression is empty", "write the expression to index, e.g. " + example);
    }
  }

  static std::string field_names(const std::vector<FieldSpec>& specs) {
    std::vector<std::string> names;
    names.reserve(specs.size());
    for (const auto& f : specs) names.push_back(f.name);
    return join(names, ", ");
  }

  // Every type written for `n` (one, or one per dialect) that misspells a generic type.
  void check_type_names(const toml::node& n, const std::string& what) {
    auto check = [&](const toml::node& v) {
      const auto* s = v.as_string();
      if (!s) return;
      if (auto generic = misspelt_generic_type(s->get()))
        fail(v, what + ": unknown type '" + s->get() + "'",
             "did you mean '" + *generic + "'? A type that is not generic (" + join(generic_type_names(), ", ") +
                 ") goes to the database as written");
    };
    if (const auto* t = n.as_table()) {
      for (const auto& [k, v] : *t) check(v);
    } else {
      check(n);
    }
  }

  // SQL (or a type) given per dialect: { postgresql = "...", default = "..." }.
  void check_sql(const toml::node& n, const std::string& what) {
    if (n.is_string()) return;
    const auto* t = n.as_table();
    if (!t || t->empty()) {
      fail(n, what + " must be a string or a table of dialect = string");
      return;
    }
    for (const auto& [k, v] : *t)
      if (!v.is_string()) fail(v, what + ": variant '" + std::string(k.str()) + "' must be a string");
    if (!dialect.name.empty() && !dialect.pick(*t))
      fail(n, what + " has no variant for " + dialect.describe() + " and no 'default'",
           "add " + dialect.name + " = \"...\" or default = \"...\"");
  }
};

}  // namespace

void validate_operation(const toml::table& op, const OpCatalogue& catalogue, const std::string& path,
                        const DialectVariants& dialect, ErrorList& errors) {
  const toml::node* name_node = op.get("op");
  if (!name_node || !name_node->is_string()) return;  // reported when the file was read
  const std::string name = name_node->as_string()->get();
  const OpSpec* spec = catalogue.find(name);
  if (!spec) {
    std::vector<std::string> names = catalogue.names();
    std::string near = closest_match(name, names);
    errors.add(error_at(*name_node, path, "unknown operation '" + name + "'")
                   .hint((near.empty() ? std::string() : "did you mean '" + near + "'? ") +
                         "available: " + join(names, ", ")));
    return;
  }
  Checker checker{path, dialect, errors};
  checker.check_fields(op, spec->fields, "operation '" + name + "'", true);
  // An empty comment would be a removal spelt as a creation, and its inverse could not tell them apart.
  if (name == "create_table_comment")
    if (const auto* comment = op.get("comment"); comment && comment->is_string() && comment->as_string()->get().empty())
      checker.fail(*comment, "'comment' in operation 'create_table_comment' is empty",
                   "to remove a table's comment, use op = \"drop_table_comment\"");
}

void validate_fields(const toml::table& table, const std::vector<FieldSpec>& specs, const std::string& path,
                     const std::string& context, ErrorList& errors) {
  const DialectVariants any_dialect{};
  Checker{path, any_dialect, errors}.check_fields(table, specs, context, false);
}

}  // namespace retort
