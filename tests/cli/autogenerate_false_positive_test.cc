// The false positives other autogenerate tools are known for, on every native backend each applies to (the
// ODBC transports read byte-identical documents: the inspector tests): a revision
// tree that makes a table one way and a schema file that declares it another way with the same meaning
// must give no difference (`check` passes, `revision --autogenerate` writes nothing); where two spellings
// really differ (index column order), the difference must be found. Then the scenario suite's final
// schema, inspected and declared back, must check clean.
#include "cli_runner.h"
#include "live_database.h"
#include "temp_dir.h"
#include "text_checks.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::Backend;
using testing::CliResult;
using testing::contains;
using testing::LiveDatabase;

struct Fixture {
  const char* name;
  std::vector<std::string> dialects;  // empty: every dialect
  const char* tree;                   // the revision's operations ([[upgrade]], and [[downgrade]] if needed)
  const char* declared;               // the schema file after `format = 1`
  const char* change = nullptr;       // the difference `check` must report; nullptr: none
};

// The table most fixtures build, in the tree's words and in the schema file's.
#define TREE_TABLE(columns) \
  "[[upgrade]]\nop = \"create_table\"\ntable = \"t\"\ncolumns = [\n" \
  "  { name = \"id\", type = \"integer\", primary_key = true },\n" columns "]\n"
#define DECLARED_TABLE(columns) \
  "[[table]]\nname = \"t\"\ncolumns = [\n  { name = \"id\", type = \"integer\", primary_key = true },\n" columns "]\n"
// A table made by raw SQL, dropped again by the downgrade.
#define RAW_TABLE(sql) \
  "[[upgrade]]\nop = \"execute\"\nsql = \"" sql "\"\n\n[[downgrade]]\nop = \"execute\"\nsql = \"DROP TABLE t\"\n"

