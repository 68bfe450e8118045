// Tests ops/op_validation.cc: unknown ops and fields, missing and mistyped fields, dialect variants.
#include "ops/op_validation.h"

#include "util/toml_file.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

std::string check(const std::string& op_toml, const std::string& dialect = "sqlite") {
  auto doc = parse_toml_text("[[upgrade]]\n" + op_toml, "r.toml");
  EXPECT_TRUE(doc.ok());
  ErrorList errors;
  for (const auto& op : *doc->get("upgrade")->as_array())
    validate_operation(*op.as_table(), OpCatalogue::core(), "r.toml", DialectVariants{dialect, dialect}, errors);
  return errors.empty() ? "" : errors.combined("").to_string();
}

TEST(ValidateOperation, AcceptsGoodOperations) {
  EXPECT_EQ(check("op = \"create_table\"\ntable = \"t\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n"), "");
  EXPECT_EQ(check("op = \"execute\"\nsql = { postgresql = \"x\", default = \"y\" }\n"), "");
  EXPECT_EQ(check("op = \"create_index\"\nname = \"i\"\ntable = \"t\"\ncolumns = \"a\"\nschema = \"s\"\n"), "");
}

TEST(ValidateOperation, Errors) {
  struct Case {
    const char* op;
    const char* expected;
  };
  const Case cases[] = {
      {"op = \"create_tabel\"\n", "r.toml:2: unknown operation 'create_tabel'"},
      {"op = \"create_tabel\"\n", "did you mean 'create_table'"},
      {"op = \"drop_table\"\n", "operation 'drop_table' needs 'table'"},
      {"op = \"drop_table\"\ntable = \"t\"\ncascade = true\n", "r.toml:4: unknown field 'cascade'"},
      {"op = \"drop_table\"\ntable = 5\n", "r.toml:3: 'table' in operation 'drop_table' must be a string"},
      {"op = \"create_index\"\nname = \"i\"\ntable = \"t\"\ncolumns = []\n", "non-empty array of names"},
      {"op = \"create_index\"\nname = \"i\"\ntable = \"t\"\ncolumns = [\"a\"]\nunique = \"yes\"\n", "true or false"},
      {"op = \"add_column\"\ntable = \"t\"\ncolumn = { name = \"c\" }\n", "column needs 'type'"},
      {"op = \"add_column\"\ntable = \"t\"\ncolumn = { name = \"c\", type = \"text\", nulable = true }\n",
       "did you mean 'nullable'"},
      {"op = \"execute\"\nsql = { postgresql = \"x\" }\n", "no variant for dialect 'sqlite' and no 'default'"},
      {"op = \"add_column\"\ntable = \"t\"\ncolumn = { name = \"c\", type = { mysql = \"x\" } }\n",
       "no variant for dialect 'sqlite'"},
      {"op = \"add_column\"\ntable = \"t\"\ncolumn = { name = \"c\", type = \"text\", server_default = [1] }\n",
       "literal value or { sql"},
  };
  for (const auto& c : cases) {
    std::string got = check(c.op);
    EXPECT_NE(got.find(c.expected), std::string::npos) << "expected '" << c.expected << "' in: " << got;
  }
}

}  // namespace
}  // namespace retort
