// The MySQL driver's execute_atomically (plugins/mysql/mysql_driver.cc) on the test MariaDB server, through
// Database::execute_atomically: a unit goes to the server as one statement (an anonymous compound
// statement), counted by the session's own `Questions` status, which counts what clients send and not the
// statements a stored program runs; it is all or nothing; and where the server refuses the compound
// statement before running it, the statements run one by one, with the user's own error.
#include "live_database.h"

#include <gtest/gtest.h>

#include <memory>

namespace retort {
namespace {

using testing::Backend;
using testing::LiveDatabase;

class MysqlDriverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Backend mysql{"mysql", "mysql", false};
    RETORT_REQUIRE_BACKEND(mysql);
    db_ = std::make_unique<LiveDatabase>(mysql, ::testing::UnitTest::GetInstance()->current_test_info()->name());
    db_->execute("CREATE TABLE t (id INT PRIMARY KEY, note VARCHAR(40)) ENGINE=InnoDB");
  }
  Database& db() { return db_->connection(); }
  // The statements this session has sent so far; reading it is one more.
  long questions() {
    auto rows = db().query("SHOW SESSION STATUS LIKE 'Questions'");
    if (!rows.ok() || rows->size() != 1 || rows->front().size() != 2 || !rows->front()[1]) {
      ADD_FAILURE() << (rows.ok() ? "no Questions row" : rows.error().to_string());
      return -1;
    }
    return std::stol(*rows->front()[1]);
  }
  // How many statements `sqls` cost as one unit (the reading of the count after it is left out).
  long round_trips(const std::vector<std::string>& sqls, Status* result = nullptr) {
    const long before = questions();
    Status st = db().execute_atomically(sqls);
    const long after = questions();
    if (result) *result = std::move(st);
    else EXPECT_TRUE(st.ok()) << st.error().to_string();
    return after - before - 1;
  }
  std::string rows() { return db_->query("SELECT id, note FROM t ORDER BY id"); }
  std::string in_transaction() { return db_->query("SELECT @@in_transaction"); }

  std::unique_ptr<LiveDatabase> db_;
};

TEST_F(MysqlDriverTest, ServerIsMariaDb) {
  // These tests are about MariaDB's anonymous compound statements; Oracle MySQL takes the statements one by one.
  EXPECT_NE(db_->query("SELECT VERSION()").find("MariaDB"), std::string::npos);
}

TEST_F(MysqlDriverTest, ThreeStatementsAreOneStatementSent) {
  EXPECT_EQ(round_trips({"INSERT INTO t VALUES (1, 'one')", "INSERT INTO t VALUES (2, 'two')",
                         "UPDATE t SET note = 'uno' WHERE id = 1"}),
            1);
  EXPECT_EQ(rows(), "1|uno\n2|two");
  EXPECT_EQ(in_transaction(), "0");
}

TEST_F(MysqlDriverTest, AFailingSecondStatementLeavesTheFirstUnappliedAndTheConnectionUsable) {
  db_->execute("INSERT INTO t VALUES (7, 'seven')");
  Status st;
  round_trips({"INSERT INTO t VALUES (1, 'one')", "INSERT INTO t VALUES (7, 'again')"}, &st);
  ASSERT_FALSE(st.ok());
  const std::string e = st.error().to_string();
  EXPECT_NE(e.find("Duplicate entry '7'"), std::string::npos) << e;
  EXPECT_NE(e.find("[MySQL error 1062]"), std::string::npos) << e;
  // Never retried one by one (a statement may have run): the error is reported for the unit's first statement.
  EXPECT_NE(e.find("statement: INSERT INTO t VALUES (1, 'one')"), std::string::npos) << e;
  EXPECT_EQ(rows(), "7|seven");
  EXPECT_EQ(in_transaction(), "0");
  // The next unit goes as one statement again.
  EXPECT_EQ(round_trips({"INSERT INTO t VALUES (1, 'one')"}), 1);
  EXPECT_EQ(rows(), "1|one\n7|seven");
}