const std::vector<Fixture>& fixtures() {
  static const std::vector<Fixture> list = {
      // Server default spellings.
      {"now_vs_current_timestamp", {"postgresql", "mysql"},
       TREE_TABLE("  { name = \"at\", type = \"timestamp\", server_default = { sql = \"now()\" } },\n"),
       DECLARED_TABLE("  { name = \"at\", type = \"timestamp\", server_default = { sql = \"CURRENT_TIMESTAMP\" } },\n")},
      {"now_vs_current_timestamp_timestamptz", {"postgresql"},
       TREE_TABLE("  { name = \"at\", type = \"timestamptz\", server_default = { sql = \"now()\" } },\n"),
       DECLARED_TABLE("  { name = \"at\", type = \"timestamptz\", server_default = { sql = \"CURRENT_TIMESTAMP\" } },\n")},
      {"current_timestamp_letter_case", {},
       TREE_TABLE("  { name = \"at\", type = \"timestamp\", server_default = { sql = \"current_timestamp\" } },\n"),
       DECLARED_TABLE("  { name = \"at\", type = \"timestamp\", server_default = { sql = \"CURRENT_TIMESTAMP\" } },\n")},
      {"zero_vs_quoted_zero_integer", {},
       TREE_TABLE("  { name = \"n\", type = \"integer\", server_default = 0 },\n"),
       DECLARED_TABLE("  { name = \"n\", type = \"integer\", server_default = \"0\" },\n")},
      {"zero_vs_quoted_zero_numeric", {},
       TREE_TABLE("  { name = \"n\", type = \"numeric(10,2)\", server_default = 0 },\n"),
       DECLARED_TABLE("  { name = \"n\", type = \"numeric(10,2)\", server_default = \"0\" },\n")},
      {"zero_vs_quoted_zero_string", {},
       TREE_TABLE("  { name = \"s\", type = \"string(10)\", server_default = 0 },\n"),
       DECLARED_TABLE("  { name = \"s\", type = \"string(10)\", server_default = \"0\" },\n")},
      {"negative_vs_quoted_negative_bigint", {},
       TREE_TABLE("  { name = \"n\", type = \"bigint\", server_default = -1 },\n"),
       DECLARED_TABLE("  { name = \"n\", type = \"bigint\", server_default = \"-1\" },\n")},
      {"fraction_vs_quoted_fraction_double", {},
       TREE_TABLE("  { name = \"r\", type = \"double\", server_default = 0.5 },\n"),
       DECLARED_TABLE("  { name = \"r\", type = \"double\", server_default = \"0.5\" },\n")},
      {"boolean_default_spellings", {},
       TREE_TABLE("  { name = \"b\", type = \"boolean\", server_default = true },\n"),
       DECLARED_TABLE("  { name = \"b\", type = \"boolean\", server_default = { sql = \"TRUE\" } },\n")},
      {"default_null_vs_no_default", {},
       TREE_TABLE("  { name = \"s\", type = \"string(10)\", server_default = { sql = \"NULL\" } },\n"),
       DECLARED_TABLE("  { name = \"s\", type = \"string(10)\" },\n")},
      {"different_defaults_differ", {},
       TREE_TABLE("  { name = \"n\", type = \"integer\", server_default = 0 },\n"),
       DECLARED_TABLE("  { name = \"n\", type = \"integer\", server_default = 1 },\n"), "change column t.n: default"},

      // Type spellings.
      {"varchar_vs_character_varying", {},
       RAW_TABLE("CREATE TABLE t (id integer NOT NULL PRIMARY KEY, s character varying(20))"),
       DECLARED_TABLE("  { name = \"s\", type = \"string(20)\" },\n")},
      {"int_vs_integer", {},
       RAW_TABLE("CREATE TABLE t (id integer NOT NULL PRIMARY KEY, n int)"),
       DECLARED_TABLE("  { name = \"n\", type = \"integer\" },\n")},
      {"int4_vs_integer", {"postgresql"},
       TREE_TABLE("  { name = \"n\", type = { postgresql = \"int4\", default = \"integer\" } },\n"),
       DECLARED_TABLE("  { name = \"n\", type = \"integer\" },\n")},
      {"decimal_vs_numeric", {},
       RAW_TABLE("CREATE TABLE t (id integer NOT NULL PRIMARY KEY, n decimal(10,2))"),
       DECLARED_TABLE("  { name = \"n\", type = \"numeric(10,2)\" },\n")},
      {"bool_vs_boolean", {},
       RAW_TABLE("CREATE TABLE t (id integer NOT NULL PRIMARY KEY, b bool)"),
       DECLARED_TABLE("  { name = \"b\", type = \"boolean\" },\n")},
      {"double_precision_vs_double", {},
       RAW_TABLE("CREATE TABLE t (id integer NOT NULL PRIMARY KEY, r double precision)"),
       DECLARED_TABLE("  { name = \"r\", type = \"double\" },\n")},
      {"boolean_on_mysql_is_tinyint_1", {"mysql"},
       RAW_TABLE("CREATE TABLE t (id int NOT NULL PRIMARY KEY, b tinyint(1) NOT NULL DEFAULT '1')"),
       DECLARED_TABLE("  { name = \"b\", type = \"boolean\", nullable = false, server_default = true },\n")},
      {"string_lengths_differ", {},
       TREE_TABLE("  { name = \"s\", type = \"string(20)\" },\n"),
       DECLARED_TABLE("  { name = \"s\", type = \"string(30)\" },\n"), "change column t.s: type"},

      // CHECK text.
      {"check_spacing_and_case", {},
       TREE_TABLE("  { name = \"n\", type = \"integer\" },\n") "checks = [{ name = \"ck_t_n\", sql = \"n>0 and n<100\" }]\n",
       DECLARED_TABLE("  { name = \"n\", type = \"integer\" },\n") "checks = [{ name = \"ck_t_n\", sql = \"n > 0 AND n < 100\" }]\n"},
      {"check_outer_parentheses", {},
       TREE_TABLE("  { name = \"n\", type = \"integer\" },\n") "checks = [{ name = \"ck_t_n\", sql = \"(n > 0)\" }]\n",
       DECLARED_TABLE("  { name = \"n\", type = \"integer\" },\n") "checks = [{ name = \"ck_t_n\", sql = \"n > 0\" }]\n"},
      // MySQL reads "n" as a string: there the two are different checks.
      {"check_quoted_names", {"sqlite", "postgresql"},
       TREE_TABLE("  { name = \"n\", type = \"integer\" },\n") "checks = [{ name = \"ck_t_n\", sql = '\"n\" > 0' }]\n",
       DECLARED_TABLE("  { name = \"n\", type = \"integer\" },\n") "checks = [{ name = \"ck_t_n\", sql = \"n > 0\" }]\n"},
      {"checks_differ", {},
       TREE_TABLE("  { name = \"n\", type = \"integer\" },\n") "checks = [{ name = \"ck_t_n\", sql = \"n > 0\" }]\n",
       DECLARED_TABLE("  { name = \"n\", type = \"integer\" },\n") "checks = [{ name = \"ck_t_n\", sql = \"n > 1\" }]\n",
       "change check constraint ck_t_n ("},

      // Index column order.
      {"index_column_order_differs", {},
       TREE_TABLE("  { name = \"a\", type = \"integer\" },\n  { name = \"b\", type = \"integer\" },\n")
       "\n[[upgrade]]\nop = \"create_index\"\ntable = \"t\"\nname = \"ix_t_ab\"\ncolumns = [\"a\", \"b\"]\n",
       DECLARED_TABLE("  { name = \"a\", type = \"integer\" },\n  { name = \"b\", type = \"integer\" },\n")
       "indexes = [{ name = \"ix_t_ab\", columns = [\"b\", \"a\"] }]\n", "change index ix_t_ab on t"},
      {"index_same_order_raw_sql", {},
       TREE_TABLE("  { name = \"a\", type = \"integer\" },\n  { name = \"b\", type = \"integer\" },\n")
       "\n[[upgrade]]\nop = \"execute\"\nsql = \"CREATE INDEX ix_t_ab ON t (A,B)\"\n"
       "\n[[downgrade]]\nop = \"drop_table\"\ntable = \"t\"\n",
       DECLARED_TABLE("  { name = \"a\", type = \"integer\" },\n  { name = \"b\", type = \"integer\" },\n")
       "indexes = [{ name = \"ix_t_ab\", columns = [\"a\", \"b\"] }]\n"},
      {"index_unnamed_same_order", {},
       TREE_TABLE("  { name = \"a\", type = \"integer\" },\n  { name = \"b\", type = \"integer\" },\n")
       "\n[[upgrade]]\nop = \"create_index\"\ntable = \"t\"\nname = \"t_a_b_idx\"\ncolumns = [\"a\", \"b\"]\n",
       DECLARED_TABLE("  { name = \"a\", type = \"integer\" },\n  { name = \"b\", type = \"integer\" },\n")
       "indexes = [{ columns = [\"a\", \"b\"] }]\n"},
      {"partial_index_predicate_spelling", {"sqlite", "postgresql"},
       TREE_TABLE("  { name = \"n\", type = \"integer\" },\n")
       "\n[[upgrade]]\nop = \"create_index\"\ntable = \"t\"\nname = \"ix_t_n\"\ncolumns = [\"n\"]\nwhere = \"(N>0)\"\n",
       DECLARED_TABLE("  { name = \"n\", type = \"integer\" },\n")
       "indexes = [{ name = \"ix_t_n\", columns = [\"n\"], where = \"n > 0\" }]\n"},
      {"expression_index_spelling", {"sqlite", "postgresql"},
       TREE_TABLE("  { name = \"s\", type = \"string(20)\" },\n")
       "\n[[upgrade]]\nop = \"create_index\"\ntable = \"t\"\nname = \"ix_t_lower_s\"\ncolumns = [{ sql = \"LOWER( s )\" }]\n",
       DECLARED_TABLE("  { name = \"s\", type = \"string(20)\" },\n")
       "indexes = [{ name = \"ix_t_lower_s\", columns = [{ sql = \"lower(s)\" }] }]\n"},

      // Constraints without a name.
      {"unique_unnamed", {},
       TREE_TABLE("  { name = \"s\", type = \"string(20)\" },\n") "unique = [{ columns = [\"s\"] }]\n",
       DECLARED_TABLE("  { name = \"s\", type = \"string(20)\" },\n") "unique = [{ columns = [\"s\"] }]\n"},
      {"unique_on_the_column_vs_table", {},
       TREE_TABLE("  { name = \"s\", type = \"string(20)\", unique = true },\n"),
       DECLARED_TABLE("  { name = \"s\", type = \"string(20)\" },\n") "unique = [{ columns = [\"s\"] }]\n"},
      {"unique_named_by_naming_pattern", {},
       TREE_TABLE("  { name = \"s\", type = \"string(20)\" },\n") "unique = [{ name = \"uq_t_s\", columns = [\"s\"] }]\n",
       "[naming]\nunique = \"uq_{table}_{columns}\"\n\n" DECLARED_TABLE("  { name = \"s\", type = \"string(20)\" },\n")
       "unique = [{ columns = [\"s\"] }]\n"},
      {"check_unnamed", {},
       TREE_TABLE("  { name = \"n\", type = \"integer\" },\n") "checks = [{ sql = \"n > 0\" }]\n",
       DECLARED_TABLE("  { name = \"n\", type = \"integer\" },\n") "checks = [{ sql = \"n > 0\" }]\n"},
      {"check_named_by_naming_pattern", {},
       TREE_TABLE("  { name = \"n\", type = \"integer\" },\n") "checks = [{ name = \"ck_t_positive\", sql = \"n > 0\" }]\n",
       "[naming]\ncheck = \"ck_{table}_{name}\"\n\n" DECLARED_TABLE("  { name = \"n\", type = \"integer\" },\n")
       "checks = [{ name = \"positive\", sql = \"n > 0\" }]\n"},
      {"foreign_key_unnamed", {},
       "[[upgrade]]\nop = \"create_table\"\ntable = \"p\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n\n"
       TREE_TABLE("  { name = \"p_id\", type = \"integer\" },\n")
       "foreign_keys = [{ columns = [\"p_id\"], ref_table = \"p\", ref_columns = [\"id\"] }]\n",
       "[[table]]\nname = \"p\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n\n"
       DECLARED_TABLE("  { name = \"p_id\", type = \"integer\" },\n")
       "foreign_keys = [{ columns = [\"p_id\"], ref_table = \"p\", ref_columns = [\"id\"] }]\n"},
      // MySQL needs the referenced columns named.
      {"foreign_key_to_the_implied_key", {"sqlite", "postgresql"},
       "[[upgrade]]\nop = \"create_table\"\ntable = \"p\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n\n"
       "[[upgrade]]\nop = \"execute\"\nsql = \"CREATE TABLE t (id integer NOT NULL PRIMARY KEY, p_id integer REFERENCES p)\"\n\n"
       "[[downgrade]]\nop = \"execute\"\nsql = \"DROP TABLE t\"\n\n[[downgrade]]\nop = \"drop_table\"\ntable = \"p\"\n",
       "[[table]]\nname = \"p\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n\n"
       DECLARED_TABLE("  { name = \"p_id\", type = \"integer\" },\n")
       "foreign_keys = [{ columns = [\"p_id\"], ref_table = \"p\", ref_columns = [\"id\"] }]\n"},
      {"foreign_key_named_by_naming_pattern", {},
       "[[upgrade]]\nop = \"create_table\"\ntable = \"p\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n\n"
       TREE_TABLE("  { name = \"p_id\", type = \"integer\" },\n")
       "foreign_keys = [{ name = \"fk_t_p_id_p\", columns = [\"p_id\"], ref_table = \"p\", ref_columns = [\"id\"] }]\n",
       "[naming]\nforeign_key = \"fk_{table}_{columns}_{ref_table}\"\n\n"
       "[[table]]\nname = \"p\"\ncolumns = [{ name = \"id\", type = \"integer\", primary_key = true }]\n\n"
       DECLARED_TABLE("  { name = \"p_id\", type = \"integer\" },\n")
       "foreign_keys = [{ columns = [\"p_id\"], ref_table = \"p\", ref_columns = [\"id\"] }]\n"},
  };
  return list;
}

