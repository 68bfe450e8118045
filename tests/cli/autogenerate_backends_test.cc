// Autogenerate on every backend (SQLite, PostgreSQL, MariaDB; natively and over ODBC), with a scratch
// database beside the live one: declared -> autogenerate -> upgrade -> inspect -> autogenerate again
// writes nothing -> check passes -> downgrade base leaves nothing; `schema inspect` declared back checks
// clean; a scratch database is left empty.
#include "cli_runner.h"
#include "live_database.h"
#include "temp_dir.h"
#include "text_checks.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

namespace fs = std::filesystem;
using testing::Backend;
using testing::CliResult;
using testing::LiveDatabase;

using testing::contains;

// Portable across the three dialects: MariaDB has no partial or expression indexes.
const char* const kDeclared = R"toml(format = 1

[naming]
index = "ix_{table}_{columns}"
unique = "uq_{table}_{columns}"
foreign_key = "fk_{table}_{columns}_{ref_table}"
check = "ck_{table}_{name}"

[[table]]
name = "org"
comment = "who pays"
columns = [
  { name = "id", type = "integer", primary_key = true, autoincrement = true },
  { name = "name", type = "string(50)", nullable = false, comment = "shown on invoices" },
  { name = "active", type = "boolean", nullable = false, server_default = true },
  { name = "created", type = "timestamp", server_default = { sql = "CURRENT_TIMESTAMP" } },
]
unique = [ { columns = ["name"] } ]

[[table]]
name = "account"
columns = [
  { name = "id", type = "integer", primary_key = true, autoincrement = true },
  { name = "email", type = "string(255)", nullable = false },
  { name = "org_id", type = "integer", nullable = false },
  { name = "balance", type = "numeric(12,2)", nullable = false, server_default = 0 },
  { name = "note", type = "text" },
]
foreign_keys = [ { columns = ["org_id"], ref_table = "org", ref_columns = ["id"], ondelete = "CASCADE" } ]
checks = [ { name = "balance", sql = "balance >= 0" } ]
indexes = [ { columns = ["email"], unique = true }, { columns = ["org_id", "email"] } ]
)toml";

class AutogenerateBackendsTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    RETORT_REQUIRE_BACKEND(GetParam());
    db_ = std::make_unique<LiveDatabase>(GetParam(), "autogen");
    scratch_ = std::make_unique<LiveDatabase>(GetParam(), "autogen_scratch");
    testing::write_project(project_.path(), "url = \"" + db_->url() + "\"\nschema = [\"schema/main.toml\"]\nscratch = \"" +
                                                scratch_->url() + "\"\n");
    testing::write_file(project_.path() / "schema" / "main.toml", kDeclared);
  }
  CliResult retort(const std::vector<std::string>& args) { return testing::run_retort(project_.path(), args); }
  std::string inspect(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = extra;
    args.insert(args.end(), {"schema", "inspect"});
    CliResult r = retort(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }

  std::unique_ptr<LiveDatabase> db_;
  std::unique_ptr<LiveDatabase> scratch_;
  testing::TempDir project_;
};

TEST_P(AutogenerateBackendsTest, TheRoundTrip) {
  CliResult gen = retort({"revision", "--autogenerate", "-m", "baseline"});
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  ASSERT_TRUE(contains(gen.err, "Generating")) << gen.err;
  CliResult up = retort({"upgrade", "heads"});
  ASSERT_EQ(up.exit_code, 0) << up.err;

  std::string live = inspect();
  EXPECT_TRUE(contains(live, "name = \"account\"")) << live;
  EXPECT_TRUE(contains(live, "fk_account_org_id_org")) << live;
  EXPECT_TRUE(contains(live, "ix_account_org_id_email")) << live;

  CliResult again = retort({"revision", "--autogenerate", "-m", "nothing"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(contains(again.err, "No changes in schema detected")) << again.err;
  CliResult check = retort({"check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  CliResult from_db = retort({"revision", "--autogenerate", "--from-db", "-m", "nothing"});
  EXPECT_TRUE(contains(from_db.err, "No changes in schema detected")) << from_db.err;

  // What inspect prints, declared back, is the same schema.
  testing::write_file(project_.path() / "schema" / "main.toml", live);
  CliResult inspected_back = retort({"check"});
  EXPECT_EQ(inspected_back.exit_code, 0) << inspected_back.out << inspected_back.err;

  CliResult down = retort({"downgrade", "base"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(inspect(), "format = 1\n");
  // The scratch database was emptied after every use.
  EXPECT_EQ(scratch_->query(GetParam().dialect == "sqlite" ? "SELECT count(*) FROM sqlite_master"
                            : GetParam().dialect == "mysql"
                                ? "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE()"
                                : "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"),
            "0");
}

TEST_P(AutogenerateBackendsTest, ChangesAreAppliedAndUndone) {
  ASSERT_EQ(retort({"revision", "--autogenerate", "-m", "baseline"}).exit_code, 0);
  ASSERT_EQ(retort({"upgrade", "heads"}).exit_code, 0);
  db_->execute("INSERT INTO org (name) VALUES ('acme')");
  std::string text = kDeclared;
  auto change = [&](const std::string& from, const std::string& to) {
    size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  change("{ name = \"note\", type = \"text\" },", "{ name = \"memo\", type = \"text\", renamed_from = \"note\" },\n"
                                                  "  { name = \"nick\", type = \"string(30)\", comment = \"optional\" },");
  change("{ name = \"name\", type = \"string(50)\", nullable = false, comment = \"shown on invoices\" }",
         "{ name = \"name\", type = \"string(80)\", nullable = false, comment = \"shown on invoices\" }");
  change("comment = \"who pays\"", "comment = \"who pays, and when\"");
  change("{ columns = [\"org_id\", \"email\"] }", "{ columns = [\"org_id\"] }");
  testing::write_file(project_.path() / "schema" / "main.toml", text);
  CliResult gen = retort({"revision", "--autogenerate", "-m", "changes"});
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  CliResult up = retort({"upgrade", "heads"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(retort({"check"}).exit_code, 0);
  EXPECT_EQ(db_->query("SELECT name FROM org"), "acme");
  CliResult down = retort({"downgrade", "-1"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  std::string back = inspect();
  EXPECT_TRUE(contains(back, "name = \"note\"")) << back;
  EXPECT_TRUE(contains(back, "ix_account_org_id_email")) << back;
  EXPECT_EQ(db_->query("SELECT name FROM org"), "acme");
}

INSTANTIATE_TEST_SUITE_P(Backends, AutogenerateBackendsTest, ::testing::ValuesIn(testing::all_backends()),
                         [](const auto& info) { return testing::test_name(info.param); });

}  // namespace
}  // namespace retort