TEST_F(MysqlDriverTest, AStatementTheCompoundStatementRefusesRunsOneByOne) {
  // USE is not allowed in stored programs (error 1314): the block is refused before any of it ran, rolled
  // back, and the statements go one by one in a transaction: SET autocommit = 0, each, SET autocommit = 1.
  const std::string use = "USE `" + db_->database_name() + "`";
  EXPECT_EQ(round_trips({use, "INSERT INTO t VALUES (3, 'three')"}), 1 + 1 + 4);
  EXPECT_EQ(rows(), "3|three");
  EXPECT_EQ(in_transaction(), "0");
  // Only that unit: the next one is a compound statement again.
  EXPECT_EQ(round_trips({"INSERT INTO t VALUES (4, 'four')", "DELETE FROM t WHERE id = 3"}), 1);
  EXPECT_EQ(rows(), "4|four");
}

TEST_F(MysqlDriverTest, AUserSyntaxErrorNamesTheUsersStatement) {
  Status st;
  round_trips({"INSRT INTO t VALUES (1, 'one')", "UPDATE t SET note = 'x'"}, &st);
  ASSERT_FALSE(st.ok());
  const std::string e = st.error().to_string();
  // The error of the statement run alone, not of the compound statement around it.
  EXPECT_NE(e.find("near 'INSRT INTO t VALUES (1, 'one')' at line 1"), std::string::npos) << e;
  EXPECT_NE(e.find("statement: INSRT INTO t VALUES (1, 'one')"), std::string::npos) << e;
  EXPECT_EQ(e.find("BEGIN NOT ATOMIC"), std::string::npos) << e;
  EXPECT_EQ(rows(), "");
  EXPECT_EQ(in_transaction(), "0");
}

TEST_F(MysqlDriverTest, TwoStatementsInOneTextFailAsTheyDidAloneAndNothingIsApplied) {
  // Inside a compound statement they would be two statements; sent alone, the server refuses the text.
  Status st;
  const long sent = round_trips({"INSERT INTO t VALUES (1, 'one'); INSERT INTO t VALUES (2, 'two')",
                                 "UPDATE t SET note = 'x'"},
                                &st);
  ASSERT_FALSE(st.ok());
  const std::string e = st.error().to_string();
  EXPECT_NE(e.find("near 'INSERT INTO t VALUES (2, 'two')' at line 1"), std::string::npos) << e;
  EXPECT_NE(e.find("statement: INSERT INTO t VALUES (1, 'one'); INSERT INTO t VALUES (2, 'two')"), std::string::npos) << e;
  // No compound statement was tried: SET autocommit = 0, the text, ROLLBACK, SET autocommit = 1.
  EXPECT_EQ(sent, 4);
  EXPECT_EQ(rows(), "");
  EXPECT_EQ(in_transaction(), "0");
}

TEST_F(MysqlDriverTest, AnOpenQuoteDoesNotTakeInTheStatementsAfterIt) {
  Status st;
  round_trips({"INSERT INTO t VALUES (1, 'one)", "INSERT INTO t VALUES (2, 'two')"}, &st);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().to_string().find("statement: INSERT INTO t VALUES (1, 'one)"), std::string::npos)
      << st.error().to_string();
  EXPECT_EQ(rows(), "");
}

TEST_F(MysqlDriverTest, ResultSetsInsideAreReadSoTheConnectionStaysUsable) {
  EXPECT_EQ(round_trips({"INSERT INTO t VALUES (5, 'five')", "SELECT id, note FROM t", "VALUES (1), (2)",
                         "INSERT INTO t SELECT id + 1, note FROM t WHERE id = 5"}),
            1);
  EXPECT_EQ(rows(), "5|five\n6|five");
  EXPECT_EQ(in_transaction(), "0");
}

TEST_F(MysqlDriverTest, TrailingCommentsSemicolonsAndSpacesDoNotBreakTheCompoundStatement) {
  EXPECT_EQ(round_trips({"INSERT INTO t VALUES (8, 'a -- b') -- the eighth; really", "INSERT INTO t VALUES (9, ';') ; ;\n\t",
                         "/* block; */ UPDATE t SET note = 'nine\\'s' WHERE id = 9 # hash comment;",
                         "INSERT INTO t VALUES (10, \"it''s \\\";\") /*!100000 , (11, 'x') */"}),
            1);
  EXPECT_EQ(rows(), "8|a -- b\n9|nine's\n10|it''s \";\n11|x");
}

}  // namespace
}  // namespace retort
