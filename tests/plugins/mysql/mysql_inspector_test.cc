// The MySQL dialect's inspector (plugins/mysql/mysql_inspector.cc) on the test MariaDB server, natively and
// over ODBC: schemas made with raw SQL and with retort's own operations, read back through
// Database::inspect, compared as whole documents and parsed as TOML.
//
// The server is MariaDB: a foreign key declared without actions reads back as RESTRICT there (MySQL 8
// says NO ACTION, which the document leaves out).
#include "cli_runner.h"
#include "config/url.h"
#include "live_database.h"
#include "temp_dir.h"

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <memory>

namespace retort {
namespace {

using testing::Backend;
using testing::LiveDatabase;

// The document, or a failure; a document that is not TOML fails too.
std::string inspect(Database& db, const std::string& schema = "") {
  auto text = db.inspect(schema);
  if (!text.ok()) {
    ADD_FAILURE() << text.error().to_string();
    return "";
  }
  try {
    (void)toml::parse(*text);
  } catch (const toml::parse_error& e) {
    ADD_FAILURE() << "not TOML: " << e.description() << " at line " << e.source().begin.line << "\n" << *text;
  }
  return *text;
}

class MysqlInspectorTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    RETORT_REQUIRE_BACKEND(GetParam());
    db_ = std::make_unique<LiveDatabase>(GetParam(), ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  void execute(const std::string& sql) { db_->execute(sql); }
  std::string inspect(const std::string& schema = "") { return retort::inspect(db_->connection(), schema); }

  // Runs `upgrade heads` on a project with these revision files, then drops retort's own tables so the
  // document holds only what the revisions made.
  void upgrade(const std::vector<std::pair<std::string, std::string>>& revisions) {
    testing::write_file(project_ / "retort.toml", "[retort]\nscript_location = \"migrations\"\n\n[databases.main]\n"
                                                  "url = \"" + db_->url() + "\"\n");
    std::filesystem::create_directories(project_ / "migrations" / "versions");
    for (const auto& [file, text] : revisions) testing::write_file(project_ / "migrations" / "versions" / file, text);
    testing::CliResult r = testing::run_retort(project_.path(), {"upgrade", "heads"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    execute("DROP TABLE IF EXISTS retort_version, retort_history");
  }

  std::unique_ptr<LiveDatabase> db_;
  testing::TempDir project_;
};

// Under either of its names.
class MysqlInspectorFeatures : public ::testing::TestWithParam<std::string> {};

TEST_P(MysqlInspectorFeatures, TheDialectAnnouncesWhatItsInspectorReads) {
  auto dialect = testing::build_plugins().dialect(GetParam());
  ASSERT_TRUE(dialect.ok()) << dialect.error().to_string();
  ASSERT_NE((*dialect)->inspector, nullptr);
  EXPECT_EQ((*dialect)->inspector->features,
            RETORT_INSPECT_COMMENTS | RETORT_INSPECT_CHECKS | RETORT_INSPECT_EXPRESSION_INDEXES |
                RETORT_INSPECT_AUTOINCREMENT | RETORT_INSPECT_FOREIGN_KEY_ACTIONS)
      << "everything but partial indexes, which MySQL does not have";
}

// Every test's name starts with "inspector/", so `ctest -R inspector` picks them all.
INSTANTIATE_TEST_SUITE_P(inspector, MysqlInspectorFeatures, ::testing::Values("mysql", "mariadb"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

TEST_P(MysqlInspectorTest, AnEmptySchemaIsJustTheFormat) {
  EXPECT_TRUE(db_->connection().can_inspect());
  EXPECT_EQ(inspect(), "format = 1\n");
  execute("CREATE VIEW v AS SELECT 1 AS one");
  EXPECT_EQ(inspect(), "format = 1\n") << "views are no tables";
}

TEST_P(MysqlInspectorTest, RetortsGenericTypesReadBackAsThemselves) {
  upgrade({{"a1_types.toml", R"toml(
revision = "a1"
down_revision = ""
message = "every generic type"

[[upgrade]]
op = "create_table"
table = "everything"
comment = "every generic type"
columns = [
  { name = "id", type = "integer", primary_key = true, autoincrement = true },
  { name = "big", type = "bigint", nullable = false },
  { name = "small", type = "smallint" },
  { name = "flag", type = "boolean", nullable = false, server_default = false },
  { name = "ratio", type = "float" },
  { name = "precise", type = "double" },
  { name = "money", type = "numeric(10,2)", server_default = 0 },
  { name = "label", type = "string(50)", server_default = "it's", comment = "shown to users" },
  { name = "body", type = "text" },
  { name = "born", type = "date" },
  { name = "alarm", type = "time" },
  { name = "seen", type = "datetime" },
  { name = "created", type = "timestamp", server_default = { sql = "CURRENT_TIMESTAMP" } },
  { name = "zoned", type = "timestamptz" },
  { name = "data", type = "binary" },
  { name = "doc", type = "json" },
  { name = "key", type = "uuid" },
]
)toml"}});
  EXPECT_EQ(inspect(), R"toml(format = 1

[[table]]
name = "everything"
comment = "every generic type"
columns = [
  { name = "id", type = "integer", nullable = false, autoincrement = true },
  { name = "big", type = "bigint", nullable = false },
  { name = "small", type = "smallint", nullable = true },
  { name = "flag", type = "boolean", nullable = false, server_default = { sql = "0" } },
  { name = "ratio", type = "float", nullable = true },
  { name = "precise", type = "double", nullable = true },
  { name = "money", type = "numeric(10,2)", nullable = true, server_default = { sql = "0.00" } },
  { name = "label", type = "string(50)", nullable = true, server_default = { sql = "'it''s'" }, comment = "shown to users" },
  { name = "body", type = "text", nullable = true },
  { name = "born", type = "date", nullable = true },
  { name = "alarm", type = "time", nullable = true },
  { name = "seen", type = "datetime", nullable = true },
  { name = "created", type = "timestamp", nullable = true, server_default = { sql = "current_timestamp()" } },
  { name = "zoned", type = "datetime", nullable = true },
  { name = "data", type = "binary", nullable = true },
  { name = "doc", type = "json", nullable = true },
  { name = "key", type = "uuid", nullable = true },
]
primary_key = ["id"]
)toml");
}

TEST_P(MysqlInspectorTest, RetortsConstraintAndIndexOperationsReadBackByName) {
  upgrade({{"b1_parent.toml", R"toml(
revision = "b1"
down_revision = ""
message = "parent and child"

[[upgrade]]
op = "create_table"
table = "parent"
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "region", type = "string(8)", nullable = false },
]

[[upgrade]]
op = "create_table"
table = "child"
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "parent_id", type = "integer", nullable = false },
  { name = "code", type = "string(8)" },
  { name = "score", type = "integer" },
]
foreign_keys = [{ name = "fk_child_parent", columns = ["parent_id"], ref_table = "parent", ref_columns = ["id"], ondelete = "CASCADE" }]
unique = [{ name = "uq_child_code", columns = ["code"] }]
checks = [{ name = "ck_child_score", sql = "score >= 0" }]
)toml"},
           {"b2_more.toml", R"toml(
revision = "b2"
down_revision = "b1"
message = "constraints added later"

[[upgrade]]
op = "add_column"
table = "child"
column = { name = "region", type = "string(8)", comment = "copied from the parent" }

[[upgrade]]
op = "create_unique_constraint"
name = "uq_parent_region"
table = "parent"
columns = ["region", "id"]

[[upgrade]]
op = "create_foreign_key"
name = "fk_child_region"
table = "child"
columns = ["region", "parent_id"]
ref_table = "parent"
ref_columns = ["region", "id"]
ondelete = "NO ACTION"
onupdate = "CASCADE"

[[upgrade]]
op = "create_check_constraint"
name = "ck_child_code"
table = "child"
sql = "code <> ''"

[[upgrade]]
op = "create_index"
name = "ix_child_score_code"
table = "child"
columns = ["score", "code"]

[[upgrade]]
op = "create_index"
name = "ux_child_score"
table = "child"
columns = ["score"]
unique = true
)toml"}});
  // fk_child_parent's and fk_child_region's own indexes (InnoDB's, named after them) are part of the keys;
  // the unique index made by create_index is a unique constraint like any other.
  EXPECT_EQ(inspect(), R"toml(format = 1

[[table]]
name = "child"
columns = [
  { name = "id", type = "integer", nullable = false },
  { name = "parent_id", type = "integer", nullable = false },
  { name = "code", type = "string(8)", nullable = true },
  { name = "score", type = "integer", nullable = true },
  { name = "region", type = "string(8)", nullable = true, comment = "copied from the parent" },
]
primary_key = ["id"]
unique = [
  { name = "uq_child_code", columns = ["code"] },
  { name = "ux_child_score", columns = ["score"] },
]
foreign_keys = [
  { name = "fk_child_parent", columns = ["parent_id"], ref_table = "parent", ref_columns = ["id"], ondelete = "CASCADE", onupdate = "RESTRICT" },
  { name = "fk_child_region", columns = ["region", "parent_id"], ref_table = "parent", ref_columns = ["region", "id"], onupdate = "CASCADE" },
]
checks = [
  { name = "ck_child_code", sql = "`code` <> ''" },
  { name = "ck_child_score", sql = "`score` >= 0" },
]
indexes = [
  { name = "ix_child_score_code", columns = ["score", "code"] },
]

[[table]]
name = "parent"
columns = [
  { name = "id", type = "integer", nullable = false },
  { name = "region", type = "string(8)", nullable = false },
]
primary_key = ["id"]
unique = [
  { name = "uq_parent_region", columns = ["region", "id"] },
]
)toml");
}

TEST_P(MysqlInspectorTest, NativeTypesKeepTheServersSpellingWithoutDisplayWidths) {
  execute("CREATE TABLE native (a MEDIUMTEXT, b INT(10) UNSIGNED, c INT(5), d ENUM('a','B','it''s'), e TINYINT, "
          "f TINYINT(1), g BIT(3), h YEAR, i DECIMAL(10,2) UNSIGNED, j CHAR(10), k DATETIME(3), l LONGTEXT, "
          "m INT(5) UNSIGNED ZEROFILL, n SET('x','Y'), o VARBINARY(16), p MEDIUMINT, q DOUBLE(8,3), r CHAR(36), "
          "s VARCHAR(36), t TIME(6), u NUMERIC(12), v BIGINT UNSIGNED, w LONGBLOB, x FLOAT(7,2))");
  EXPECT_EQ(inspect(), R"toml(format = 1

[[table]]
name = "native"
columns = [
  { name = "a", type = "mediumtext", nullable = true },
  { name = "b", type = "int unsigned", nullable = true },
  { name = "c", type = "integer", nullable = true },
  { name = "d", type = "enum('a','B','it''s')", nullable = true },
  { name = "e", type = "tinyint", nullable = true },
  { name = "f", type = "boolean", nullable = true },
  { name = "g", type = "bit(3)", nullable = true },
  { name = "h", type = "year", nullable = true },
  { name = "i", type = "decimal(10,2) unsigned", nullable = true },
  { name = "j", type = "char(10)", nullable = true },
  { name = "k", type = "datetime(3)", nullable = true },
  { name = "l", type = "longtext", nullable = true },
  { name = "m", type = "int(5) unsigned zerofill", nullable = true },
  { name = "n", type = "set('x','Y')", nullable = true },
  { name = "o", type = "varbinary(16)", nullable = true },
  { name = "p", type = "mediumint", nullable = true },
  { name = "q", type = "double(8,3)", nullable = true },
  { name = "r", type = "uuid", nullable = true },
  { name = "s", type = "string(36)", nullable = true },
  { name = "t", type = "time(6)", nullable = true },
  { name = "u", type = "numeric(12,0)", nullable = true },
  { name = "v", type = "bigint unsigned", nullable = true },
  { name = "w", type = "longblob", nullable = true },
  { name = "x", type = "float(7,2)", nullable = true },
]
)toml");
}

TEST_P(MysqlInspectorTest, DefaultsReadBackInOneExpressionSpelling) {
  execute("CREATE TABLE defaults (n INT NOT NULL DEFAULT 5, neg DOUBLE DEFAULT -2.5, dec2 DECIMAL(5,2) DEFAULT 1.5, "
          "quoted VARCHAR(30) DEFAULT 'it''s a \\\\ \"test\"', empty VARCHAR(5) NOT NULL DEFAULT '', "
          "null_word VARCHAR(5) DEFAULT 'NULL', explicit_null VARCHAR(5) DEFAULT NULL, none VARCHAR(5), "
          "required VARCHAR(5) NOT NULL, day DATE DEFAULT '2020-01-01', flag BOOL DEFAULT TRUE, "
          "bits BIT(3) DEFAULT b'101', sum INT DEFAULT (1 + 2), "
          "stamp TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, "
          "touched TIMESTAMP NULL ON UPDATE CURRENT_TIMESTAMP, precise DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3))");
  EXPECT_EQ(inspect(), R"toml(format = 1

[[table]]
name = "defaults"
columns = [
  { name = "n", type = "integer", nullable = false, server_default = { sql = "5" } },
  { name = "neg", type = "double", nullable = true, server_default = { sql = "-2.5" } },
  { name = "dec2", type = "numeric(5,2)", nullable = true, server_default = { sql = "1.50" } },
  { name = "quoted", type = "string(30)", nullable = true, server_default = { sql = "'it''s a \\\\ \"test\"'" } },
  { name = "empty", type = "string(5)", nullable = false, server_default = { sql = "''" } },
  { name = "null_word", type = "string(5)", nullable = true, server_default = { sql = "'NULL'" } },
  { name = "explicit_null", type = "string(5)", nullable = true },
  { name = "none", type = "string(5)", nullable = true },
  { name = "required", type = "string(5)", nullable = false },
  { name = "day", type = "date", nullable = true, server_default = { sql = "'2020-01-01'" } },
  { name = "flag", type = "boolean", nullable = true, server_default = { sql = "1" } },
  { name = "bits", type = "bit(3)", nullable = true, server_default = { sql = "b'101'" } },
  { name = "sum", type = "integer", nullable = true, server_default = { sql = "(1 + 2)" } },
  { name = "stamp", type = "timestamp", nullable = false, server_default = { sql = "current_timestamp()" } },
  { name = "touched", type = "timestamp", nullable = true },
  { name = "precise", type = "datetime(3)", nullable = true, server_default = { sql = "current_timestamp(3)" } },
]
)toml");
}

// MariaDB keeps comments as utf8mb3: characters beyond the BMP (emoji) cannot be stored in one at all.
TEST_P(MysqlInspectorTest, AutoIncrementAndCommentsWithQuotesAndUnicode) {
  execute("CREATE TABLE commented (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'the key', "
          "note TEXT COMMENT 'it''s \"quoted\", back\\\\slash — ünïcødé 日本', plain INT) "
          "COMMENT = 'a table''s \"comment\" ✓'");
  execute("CREATE TABLE uncommented (n INT NOT NULL AUTO_INCREMENT, UNIQUE KEY uq_n (n))");
  EXPECT_EQ(inspect(), R"toml(format = 1

[[table]]
name = "commented"
comment = "a table's \"comment\" ✓"
columns = [
  { name = "id", type = "bigint unsigned", nullable = false, autoincrement = true, comment = "the key" },
  { name = "note", type = "text", nullable = true, comment = "it's \"quoted\", back\\slash — ünïcødé 日本" },
  { name = "plain", type = "integer", nullable = true },
]
primary_key = ["id"]

[[table]]
name = "uncommented"
columns = [
  { name = "n", type = "integer", nullable = false, autoincrement = true },
]
unique = [
  { name = "uq_n", columns = ["n"] },
]
)toml");
}

TEST_P(MysqlInspectorTest, KeysUniqueConstraintsAndIndexes) {
  execute("CREATE TABLE keyed (a INT NOT NULL, b INT NOT NULL, c INT, d INT, e INT, t TEXT, "
          "PRIMARY KEY (b, a), CONSTRAINT uq_cd UNIQUE (d, c), KEY ix_c (c), KEY ix_e_c (e, c))");
  execute("CREATE UNIQUE INDEX ux_e ON keyed (e)");
  execute("CREATE UNIQUE INDEX ux_t ON keyed (t(20))");
  execute("CREATE INDEX ix_t_desc ON keyed (t(10) DESC, a)");
  EXPECT_EQ(inspect(), R"toml(format = 1

[[table]]
name = "keyed"
columns = [
  { name = "a", type = "integer", nullable = false },
  { name = "b", type = "integer", nullable = false },
  { name = "c", type = "integer", nullable = true },
  { name = "d", type = "integer", nullable = true },
  { name = "e", type = "integer", nullable = true },
  { name = "t", type = "text", nullable = true },
]
primary_key = ["b", "a"]
unique = [
  { name = "uq_cd", columns = ["d", "c"] },
  { name = "ux_e", columns = ["e"] },
]
indexes = [
  { name = "ix_c", columns = ["c"] },
  { name = "ix_e_c", columns = ["e", "c"] },
  { name = "ix_t_desc", columns = [{ sql = "`t`(10) DESC" }, "a"] },
  { name = "ux_t", columns = [{ sql = "`t`(20)" }], unique = true },
]
)toml");
}

TEST_P(MysqlInspectorTest, ForeignKeysWithActionsAndToAnotherDatabase) {
  LiveDatabase other(GetParam(), "inspector_other");
  other.execute("CREATE TABLE remote (id INT PRIMARY KEY)");
  execute("CREATE TABLE parent (id INT PRIMARY KEY, a INT, b INT, UNIQUE KEY uq_ab (a, b))");
  execute("CREATE TABLE child (id INT, p1 INT, p2 INT, p3 INT, p4 INT, a INT, b INT, r INT, "
          "CONSTRAINT fk_cascade FOREIGN KEY (p1) REFERENCES parent (id) ON DELETE CASCADE ON UPDATE SET NULL, "
          "CONSTRAINT fk_restrict FOREIGN KEY (p2) REFERENCES parent (id) ON DELETE RESTRICT ON UPDATE RESTRICT, "
          "CONSTRAINT fk_no_action FOREIGN KEY (p3) REFERENCES parent (id) ON DELETE NO ACTION ON UPDATE NO ACTION, "
          "CONSTRAINT fk_default FOREIGN KEY (p4) REFERENCES parent (id), "
          "CONSTRAINT fk_composite FOREIGN KEY (b, a) REFERENCES parent (a, b) ON DELETE SET NULL, "
          "CONSTRAINT fk_remote FOREIGN KEY (r) REFERENCES " + other.database_name() + ".remote (id))");
  EXPECT_EQ(inspect(), R"toml(format = 1

[[table]]
name = "child"
columns = [
  { name = "id", type = "integer", nullable = true },
  { name = "p1", type = "integer", nullable = true },
  { name = "p2", type = "integer", nullable = true },
  { name = "p3", type = "integer", nullable = true },
  { name = "p4", type = "integer", nullable = true },
  { name = "a", type = "integer", nullable = true },
  { name = "b", type = "integer", nullable = true },
  { name = "r", type = "integer", nullable = true },
]
foreign_keys = [
  { name = "fk_cascade", columns = ["p1"], ref_table = "parent", ref_columns = ["id"], ondelete = "CASCADE", onupdate = "SET NULL" },
  { name = "fk_composite", columns = ["b", "a"], ref_table = "parent", ref_columns = ["a", "b"], ondelete = "SET NULL", onupdate = "RESTRICT" },
  { name = "fk_default", columns = ["p4"], ref_table = "parent", ref_columns = ["id"], ondelete = "RESTRICT", onupdate = "RESTRICT" },
  { name = "fk_no_action", columns = ["p3"], ref_table = "parent", ref_columns = ["id"] },
  { name = "fk_remote", columns = ["r"], ref_schema = ")toml" + other.database_name() + R"toml(", ref_table = "remote", ref_columns = ["id"], ondelete = "RESTRICT", onupdate = "RESTRICT" },
  { name = "fk_restrict", columns = ["p2"], ref_table = "parent", ref_columns = ["id"], ondelete = "RESTRICT", onupdate = "RESTRICT" },
]

[[table]]
name = "parent"
columns = [
  { name = "id", type = "integer", nullable = false },
  { name = "a", type = "integer", nullable = true },
  { name = "b", type = "integer", nullable = true },
]
primary_key = ["id"]
unique = [
  { name = "uq_ab", columns = ["a", "b"] },
]
)toml");
}

// InnoDB indexes a foreign key's columns when no index can serve it. The index it names after the key is
// part of the key; one named after the column (a key declared without a name) cannot be told from a
// user's and is reported; a user's index that serves the key is reported, and InnoDB's own goes away.
TEST_P(MysqlInspectorTest, TheIndexInnoDbMakesForAForeignKey) {
  execute("CREATE TABLE parent (id INT PRIMARY KEY)");
  execute("CREATE TABLE named (p INT, CONSTRAINT fk_named FOREIGN KEY (p) REFERENCES parent (id))");
  execute("CREATE TABLE unnamed (p INT, FOREIGN KEY (p) REFERENCES parent (id))");
  execute("CREATE TABLE served (p INT, q INT, KEY ix_served (p, q), "
          "CONSTRAINT fk_served FOREIGN KEY (p) REFERENCES parent (id))");
  execute("CREATE TABLE later (p INT, CONSTRAINT fk_later FOREIGN KEY (p) REFERENCES parent (id))");
  execute("CREATE INDEX ix_later ON later (p)");
  const std::string table_with_p = R"toml(columns = [
  { name = "p", type = "integer", nullable = true },
]
)toml";
  const std::string keys = R"toml(ref_table = "parent", ref_columns = ["id"], ondelete = "RESTRICT", onupdate = "RESTRICT" },
]
)toml";
  EXPECT_EQ(inspect(), "format = 1\n\n[[table]]\nname = \"later\"\n" + table_with_p +
                           "foreign_keys = [\n  { name = \"fk_later\", columns = [\"p\"], " + keys +
                           "indexes = [\n  { name = \"ix_later\", columns = [\"p\"] },\n]\n"
                           "\n[[table]]\nname = \"named\"\n" + table_with_p +
                           "foreign_keys = [\n  { name = \"fk_named\", columns = [\"p\"], " + keys +
                           "\n[[table]]\nname = \"parent\"\ncolumns = [\n"
                           "  { name = \"id\", type = \"integer\", nullable = false },\n]\nprimary_key = [\"id\"]\n"
                           "\n[[table]]\nname = \"served\"\ncolumns = [\n"
                           "  { name = \"p\", type = \"integer\", nullable = true },\n"
                           "  { name = \"q\", type = \"integer\", nullable = true },\n]\n"
                           "foreign_keys = [\n  { name = \"fk_served\", columns = [\"p\"], " + keys +
                           "indexes = [\n  { name = \"ix_served\", columns = [\"p\", \"q\"] },\n]\n"
                           "\n[[table]]\nname = \"unnamed\"\n" + table_with_p +
                           "foreign_keys = [\n  { name = \"unnamed_ibfk_1\", columns = [\"p\"], " + keys +
                           "indexes = [\n  { name = \"p\", columns = [\"p\"] },\n]\n");
}

TEST_P(MysqlInspectorTest, ChecksAtTableAndColumnLevelButNotJsonsOwn) {
  execute("CREATE TABLE checked (score INT CHECK (score >= 0), low INT, high INT, doc JSON, raw LONGTEXT, "
          "CONSTRAINT ck_range CHECK (low < high), CONSTRAINT ck_raw CHECK (json_valid(raw)))");
  EXPECT_EQ(inspect(), R"toml(format = 1

[[table]]
name = "checked"
columns = [
  { name = "score", type = "integer", nullable = true },
  { name = "low", type = "integer", nullable = true },
  { name = "high", type = "integer", nullable = true },
  { name = "doc", type = "json", nullable = true },
  { name = "raw", type = "longtext", nullable = true },
]
checks = [
  { name = "ck_range", sql = "`low` < `high`" },
  { name = "ck_raw", sql = "json_valid(`raw`)" },
  { name = "score", sql = "`score` >= 0" },
]
)toml");
}

TEST_P(MysqlInspectorTest, OddIdentifiersAreReportedAsNamed) {
  execute("CREATE TABLE `we``ird tab` (`sp ace` INT NOT NULL, `ünï` VARCHAR(3), `a``b` JSON, `dot.ted` INT, "
          "`back\\slash` INT, PRIMARY KEY (`sp ace`), CONSTRAINT `uq ü` UNIQUE (`ünï`), "
          "CONSTRAINT `ck \"q\"` CHECK (`dot.ted` > 0), KEY `ix ``x``` (`dot.ted`, `back\\slash`))");
  execute("CREATE TABLE `日本` (`id` INT, CONSTRAINT `fk ✓` FOREIGN KEY (`id`) REFERENCES `we``ird tab` (`sp ace`))");
  EXPECT_EQ(inspect(), R"toml(format = 1

[[table]]
name = "we`ird tab"
columns = [
  { name = "sp ace", type = "integer", nullable = false },
  { name = "ünï", type = "string(3)", nullable = true },
  { name = "a`b", type = "json", nullable = true },
  { name = "dot.ted", type = "integer", nullable = true },
  { name = "back\\slash", type = "integer", nullable = true },
]
primary_key = ["sp ace"]
unique = [
  { name = "uq ü", columns = ["ünï"] },
]
checks = [
  { name = "ck \"q\"", sql = "`dot.ted` > 0" },
]
indexes = [
  { name = "ix `x`", columns = ["dot.ted", "back\\slash"] },
]

[[table]]
name = "日本"
columns = [
  { name = "id", type = "integer", nullable = true },
]
foreign_keys = [
  { name = "fk ✓", columns = ["id"], ref_table = "we`ird tab", ref_columns = ["sp ace"], ondelete = "RESTRICT", onupdate = "RESTRICT" },
]
)toml");
}

TEST_P(MysqlInspectorTest, AnotherSchemaByName) {
  LiveDatabase other(GetParam(), "inspector_named");
  execute("CREATE TABLE here (id INT PRIMARY KEY)");
  other.execute("CREATE TABLE there (id INT PRIMARY KEY, here_id INT, "
                "CONSTRAINT fk_back FOREIGN KEY (here_id) REFERENCES " + db_->database_name() + ".here (id))");
  EXPECT_EQ(inspect(other.database_name()), R"toml(format = 1

[[table]]
name = "there"
columns = [
  { name = "id", type = "integer", nullable = false },
  { name = "here_id", type = "integer", nullable = true },
]
primary_key = ["id"]
foreign_keys = [
  { name = "fk_back", columns = ["here_id"], ref_schema = ")toml" + db_->database_name() + R"toml(", ref_table = "here", ref_columns = ["id"], ondelete = "RESTRICT", onupdate = "RESTRICT" },
]
)toml");
  EXPECT_EQ(inspect(db_->database_name()), inspect()) << "naming the current schema is the same as \"\"";

  auto missing = db_->connection().inspect("no_such_database_here");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().to_string().find("there is no database named 'no_such_database_here'"), std::string::npos)
      << missing.error().to_string();
}

INSTANTIATE_TEST_SUITE_P(inspector, MysqlInspectorTest, ::testing::ValuesIn(testing::backends_of("mysql")),
                         [](const ::testing::TestParamInfo<Backend>& info) { return testing::test_name(info.param); });

// The same schema read natively and over ODBC (where every cell is text) gives the same bytes. The parameter
// is the native backend the schema is made on.
class MysqlInspectorTransports : public ::testing::TestWithParam<Backend> {};

TEST_P(MysqlInspectorTransports, OdbcGivesTheSameDocumentAsTheNativeDriver) {
  RETORT_REQUIRE_BACKEND(GetParam());
  LiveDatabase db(GetParam(), "inspector_transports");
  db.execute("CREATE TABLE `ünï``code` (id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY COMMENT 'ключ', "
             "label VARCHAR(20) NOT NULL DEFAULT 'it''s', doc JSON, amount DECIMAL(9,3) DEFAULT 0, "
             "t TEXT, at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, "
             "CONSTRAINT uq_label UNIQUE (label), CONSTRAINT ck_amount CHECK (amount >= 0), KEY ix_t (t(5))) "
             "COMMENT 'tablé'");
  db.execute("CREATE TABLE child (id INT, p BIGINT UNSIGNED, "
             "CONSTRAINT fk_p FOREIGN KEY (p) REFERENCES `ünï``code` (id) ON DELETE CASCADE)");
  const std::string native_text = inspect(db.connection());

  DatabaseConfig config;
  config.name = "odbc";
  config.url = parse_url("mysql+odbc" + db.url().substr(db.url().find("://"))).value();
  auto odbc = Database::connect(testing::build_plugins(), config);
  ASSERT_TRUE(odbc.ok()) << odbc.error().to_string();
  EXPECT_EQ(inspect(*odbc), native_text);
  EXPECT_NE(native_text.find("ключ"), std::string::npos) << native_text;
}

INSTANTIATE_TEST_SUITE_P(inspector, MysqlInspectorTransports, ::testing::Values(Backend{"mysql", "mysql", false}),
                         [](const ::testing::TestParamInfo<Backend>& info) { return testing::test_name(info.param); });

}  // namespace
}  // namespace retort