struct Case {
  const Fixture* fixture;
  Backend backend;
};

// Each fixture on the native backends of its dialects only.
std::vector<Case> cases() {
  std::vector<Case> out;
  for (const Fixture& f : fixtures())
    for (const Backend& b : testing::native_backends())
      if (f.dialects.empty() || std::find(f.dialects.begin(), f.dialects.end(), b.dialect) != f.dialects.end())
        out.push_back({&f, b});
  return out;
}

void PrintTo(const Case& c, std::ostream* os) { *os << c.fixture->name << " on " << c.backend.name; }

// A project whose database `main` (with a scratch beside it) declares schema/main.toml.
class Project {
 public:
  explicit Project(const Backend& backend)
      : db_(backend, "falsepos"), scratch_(backend, "falsepos_scratch") {
    testing::write_project(dir_.path(), "url = \"" + db_.url() + "\"\nschema = [\"schema/main.toml\"]\nscratch = \"" +
                                            scratch_.url() + "\"\n");
  }
  const fs::path& path() const { return dir_.path(); }
  CliResult retort(const std::vector<std::string>& args) const { return testing::run_retort(dir_.path(), args); }
  size_t revision_count() const {
    size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir_.path() / "migrations" / "versions"))
      n += e.path().extension() == ".toml";
    return n;
  }

 private:
  LiveDatabase db_;
  LiveDatabase scratch_;
  testing::TempDir dir_;
};

