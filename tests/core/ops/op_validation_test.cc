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
      {"op = \"create_index\"\nname = \"i\"\ntable = \"t\"\ncolumns = []\n", "non-empty array of column names"},
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

TEST(ValidateOperation, AcceptsTheNewCataloguePieces) {
  EXPECT_EQ(check("op = \"alter_column\"\ntable = \"t\"\ncolumn = \"c\"\nnullable = false\n"
                  "existing = { type = { sqlite = \"text\", postgresql = \"jsonb\" }, nullable = true, "
                  "server_default = { sql = \"\" }, comment = \"\", autoincrement = false }\n"),
            "");
  EXPECT_EQ(check("op = \"create_index\"\nname = \"i\"\ntable = \"t\"\ncolumns = [{ sql = \"lower(a)\" }, \"b\"]\n"), "");
  EXPECT_EQ(check("op = \"create_table_comment\"\ntable = \"t\"\ncomment = \"c\"\nexisting_comment = \"\"\n"), "");
  EXPECT_EQ(check("op = \"drop_table_comment\"\ntable = \"t\"\n"), "");
}

// Each case: the operation after "[[upgrade]]" (so its first line is line 2), and what the error says.
struct Case {
  const char* op;
  const char* expected;
};

void expect_errors(const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    std::string got = check(c.op);
    EXPECT_NE(got.find(c.expected), std::string::npos) << "expected '" << c.expected << "' in: " << got;
  }
}

TEST(ValidateOperation, ExistingIsCheckedLikeTheFieldsItDescribes) {
  const std::string alter = "op = \"alter_column\"\ntable = \"t\"\ncolumn = \"c\"\nnullable = false\n";
  const std::vector<std::string> ops = {
      alter + "existing = \"text\"\n",
      alter + "existing = { nulable = true }\n",
      alter + "existing = { type = \"strng(50)\" }\n",
      alter + "existing = { type = { postgresql = \"jsonb\" } }\n",
      alter + "existing = { type = { postgresql = \"jsonb\", default = \"integr\" } }\n",
      alter + "existing = { nullable = \"yes\" }\n",
      alter + "existing = { server_default = [1] }\n",
      alter + "existing = { comment = 5 }\n",
  };
  expect_errors({
      {ops[0].c_str(), "r.toml:6: 'existing' in operation 'alter_column' must be a table with the fields type, nullable"},
      {ops[1].c_str(), "r.toml:6: unknown field 'nulable' in 'existing' of operation 'alter_column'"},
      {ops[1].c_str(), "did you mean 'nullable'"},
      {ops[2].c_str(), "r.toml:6: 'type' in 'existing' of operation 'alter_column': unknown type 'strng(50)'"},
      {ops[2].c_str(), "did you mean 'string'"},
      {ops[3].c_str(), "r.toml:6: 'type' in 'existing' of operation 'alter_column' has no variant for dialect 'sqlite'"},
      {ops[4].c_str(), "unknown type 'integr'"},
      {ops[5].c_str(), "'nullable' in 'existing' of operation 'alter_column' must be true or false"},
      {ops[6].c_str(), "'server_default' in 'existing' of operation 'alter_column' must be a literal value or { sql"},
      {ops[7].c_str(), "'comment' in 'existing' of operation 'alter_column' must be a string"},
  });
}

TEST(ValidateOperation, IndexColumnsAreNamesOrExpressions) {
  const std::string index = "op = \"create_index\"\nname = \"i\"\ntable = \"t\"\n";
  const std::vector<std::string> ops = {
      index + "columns = [1]\n",
      index + "columns = [\"a\",\n  { expr = \"lower(a)\" }]\n",
      index + "columns = [\"a\", { sql = 5 }]\n",
      index + "columns = [{ sql = \" \" }]\n",
      index + "columns = { sql = \"lower(a)\" }\n",
      index + "columns = [[\"a\"]]\n",
  };
  expect_errors({
      {ops[0].c_str(), "r.toml:5: 'columns' in operation 'create_index', element 1 must be a column name or an "
                       "expression like { sql = \"lower(email)\" }, not integer"},
      {ops[1].c_str(), "r.toml:6: unknown field 'expr' in 'columns' in operation 'create_index', element 2"},
      {ops[1].c_str(), "r.toml:6: 'columns' in operation 'create_index', element 2 needs 'sql'"},
      {ops[2].c_str(), "element 2: 'sql' must be a string, not integer"},
      {ops[3].c_str(), "r.toml:5: 'columns' in operation 'create_index', element 1: the expression is empty"},
      {ops[4].c_str(), "must be a column name or a non-empty array of column names and { sql"},
      {ops[5].c_str(), "element 1 must be a column name or an expression"},
  });
}

TEST(ValidateOperation, TableComments) {
  expect_errors({
      {"op = \"create_table_comment\"\ntable = \"t\"\n", "operation 'create_table_comment' needs 'comment'"},
      {"op = \"create_table_comment\"\ntable = \"t\"\ncomment = \"\"\n",
       "r.toml:4: 'comment' in operation 'create_table_comment' is empty"},
      {"op = \"create_table_comment\"\ntable = \"t\"\ncomment = \"\"\n", "use op = \"drop_table_comment\""},
      {"op = \"drop_table_comment\"\ntable = \"t\"\nexisting_comment = 1\n",
       "r.toml:4: 'existing_comment' in operation 'drop_table_comment' must be a string"},
      {"op = \"drop_table_comment\"\ntable = \"t\"\ncomment = \"x\"\n", "unknown field 'comment'"},
  });
}

}  // namespace
}  // namespace retort
