// Where a unit of statements goes (runtime/statement_target.cc, StatementTarget::atomically): online, the
// run's statements and retort's bookkeeping run as one unit and only the run's statements are echoed (-v);
// in an offline script the run's statements stand between the dialect's BEGIN and COMMIT, as any
// transaction of a script does, and the bookkeeping is left out (a script keeps no history).
#include "runtime/statement_target.h"

#include "live_database.h"

#include <gtest/gtest.h>

#include <sstream>

namespace retort {
namespace {

Database offline(const DatabaseConfig& config) {
  auto db = Database::offline(testing::build_plugins(), config);
  if (!db.ok()) throw std::runtime_error(db.error().to_string());
  return std::move(db).value();
}

DatabaseConfig config_for(const std::string& url) {
  DatabaseConfig c;
  c.name = "main";
  c.url = parse_url(url).value();
  return c;
}

TEST(StatementTarget, AScriptWritesTheUnitsStatementsInATransactionAndNoBookkeeping) {
  const DatabaseConfig config = config_for("postgresql://u@h/db");
  Database db = offline(config);
  std::ostringstream out;
  ScriptTarget target(db, out);
  const Status st = target.atomically({"INSERT INTO t VALUES (1)"}, {"UPDATE retort_history SET x = 1"});
  ASSERT_TRUE(st.ok()) << st.error().to_string();
  EXPECT_EQ(out.str(), "BEGIN;\n\nINSERT INTO t VALUES (1);\n\nCOMMIT;\n\n");
  EXPECT_FALSE(target.open());
}

TEST(StatementTarget, AScriptForADialectThatCommitsDdlWritesTheStatementsAlone) {
  const DatabaseConfig config = config_for("mysql://u@h/db");
  Database db = offline(config);
  std::ostringstream out;
  ScriptTarget target(db, out);
  ASSERT_TRUE(target.atomically({"INSERT INTO t VALUES (1)", "DELETE FROM t"}, {"UPDATE h SET x = 1"}).ok());
  EXPECT_EQ(out.str(), "INSERT INTO t VALUES (1);\n\nDELETE FROM t;\n\n");
}

TEST(StatementTarget, OnlineTheUnitRunsAsAWholeAndOnlyTheRunsStatementsAreEchoed) {
  const testing::Backend sqlite{"sqlite", "sqlite", false};
  testing::LiveDatabase live(sqlite, "target");
  live.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
  live.execute("CREATE TABLE h (n INTEGER)");
  live.execute("INSERT INTO h VALUES (0)");
  const DatabaseConfig config = config_for(live.url());
  auto db = Database::connect(testing::build_plugins(), config);
  ASSERT_TRUE(db.ok()) << db.error().to_string();
  std::ostringstream echo;
  OnlineTarget target(*db, &echo);

  ASSERT_TRUE(target.atomically({"INSERT INTO t VALUES (1)"}, {"UPDATE h SET n = n + 1"}).ok());
  EXPECT_EQ(echo.str(), "INSERT INTO t VALUES (1);\n");
  EXPECT_EQ(live.query("SELECT (SELECT COUNT(*) FROM t) || '|' || (SELECT n FROM h)"), "1|1");

  // A failure anywhere in the unit leaves none of it.
  const Status failed = target.atomically({"INSERT INTO t VALUES (2)"}, {"UPDATE no_such_table SET n = 1"});
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.error().to_string().find("statement: UPDATE no_such_table SET n = 1"), std::string::npos)
      << failed.error().to_string();
  EXPECT_EQ(live.query("SELECT (SELECT COUNT(*) FROM t) || '|' || (SELECT n FROM h)"), "1|1");
  EXPECT_FALSE(target.open());
}

}  // namespace
}  // namespace retort
