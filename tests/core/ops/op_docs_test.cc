// Tests ops/op_docs.cc: every core operation, every field of it (nested ones too) and every field of a
// column table is explained, so the generated reference never has an empty cell for a core operation;
// and a field the catalogue does not have is not explained (the prose cannot outlive the catalogue).
#include "ops/op_docs.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

TEST(OpDocs, EveryCoreOperationAndFieldIsExplained) {
  for (const OpSpec& spec : OpCatalogue::core().specs()) {
    EXPECT_FALSE(operation_summary(spec.name).empty()) << spec.name << " has no summary in op_docs.cc";
    for (const FieldSpec& f : spec.fields) {
      EXPECT_FALSE(field_meaning(spec.name, f.name).empty()) << spec.name << "." << f.name << " is not explained";
      EXPECT_FALSE(kind_text(f).empty()) << spec.name << "." << f.name;
      for (const FieldSpec& sub : f.item_fields)
        EXPECT_FALSE(field_meaning(spec.name, f.name + "." + sub.name).empty())
            << spec.name << "." << f.name << "." << sub.name << " is not explained";
    }
  }
  for (const FieldSpec& f : column_fields())
    EXPECT_FALSE(field_meaning("column", f.name).empty()) << "column field " << f.name << " is not explained";
}

TEST(OpDocs, UnknownOperationsAndFieldsHaveNoProse) {
  EXPECT_EQ(operation_summary("create_view"), "");  // a plugin's: the reference shows its fields only
  EXPECT_EQ(field_meaning("create_table", "cascade"), "");
  EXPECT_EQ(field_meaning("drop_table", "table"), "The table to drop.");
}

TEST(OpDocs, KindsInWords) {
  const OpSpec& drop = *OpCatalogue::core().find("drop_constraint");
  EXPECT_EQ(kind_text(*drop.field("type")), "one of: primary, unique, foreignkey, check");
  EXPECT_EQ(kind_text(*drop.field("name")), "string");
  EXPECT_EQ(kind_text(*OpCatalogue::core().find("execute")->field("sql")), "SQL, or table of dialect = SQL");
}

}  // namespace
}  // namespace retort
