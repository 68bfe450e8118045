// Tests util/toml_nesting.cc: how deep keys, headers, arrays and inline tables nest (levels of the
// document's tree), counted on raw text with strings and comments skipped; the limit's edges, and inputs
// far past it that must not crash.
#include "util/toml_nesting.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

std::string dotted_key(int parts) {
  std::string key = "a";
  for (int i = 1; i < parts; ++i) key += ".a";
  return key;
}

std::string repeated(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

bool passes(const std::string& text) { return check_toml_nesting(text, "x.toml").ok(); }

std::string error_of(const std::string& text) {
  Status st = check_toml_nesting(text, "x.toml");
  return st.ok() ? "(passes)" : st.error().to_string();
}

TEST(TomlNesting, DottedKeysCountEachPart) {
  EXPECT_TRUE(passes(dotted_key(100) + " = 1\n"));
  EXPECT_FALSE(passes(dotted_key(101) + " = 1\n"));
  EXPECT_FALSE(passes(dotted_key(50000) + " = 1\n"));
  EXPECT_TRUE(passes(repeated("a . ", 99) + "a = 1\n")) << "spaces around the dots";
  EXPECT_FALSE(passes(repeated("a . ", 100) + "a = 1\n"));
}

TEST(TomlNesting, ArraysAndInlineTablesCountEachLevel) {
  // The key is one level, each '[' or '{' one more.
  EXPECT_TRUE(passes("a = " + repeated("[", 99) + repeated("]", 99) + "\n"));
  EXPECT_FALSE(passes("a = " + repeated("[", 100) + repeated("]", 100) + "\n"));
  EXPECT_FALSE(passes("a = " + repeated("[", 50000)));
  EXPECT_TRUE(passes("a = " + repeated("{ b = ", 99) + "1" + repeated(" }", 99) + "\n"));
  EXPECT_FALSE(passes("a = " + repeated("{ b = ", 100) + "1" + repeated(" }", 100) + "\n"));
  EXPECT_FALSE(passes("a = " + repeated("{b=", 50000)));
  EXPECT_FALSE(passes("a = " + repeated("[{b=", 25000)));
  // Keys inside inline tables add their parts to the level of the table's own key.
  EXPECT_TRUE(passes("a = { " + dotted_key(99) + " = 1 }\n"));
  EXPECT_FALSE(passes("a = { " + dotted_key(100) + " = 1 }\n"));
  EXPECT_FALSE(passes("a = { x = 1, " + dotted_key(100) + " = 1 }\n")) << "a key after a comma";
  EXPECT_TRUE(passes("a = " + repeated("[{ b = ", 49) + "1" + repeated(" }]", 49) + "\n"));
  EXPECT_FALSE(passes("a = " + repeated("[{ b = ", 50) + "1" + repeated(" }]", 50) + "\n"));
}

TEST(TomlNesting, SiblingsDoNotAddUp) {
  std::string wide = "a = [" + repeated("[[1]], ", 1000) + "]\n";
  for (int i = 0; i < 1000; ++i) wide += "k" + std::to_string(i) + " = { b = { c = 1 } }\n";
  EXPECT_TRUE(passes(wide));
  EXPECT_TRUE(passes(repeated(dotted_key(90) + " = 1\n", 100)));
}

TEST(TomlNesting, TableHeadersCountTheirParts) {
  EXPECT_TRUE(passes("[" + dotted_key(100) + "]\n"));
  EXPECT_FALSE(passes("[" + dotted_key(101) + "]\n"));
  EXPECT_FALSE(passes("[" + dotted_key(50000) + "]\n"));
  // An array of tables is one more level; keys below a header start at its depth.
  EXPECT_TRUE(passes("[[" + dotted_key(99) + "]]\n"));
  EXPECT_FALSE(passes("[[" + dotted_key(100) + "]]\n"));
  EXPECT_TRUE(passes("[" + dotted_key(50) + "]\n" + dotted_key(50) + " = 1\n"));
  EXPECT_FALSE(passes("[" + dotted_key(50) + "]\n" + dotted_key(51) + " = 1\n"));
  EXPECT_TRUE(passes("  [" + dotted_key(50) + "]\n[b]\n" + dotted_key(99) + " = 1\n")) << "a new header resets";
}

TEST(TomlNesting, StringsAndCommentsAreNotNesting) {
  const std::string deep = repeated("[{.", 50000);
  EXPECT_TRUE(passes("a = \"" + deep + "\"\n"));
  EXPECT_TRUE(passes("a = '" + deep + "'\n"));
  EXPECT_TRUE(passes("a = \"\"\"\n" + deep + "\n\"\"\"\n"));
  EXPECT_TRUE(passes("a = '''\n" + deep + "\n'''\n"));
  EXPECT_TRUE(passes("# " + deep + "\n"));
  EXPECT_TRUE(passes("a = 1 # " + deep + "\n"));
  EXPECT_TRUE(passes("\"" + deep + "\" = 1\n")) << "a quoted key is one part";
  EXPECT_TRUE(passes("['" + deep + "']\n"));
  // Escapes and quotes inside strings do not end them early.
  EXPECT_TRUE(passes("a = \"\\\"" + deep + "\\\\\"\n"));
  EXPECT_TRUE(passes("a = \"\"\"\"\"" + deep + "\"\" b\"\"\"\"\"\n")) << "quotes next to the delimiters";
  EXPECT_TRUE(passes("a = '''''" + deep + "'' b'''''\n"));
  EXPECT_TRUE(passes("a = \"\"\"\\\n" + deep + "\\\"\"\"\"\"\"\n")) << "a line-ending backslash, an escaped quote";
  EXPECT_TRUE(passes("a = 'c:\\'\nb = \"" + deep + "\"\n")) << "no escapes in literal strings";
}

TEST(TomlNesting, NestingAfterAStringIsStillCounted) {
  EXPECT_FALSE(passes("a = \"[[[\"\nb = " + repeated("[", 200)));
  EXPECT_FALSE(passes("a = \"\"\"\n\"\"\"\nb = " + repeated("[", 200)));
  // An unclosed one-line string ends with its line: the lines after it are still looked at.
  EXPECT_FALSE(passes("a = \"open\nb = " + repeated("[", 200)));
  EXPECT_FALSE(passes("a = 'open\nb = " + repeated("{c=", 200)));
}

TEST(TomlNesting, ErrorNamesFileLineAndWhatToDo) {
  std::string text = "# comment\nx = \"\"\"\none\ntwo\n\"\"\"\n[t]\n" + dotted_key(200) + " = 1\n";
  EXPECT_EQ(error_of(text),
            "x.toml:7: nesting deeper than 100 levels (dotted keys, table headers, arrays and inline tables inside "
            "each other)\n  hint: write it flatter: revision files and configs need only a few levels");
  EXPECT_NE(error_of("a = [\n[\n" + repeated("[\n", 200)).find("x.toml:100:"), std::string::npos)
      << error_of("a = [\n[\n" + repeated("[\n", 200));
}

TEST(TomlNesting, RealFilesPass) {
  EXPECT_TRUE(passes(R"(revision = "1975ea83b712"
down_revision = ["a", "b"]
message = "create \"account\" table [v2] {x}"
create_date = 2026-11-21T10:00:00Z

[[upgrade]]
op = "create_table"
table = "account"
columns = [
  { name = "id", type = "integer", primary_key = true },  # trailing comment [
  { name = "created_at", type = "timestamp", server_default = { sql = "CURRENT_TIMESTAMP" } },
]
)"));
}

TEST(TomlNesting, GarbageNeitherCrashesNorHangs) {
  EXPECT_TRUE(passes(""));
  EXPECT_TRUE(passes("]]]}}}]]]"));
  EXPECT_TRUE(passes("\"\"\""));
  EXPECT_TRUE(passes("'''"));
  EXPECT_TRUE(passes("a = \"\\"));
  EXPECT_TRUE(passes(std::string("a\0b = [1]\n", 10)));
  EXPECT_FALSE(passes(repeated("a = [{", 60)));
}

}  // namespace
}  // namespace retort
