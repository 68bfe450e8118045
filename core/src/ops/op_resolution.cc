#include "ops/op_resolution.h"

#include <sstream>

namespace retort {
namespace {

void pick_variant(toml::table& t, const std::string& key, const DialectVariants& dialect) {
  toml::node* n = t.get(key);
  const toml::table* variants = n ? n->as_table() : nullptr;
  if (!variants) return;
  const toml::node* chosen = dialect.pick(*variants);
  std::string value = chosen && chosen->is_string() ? chosen->as_string()->get() : "";
  t.insert_or_assign(key, value);
}

// Dates and times as strings: the ABI carries no date type.
void stringify_dates(toml::node& n) {
  if (auto* t = n.as_table()) {
    for (auto&& [k, v] : *t) {
      if (v.is_date() || v.is_time() || v.is_date_time()) {
        std::ostringstream text;
        v.visit([&](auto&& x) { text << x; });
        t->insert_or_assign(k, text.str());
      } else {
        stringify_dates(v);
      }
    }
  } else if (auto* a = n.as_array()) {
    for (size_t i = 0; i < a->size(); ++i) {
      toml::node& v = *a->get(i);
      if (v.is_date() || v.is_time() || v.is_date_time()) {
        std::ostringstream text;
        v.visit([&](auto&& x) { text << x; });
        a->replace(a->begin() + static_cast<std::ptrdiff_t>(i), text.str());
      } else {
        stringify_dates(v);
      }
    }
  }
}

void resolve_column(toml::node* n, const DialectVariants& dialect) {
  if (auto* col = n ? n->as_table() : nullptr) pick_variant(*col, "type", dialect);
}

}  // namespace

toml::table resolve_for_dialect(const toml::table& op, const OpSpec& spec, const DialectVariants& dialect) {
  toml::table out = op;
  for (const auto& f : spec.fields) {
    switch (f.kind) {
      case FieldKind::kSql:
      case FieldKind::kType:
        pick_variant(out, f.name, dialect);
        break;
      case FieldKind::kColumn:
        resolve_column(out.get(f.name), dialect);
        break;
      case FieldKind::kColumns:
        if (auto* cols = out.get(f.name) ? out.get(f.name)->as_array() : nullptr)
          for (auto& c : *cols) resolve_column(&c, dialect);
        break;
      default:
        break;
    }
  }
  stringify_dates(out);
  return out;
}

std::optional<toml::table> inverse_operation(const toml::table& op, const OpSpec& spec, const OpCatalogue& catalogue) {
  if (spec.inverse.empty()) return std::nullopt;
  toml::table inv;
  inv.insert("op", spec.inverse);
  if (const toml::node* s = op.get("schema")) inv.insert("schema", *s);
  auto copy = [&](const char* from, const char* to) {
    if (const toml::node* n = op.get(from)) inv.insert(to, *n);
  };
  const std::string& name = spec.name;
  if (spec.plugin) {
    const OpSpec* inverse = catalogue.find(spec.inverse);
    if (!inverse) return std::nullopt;
    for (const auto& f : inverse->fields) copy(f.name.c_str(), f.name.c_str());
  } else if (name == "create_table") {
    copy("table", "table");
  } else if (name == "add_column") {
    copy("table", "table");
    if (const toml::table* col = op.get("column") ? op.get("column")->as_table() : nullptr)
      if (const toml::node* col_name = col->get("name")) inv.insert("column", *col_name);
  } else if (name == "create_index") {
    copy("name", "name");
    copy("table", "table");
  } else if (name == "rename_table") {
    copy("new_name", "table");
    copy("table", "new_name");
  } else if (name == "alter_column") {
    // Only a pure rename can be undone without knowing the column's previous definition.
    for (const char* changed : {"type", "nullable", "server_default", "comment"})
      if (op.get(changed)) return std::nullopt;
    if (!op.get("new_name")) return std::nullopt;
    copy("table", "table");
    copy("new_name", "column");
    copy("column", "new_name");
  } else if (name == "create_primary_key" || name == "create_unique_constraint" || name == "create_foreign_key" ||
             name == "create_check_constraint") {
    copy("name", "name");
    copy("table", "table");
    inv.insert("type", name == "create_primary_key"       ? "primary"
                       : name == "create_unique_constraint" ? "unique"
                       : name == "create_foreign_key"       ? "foreignkey"
                                                            : "check");
  } else {
    return std::nullopt;
  }
  return inv;
}

}  // namespace retort