class FalsePositiveTest : public ::testing::TestWithParam<Case> {};

TEST_P(FalsePositiveTest, OnlyRealDifferencesAreFound) {
  const Fixture& f = *GetParam().fixture;
  RETORT_REQUIRE_BACKEND(GetParam().backend);
  Project project(GetParam().backend);
  testing::write_file(project.path() / "migrations" / "versions" / "fp0001_tree.toml",
                      std::string("revision = \"fp0001\"\ndown_revision = \"\"\nmessage = \"the tree's spelling\"\n\n") +
                          f.tree);
  testing::write_file(project.path() / "schema" / "main.toml", std::string("format = 1\n\n") + f.declared);

  CliResult check = project.retort({"check"});
  CliResult gen = project.retort({"revision", "--autogenerate", "-m", "x"});
  EXPECT_EQ(gen.exit_code, 0) << gen.err;
  if (f.change == nullptr) {
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
    EXPECT_TRUE(contains(gen.err, "No changes in schema detected")) << gen.err;
    EXPECT_EQ(project.revision_count(), 1u);
  } else {
    EXPECT_EQ(check.exit_code, 1) << check.out << check.err;
    EXPECT_TRUE(contains(check.err, f.change)) << check.err;
    EXPECT_EQ(project.revision_count(), 2u) << gen.err;
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, FalsePositiveTest, ::testing::ValuesIn(cases()), [](const auto& info) {
  return std::string(info.param.fixture->name) + "_" + testing::test_name(info.param.backend);
});

// The schema the scenario suite leaves (tests/scenarios/catalogue.test: project `live` upgraded to heads),
// written by `schema inspect` and declared back, is exactly the schema its revision tree gives.
class ScenarioSchemaTest : public ::testing::TestWithParam<Backend> {
 protected:
  // Databases named after the dialects, as tests/cli/scenario_test.cc names them for the revisions'
  // [[upgrade_DIALECT]] sections; only this backend's is ever connected to (--engine).
  void configure(bool declared) {
    std::string config = "[retort]\nscript_location = \"migrations\"\n";
    for (const char* dialect : {"sqlite", "postgresql", "mysql"}) {
      const bool mine = GetParam().dialect == dialect;
      config += std::string("\n[databases.") + dialect + "]\nurl = \"" +
                (mine ? db_->url() : std::string(dialect) + "://unused@127.0.0.1:1/unused") + "\"\n";
      if (mine && declared)
        config += "schema = [\"schema/main.toml\"]\nscratch = \"" + scratch_->url() + "\"\n";
    }
    testing::write_file(dir_.path() / "retort.toml", config);
  }
  CliResult retort(const std::vector<std::string>& args) {
    std::vector<std::string> all = {"--engine", GetParam().dialect};
    all.insert(all.end(), args.begin(), args.end());
    return testing::run_retort(dir_.path(), all);
  }
  size_t revision_count() const {
    size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir_.path() / "migrations" / "versions"))
      n += e.path().extension() == ".toml";
    return n;
  }

  std::unique_ptr<LiveDatabase> db_;
  std::unique_ptr<LiveDatabase> scratch_;
  testing::TempDir dir_;
};

