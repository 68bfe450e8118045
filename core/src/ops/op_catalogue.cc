#include "ops/op_catalogue.h"

namespace retort {

const FieldSpec* OpSpec::field(const std::string& field_name) const {
  for (const auto& f : fields)
    if (f.name == field_name) return &f;
  return nullptr;
}

const std::vector<FieldSpec>& column_fields() {
  static const std::vector<FieldSpec> fields = {
      {"name", FieldKind::kString, true},       {"type", FieldKind::kSql, true},
      {"nullable", FieldKind::kBool},           {"primary_key", FieldKind::kBool},
      {"autoincrement", FieldKind::kBool},      {"unique", FieldKind::kBool},
      {"server_default", FieldKind::kLiteral}, {"comment", FieldKind::kString},
  };
  return fields;
}

const OpCatalogue& OpCatalogue::core() {
  static const OpCatalogue catalogue = [] {
    OpCatalogue c;
    c.add({"create_table",
           {{"table", FieldKind::kString, true},
            {"columns", FieldKind::kColumns, true},
            {"primary_key", FieldKind::kNames},
            {"foreign_keys", FieldKind::kTables},
            {"unique", FieldKind::kTables},
            {"checks", FieldKind::kTables},
            {"comment", FieldKind::kString}},
           "drop_table"});
    c.add({"drop_table", {{"table", FieldKind::kString, true}}, ""});
    c.add({"add_column", {{"table", FieldKind::kString, true}, {"column", FieldKind::kColumn, true}}, "drop_column"});
    c.add({"drop_column", {{"table", FieldKind::kString, true}, {"column", FieldKind::kString, true}}, ""});
    c.add({"create_index",
           {{"name", FieldKind::kString, true},
            {"table", FieldKind::kString, true},
            {"columns", FieldKind::kNames, true},
            {"unique", FieldKind::kBool},
            {"where", FieldKind::kString}},
           "drop_index"});
    c.add({"drop_index", {{"name", FieldKind::kString, true}, {"table", FieldKind::kString, true}}, ""});
    c.add({"execute", {{"sql", FieldKind::kSql, true}}, ""});
    return c;
  }();
  return catalogue;
}

const OpSpec* OpCatalogue::find(const std::string& name) const {
  for (const auto& s : specs_)
    if (s.name == name) return &s;
  return nullptr;
}

std::vector<std::string> OpCatalogue::names() const {
  std::vector<std::string> out;
  for (const auto& s : specs_) out.push_back(s.name);
  return out;
}

}  // namespace retort
