#include "ops/op_reference.h"

#include "ops/op_docs.h"
#include "util/strings.h"

#include <algorithm>

namespace retort {
namespace {

struct Row {
  std::string path;  // "table", "foreign_keys[].columns", "existing.type"
  bool required;
  std::string values;
  std::string meaning;
};

const char* kSchemaMeaning = "The schema its table is in (every operation takes it).";

std::vector<Row> rows_of(const std::string& op, const std::vector<FieldSpec>& fields) {
  std::vector<Row> rows;
  for (const FieldSpec& f : fields) {
    rows.push_back(Row{f.name, f.required, kind_text(f), field_meaning(op, f.name)});
    const std::string prefix = f.name + (f.kind == FieldKind::kTables ? "[]." : ".");
    for (const FieldSpec& sub : f.item_fields)
      rows.push_back(Row{prefix + sub.name, sub.required, kind_text(sub), field_meaning(op, f.name + "." + sub.name)});
  }
  return rows;
}

std::vector<Row> operation_rows(const OpSpec& spec) {
  std::vector<Row> rows = rows_of(spec.name, spec.fields);
  rows.push_back(Row{"schema", false, "string", kSchemaMeaning});
  return rows;
}

bool takes_columns(const OpSpec& spec) {
  return std::any_of(spec.fields.begin(), spec.fields.end(), [](const FieldSpec& f) {
    return f.kind == FieldKind::kColumn || f.kind == FieldKind::kColumns;
  });
}

// The first sentence of the operation's summary, for the one-line listing.
std::string first_sentence(const std::string& text) {
  const auto end = text.find(". ");
  return end == std::string::npos ? text : text.substr(0, end + 1);
}

std::string provider(const OpSpec& spec) { return spec.plugin_name.empty() ? "core" : "plugin " + spec.plugin_name; }

std::string downgrade_sentence(const OpSpec& spec, const std::string& quote) {
  if (spec.inverse.empty())
    return "Without " + quote + "[[downgrade]]" + quote +
           ": cannot be undone; downgrading a revision that uses it is refused.";
  const std::string condition = downgrade_condition(spec.name);
  return "Without " + quote + "[[downgrade]]" + quote + ": undone by " + quote + spec.inverse + quote +
         condition + ".";
}

std::string padded(const std::string& text, size_t width) {
  return text + std::string(width > text.size() ? width - text.size() : 0, ' ');
}

std::string text_table(const std::vector<Row>& rows) {
  size_t path_width = 5, values_width = 5;
  for (const Row& r : rows) {
    path_width = std::max(path_width, r.path.size());
    values_width = std::max(values_width, r.values.size());
  }
  std::string out = "  " + padded("field", path_width) + "  " + padded("", 8) + "  " + padded("value", values_width) +
                    "  meaning\n";
  for (const Row& r : rows)
    out += "  " + padded(r.path, path_width) + "  " + padded(r.required ? "required" : "optional", 8) + "  " +
           padded(r.values, values_width) + "  " + r.meaning + "\n";
  return out;
}

std::string cell(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

std::string markdown_table(const std::vector<Row>& rows) {
  std::string out = "| field | | value | meaning |\n|---|---|---|---|\n";
  for (const Row& r : rows)
    out += "| `" + r.path + "` | " + (r.required ? "required" : "optional") + " | " + cell(r.values) + " | " +
           cell(r.meaning) + " |\n";
  return out;
}

std::string column_tables_markdown() {
  return "\n### Column tables\n\nThe columns of `create_table` and the column of `add_column`:\n\n" +
         markdown_table(rows_of("column", column_fields()));
}

}  // namespace

std::string operations_listing(const OpCatalogue& catalogue) {
  size_t name_width = 0, provider_width = 0;
  for (const OpSpec& spec : catalogue.specs()) {
    name_width = std::max(name_width, spec.name.size());
    provider_width = std::max(provider_width, provider(spec).size());
  }
  std::string out;
  for (const OpSpec& spec : catalogue.specs()) {
    std::vector<std::string> required, optional;
    for (const FieldSpec& f : spec.fields) (f.required ? required : optional).push_back(f.name);
    out += padded(spec.name, name_width) + "  " + padded(provider(spec), provider_width) + "  " +
           first_sentence(operation_summary(spec.name));
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += "\n    required: " + (required.empty() ? std::string("(none)") : join(required, ", ")) + "\n";
    if (!optional.empty()) out += "    optional: " + join(optional, ", ") + "\n";
  }
  out += "Every operation may also take `schema`. `retort ops NAME` shows one in full.\n";
  return out;
}

std::string operation_text(const OpSpec& spec) {
  std::string out = spec.name + " (" + provider(spec) + ")\n";
  if (const std::string summary = operation_summary(spec.name); !summary.empty()) out += "  " + summary + "\n";
  out += "  " + downgrade_sentence(spec, "") + "\n\n" + text_table(operation_rows(spec));
  if (takes_columns(spec)) out += "\n  A column table:\n" + text_table(rows_of("column", column_fields()));
  return out;
}

std::string operation_markdown(const OpSpec& spec) {
  std::string out = "### `" + spec.name + "`" + (spec.plugin_name.empty() ? "" : " (plugin `" + spec.plugin_name + "`)") + "\n\n";
  if (const std::string summary = operation_summary(spec.name); !summary.empty()) out += summary + " ";
  return out + downgrade_sentence(spec, "`") + "\n\n" + markdown_table(operation_rows(spec));
}

std::string operations_markdown(const OpCatalogue& catalogue) {
  std::string out =
      "Every operation is a table with `op` (its name) and the fields below; any operation may also take `schema`, "
      "the schema its table is in. A field's value is checked before anything runs.\n";
  bool columns_written = false;
  for (const OpSpec& spec : catalogue.specs()) {
    // The column table after the last core operation, before any plugin's.
    if (!spec.plugin_name.empty() && !columns_written) {
      out += column_tables_markdown();
      columns_written = true;
    }
    out += "\n" + operation_markdown(spec);
  }
  if (!columns_written) out += column_tables_markdown();
  return out;
}

}  // namespace retort
