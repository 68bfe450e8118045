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

// Picks the variants of the fields of `t` that may be written per dialect, in nested tables too: a
// column's type, the type in alter_column's `existing`.
void resolve_fields(toml::table& t, const std::vector<FieldSpec>& specs, const DialectVariants& dialect) {
  auto resolve_table = [&](toml::node& n, const std::vector<FieldSpec>& fields) {
    if (auto* sub = n.as_table()) resolve_fields(*sub, fields, dialect);
  };
  auto resolve_each = [&](toml::node& n, const std::vector<FieldSpec>& fields) {
    if (auto* items = n.as_array())
      for (auto& item : *items) resolve_table(item, fields);
  };
  for (const auto& f : specs) {
    toml::node* n = t.get(f.name);
    if (!n) continue;
    switch (f.kind) {
      case FieldKind::kSql:
      case FieldKind::kType:
        pick_variant(t, f.name, dialect);
        break;
      case FieldKind::kColumn:
        resolve_table(*n, column_fields());
        break;
      case FieldKind::kColumns:
        resolve_each(*n, column_fields());
        break;
      case FieldKind::kTable:
        resolve_table(*n, f.item_fields);
        break;
      case FieldKind::kTables:
        resolve_each(*n, f.item_fields);
        break;
      default:
        break;
    }
  }
}

const toml::table* table_at(const toml::table& t, const char* key) {
  const toml::node* n = t.get(key);
  return n ? n->as_table() : nullptr;
}

std::string string_at(const toml::table& t, const char* key) {
  const toml::node* n = t.get(key);
  return n && n->is_string() ? n->as_string()->get() : std::string();
}

// An alter_column that changes a column's definition is undone by setting back the values `existing`
// says it had; with any of them unknown it cannot be. The inverse carries the values it replaces as its
// own `existing`, so it can be undone in turn (the inverse of the inverse is the original). A rename is
// undone by renaming back; the dialects rename last, so the inverse changes the column under its new name.
std::optional<toml::table> inverse_alter_column(const toml::table& op) {
  const toml::table* existing = table_at(op, "existing");
  toml::table inv{{"op", "alter_column"}};
  toml::table replaced = existing ? *existing : toml::table{};
  bool changes = false;
  for (const char* field : {"type", "nullable", "server_default", "comment"}) {
    const toml::node* now = op.get(field);
    if (!now) continue;
    const toml::node* before = existing ? existing->get(field) : nullptr;
    if (!before) return std::nullopt;
    inv.insert(field, *before);
    replaced.insert_or_assign(field, *now);
    changes = true;
  }
  const toml::node* table = op.get("table");
  const toml::node* column = op.get("column");
  const toml::node* new_name = op.get("new_name");
  if (!table || !column || (!changes && !new_name)) return std::nullopt;
  inv.insert("table", *table);
  inv.insert("column", new_name ? *new_name : *column);
  if (new_name) inv.insert("new_name", *column);
  if (!replaced.empty()) inv.insert("existing", std::move(replaced));
  return inv;
}

// Undoing a comment needs the one it replaced: `existing_comment`, where "" says there was none.
std::optional<toml::table> inverse_table_comment(const toml::table& op, bool created) {
  const toml::node* table = op.get("table");
  const toml::node* before = op.get("existing_comment");
  if (!table || (!created && !before)) return std::nullopt;
  const std::string previous = before ? string_at(op, "existing_comment") : std::string();
  // What the table is left with: the new comment, or none after a drop.
  const std::string current = created ? string_at(op, "comment") : std::string();
  toml::table inv;
  if (previous.empty()) {
    inv.insert("op", "drop_table_comment");
  } else {
    inv.insert("op", "create_table_comment");
    inv.insert("comment", previous);
  }
  inv.insert("table", *table);
  inv.insert("existing_comment", current);
  return inv;
}

std::string constraint_type(const std::string& create_op) {
  return create_op == "create_primary_key"         ? "primary"
         : create_op == "create_unique_constraint" ? "unique"
         : create_op == "create_foreign_key"       ? "foreignkey"
                                                   : "check";
}

std::optional<toml::table> inverse_core_operation(const toml::table& op, const std::string& name,
                                                  const std::string& inverse) {
  toml::table inv{{"op", inverse}};
  auto copy = [&](const char* from, const char* to) {
    if (const toml::node* n = op.get(from)) inv.insert(to, *n);
  };
  if (name == "create_table") {
    copy("table", "table");
  } else if (name == "add_column") {
    copy("table", "table");
    if (const toml::table* col = table_at(op, "column"))
      if (const toml::node* col_name = col->get("name")) inv.insert("column", *col_name);
  } else if (name == "create_index") {
    copy("name", "name");
    copy("table", "table");
  } else if (name == "rename_table") {
    copy("new_name", "table");
    copy("table", "new_name");
  } else if (name == "alter_column") {
    return inverse_alter_column(op);
  } else if (name == "create_table_comment" || name == "drop_table_comment") {
    return inverse_table_comment(op, name == "create_table_comment");
  } else if (name == "create_primary_key" || name == "create_unique_constraint" || name == "create_foreign_key" ||
             name == "create_check_constraint") {
    copy("name", "name");
    copy("table", "table");
    inv.insert("type", constraint_type(name));
  } else {
    return std::nullopt;
  }
  return inv;
}

}  // namespace

toml::table resolve_for_dialect(toml::table op, const OpSpec& spec, const DialectVariants& dialect) {
  resolve_fields(op, spec.fields, dialect);
  stringify_dates(op);
  return op;
}

std::optional<toml::table> inverse_operation(const toml::table& op, const OpSpec& spec, const OpCatalogue& catalogue) {
  if (spec.inverse.empty()) return std::nullopt;
  std::optional<toml::table> inv;
  if (spec.plugin) {
    // A plugin operation's inverse gets the fields of `op` it declares.
    const OpSpec* inverse = catalogue.find(spec.inverse);
    if (!inverse) return std::nullopt;
    inv = toml::table{{"op", spec.inverse}};
    for (const auto& f : inverse->fields)
      if (const toml::node* n = op.get(f.name)) inv->insert(f.name, *n);
  } else {
    inv = inverse_core_operation(op, spec.name, spec.inverse);
  }
  if (!inv) return std::nullopt;
  if (const toml::node* s = op.get("schema")) inv->insert_or_assign("schema", *s);
  return inv;
}

}  // namespace retort
