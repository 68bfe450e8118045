// Tests ops/op_reference.cc: the listing, one operation in full and the Markdown reference, rendered from
// the catalogue: required and optional fields, nested fields, the column table, the automatic downgrade,
// and an operation a plugin provides, named with its plugin.
#include "ops/op_reference.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A plugin's operation table, as a plugin would declare it.
const retort_field kName = {sizeof(retort_field), "name", RETORT_FIELD_STRING, 1};
const retort_field kCascade = {sizeof(retort_field), "cascade", RETORT_FIELD_BOOLEAN, 0};
const retort_field* const kFields[] = {&kName, &kCascade};
const retort_operation kDropThing = {sizeof(retort_operation), "drop_thing", 2, kFields, nullptr, nullptr, nullptr};

OpCatalogue with_plugin() { return OpCatalogue::with_plugin_operations({PluginOperation{"things", &kDropThing}}); }

TEST(OpReference, ListingNamesEveryOperationItsProviderAndFields) {
  const std::string text = operations_listing(with_plugin());
  for (const std::string& name : OpCatalogue::core().names()) EXPECT_TRUE(contains(text, name + " ")) << name;
  EXPECT_TRUE(contains(text, "create_table              core")) << text;
  EXPECT_TRUE(contains(text, "    required: table, columns\n    optional: primary_key, foreign_keys, unique, checks, comment\n"))
      << text;
  EXPECT_TRUE(contains(text, "drop_thing                plugin things\n    required: name\n    optional: cascade\n")) << text;
}

TEST(OpReference, OneOperationInFull) {
  const std::string text = operation_text(*OpCatalogue::core().find("create_table"));
  EXPECT_EQ(text.rfind("create_table (core)\n  Creates a table", 0), 0u) << text;
  EXPECT_TRUE(contains(text, "Without [[downgrade]]: undone by drop_table.")) << text;
  EXPECT_TRUE(contains(text, "  table                       required  string")) << text;
  EXPECT_TRUE(contains(text, "  foreign_keys[].ondelete     optional  one of: CASCADE, SET NULL")) << text;
  EXPECT_TRUE(contains(text, "  schema  ")) << text;
  EXPECT_TRUE(contains(text, "A column table:\n")) << text;
  EXPECT_TRUE(contains(operation_text(*OpCatalogue::core().find("execute")),
                       "Without [[downgrade]]: cannot be undone; downgrading a revision that uses it is refused."));
  const std::string plugin = operation_text(*with_plugin().find("drop_thing"));
  EXPECT_EQ(plugin.rfind("drop_thing (plugin things)\n", 0), 0u) << plugin;
  EXPECT_TRUE(contains(plugin, "cascade  optional  true or false")) << plugin;
}

TEST(OpReference, MarkdownHasATablePerOperationAndTheColumnTable) {
  const std::string md = operations_markdown(with_plugin());
  EXPECT_TRUE(contains(md, "### `alter_column`\n\nChanges a column")) << md;
  EXPECT_TRUE(contains(md, "| `existing.nullable` | optional | true or false | Whether it allowed NULL. |\n")) << md;
  EXPECT_TRUE(contains(md, "| `foreign_keys[].ref_table` | required | string | The referenced table. |\n")) << md;
  EXPECT_TRUE(contains(md, "### Column tables\n")) << md;
  EXPECT_TRUE(contains(md, "### `drop_thing` (plugin `things`)\n")) << md;
  // The column table comes after the core operations and before the plugins'.
  EXPECT_LT(md.find("### `bulk_insert`"), md.find("### Column tables"));
  EXPECT_LT(md.find("### Column tables"), md.find("### `drop_thing`"));
}

}  // namespace
}  // namespace retort
