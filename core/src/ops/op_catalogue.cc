#include "ops/op_catalogue.h"

namespace retort {

const FieldSpec* OpSpec::field(const std::string& field_name) const {
  for (const auto& f : fields)
    if (f.name == field_name) return &f;
  return nullptr;
}

const std::vector<FieldSpec>& column_fields() {
  static const std::vector<FieldSpec> fields = {
      {"name", FieldKind::kString, true},       {"type", FieldKind::kType, true},
      {"nullable", FieldKind::kBool},           {"primary_key", FieldKind::kBool},
      {"autoincrement", FieldKind::kBool},      {"unique", FieldKind::kBool},
      {"server_default", FieldKind::kLiteral}, {"comment", FieldKind::kString},
  };
  return fields;
}

const std::vector<FieldSpec>& existing_column_fields() {
  static const std::vector<FieldSpec> fields = {
      {"type", FieldKind::kType},          {"nullable", FieldKind::kBool},      {"server_default", FieldKind::kLiteral},
      {"comment", FieldKind::kString},     {"autoincrement", FieldKind::kBool},
  };
  return fields;
}

namespace {
const std::vector<std::string> kReferentialActions = {"CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION"};
}  // namespace

const OpCatalogue& OpCatalogue::core() {
  static const OpCatalogue catalogue = [] {
    OpCatalogue c;
    c.add({"create_table",
           {{"table", FieldKind::kString, true},
            {"columns", FieldKind::kColumns, true},
            {"primary_key", FieldKind::kNames},
            {"foreign_keys", FieldKind::kTables, false, {},
             {{"columns", FieldKind::kNames, true},
              {"ref_table", FieldKind::kString, true},
              {"ref_columns", FieldKind::kNames, true},
              {"ref_schema", FieldKind::kString},
              {"name", FieldKind::kString},
              {"ondelete", FieldKind::kChoice, false, kReferentialActions},
              {"onupdate", FieldKind::kChoice, false, kReferentialActions}}},
            {"unique", FieldKind::kTables, false, {}, {{"columns", FieldKind::kNames, true}, {"name", FieldKind::kString}}},
            {"checks", FieldKind::kTables, false, {}, {{"sql", FieldKind::kString, true}, {"name", FieldKind::kString}}},
            {"comment", FieldKind::kString}},
           "drop_table"});
    c.add({"drop_table", {{"table", FieldKind::kString, true}}, ""});
    c.add({"add_column", {{"table", FieldKind::kString, true}, {"column", FieldKind::kColumn, true}}, "drop_column"});
    c.add({"drop_column", {{"table", FieldKind::kString, true}, {"column", FieldKind::kString, true}}, ""});
    c.add({"create_index",
           {{"name", FieldKind::kString, true},
            {"table", FieldKind::kString, true},
            {"columns", FieldKind::kIndexElements, true},
            {"unique", FieldKind::kBool},
            {"where", FieldKind::kString}},
           "drop_index"});
    c.add({"drop_index", {{"name", FieldKind::kString, true}, {"table", FieldKind::kString, true}}, ""});
    c.add({"rename_table", {{"table", FieldKind::kString, true}, {"new_name", FieldKind::kString, true}}, "rename_table"});
    c.add({"alter_column",
           {{"table", FieldKind::kString, true},
            {"column", FieldKind::kString, true},
            {"new_name", FieldKind::kString},
            {"type", FieldKind::kType},
            {"nullable", FieldKind::kBool},
            {"server_default", FieldKind::kLiteral},
            {"comment", FieldKind::kString},
            {"existing", FieldKind::kTable, false, {}, existing_column_fields()}},
           "alter_column"});
    const std::vector<FieldSpec> named_columns = {
        {"name", FieldKind::kString, true}, {"table", FieldKind::kString, true}, {"columns", FieldKind::kNames, true}};
    c.add({"create_primary_key", named_columns, "drop_constraint"});
    c.add({"create_unique_constraint", named_columns, "drop_constraint"});
    c.add({"create_foreign_key",
           {{"name", FieldKind::kString, true},
            {"table", FieldKind::kString, true},
            {"columns", FieldKind::kNames, true},
            {"ref_table", FieldKind::kString, true},
            {"ref_columns", FieldKind::kNames, true},
            {"ref_schema", FieldKind::kString},
            {"ondelete", FieldKind::kChoice, false, kReferentialActions},
            {"onupdate", FieldKind::kChoice, false, kReferentialActions}},
           "drop_constraint"});
    c.add({"create_check_constraint",
           {{"name", FieldKind::kString, true}, {"table", FieldKind::kString, true}, {"sql", FieldKind::kString, true}},
           "drop_constraint"});
    c.add({"drop_constraint",
           {{"name", FieldKind::kString, true},
            {"table", FieldKind::kString, true},
            {"type", FieldKind::kChoice, true, {"primary", "unique", "foreignkey", "check"}}},
           ""});
    // Alembic's names. The comment a table had before makes either one undoable.
    c.add({"create_table_comment",
           {{"table", FieldKind::kString, true},
            {"comment", FieldKind::kString, true},
            {"existing_comment", FieldKind::kString}},
           "drop_table_comment"});
    c.add({"drop_table_comment", {{"table", FieldKind::kString, true}, {"existing_comment", FieldKind::kString}},
           "create_table_comment"});
    c.add({"execute", {{"sql", FieldKind::kSql, true}}, ""});
    c.add({"bulk_insert", {{"table", FieldKind::kString, true}, {"rows", FieldKind::kRows, true}}, ""});
    return c;
  }();
  return catalogue;
}

const OpSpec* OpCatalogue::find(const std::string& name) const {
  for (const auto& s : specs_)
    if (s.name == name) return &s;
  return nullptr;
}

OpCatalogue OpCatalogue::with_plugin_operations(const std::vector<PluginOperation>& operations) {
  OpCatalogue c = core();
  for (const auto& [plugin_name, o] : operations) {
    OpSpec spec;
    spec.name = o->name;
    spec.inverse = o->inverse ? o->inverse : "";
    spec.plugin = o;
    spec.plugin_name = plugin_name;
    for (size_t i = 0; i < o->field_count; ++i) {
      const retort_field* f = o->fields[i];
      FieldKind kind = f->kind == RETORT_FIELD_STRING    ? FieldKind::kString
                       : f->kind == RETORT_FIELD_BOOLEAN ? FieldKind::kBool
                       : f->kind == RETORT_FIELD_NAMES   ? FieldKind::kNames
                       : f->kind == RETORT_FIELD_SQL     ? FieldKind::kSql
                                                         : FieldKind::kAny;
      spec.fields.push_back({f->name, kind, f->required != 0});
    }
    c.add(std::move(spec));
  }
  return c;
}

std::vector<std::string> OpCatalogue::names() const {
  std::vector<std::string> out;
  for (const auto& s : specs_) out.push_back(s.name);
  return out;
}

}  // namespace retort