TEST_P(ScenarioSchemaTest, TheSuitesLastSchemaInspectedAndDeclaredBackChecksClean) {
  RETORT_REQUIRE_BACKEND(GetParam());
  db_ = std::make_unique<LiveDatabase>(GetParam(), "scenario_schema");
  scratch_ = std::make_unique<LiveDatabase>(GetParam(), "scenario_schema_scratch");
  fs::copy(fs::path(RETORT_SOURCE_DIR) / "tests" / "fixtures" / "live" / "migrations", dir_.path() / "migrations",
           fs::copy_options::recursive);
  configure(false);
  CliResult up = retort({"upgrade", "heads"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  fs::create_directories(dir_.path() / "schema");
  CliResult inspect = retort({"schema", "inspect", "--out", "schema/main.toml"});
  ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
  configure(true);
  const size_t revisions = revision_count();

  CliResult check = retort({"check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  CliResult gen = retort({"revision", "--autogenerate", "-m", "nothing"});
  EXPECT_EQ(gen.exit_code, 0) << gen.err;
  EXPECT_TRUE(contains(gen.err, "No changes in schema detected")) << gen.err;
  CliResult from_db = retort({"revision", "--autogenerate", "--from-db", "-m", "nothing"});
  EXPECT_EQ(from_db.exit_code, 0) << from_db.err;
  EXPECT_TRUE(contains(from_db.err, "No changes in schema detected")) << from_db.err;
  EXPECT_EQ(revision_count(), revisions);
  // The tree's view went with its tables each time: a view left in scratch would keep PostgreSQL from
  // dropping its table, and the next replay from creating it again. (information_schema.tables lists
  // views too.)
  if (GetParam().dialect != "sqlite") {
    EXPECT_EQ(scratch_->query(std::string("SELECT count(*) FROM information_schema.tables WHERE table_schema = ") +
                              (GetParam().dialect == "mysql" ? "DATABASE()" : "current_schema()")),
              "0");
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ScenarioSchemaTest, ::testing::ValuesIn(testing::all_backends()),
                         [](const auto& info) { return testing::test_name(info.param); });

}  // namespace
}  // namespace retort
