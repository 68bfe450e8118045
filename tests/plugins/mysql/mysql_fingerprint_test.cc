// The mysql dialect's schema fingerprint (plugins/mysql/mysql_fingerprint.cc, RETORT_STMT_SCHEMA_FINGERPRINT)
// on the test MariaDB server: every kind of structural change moves it, a change of data does not, and it
// fits the history table's schema_before column, as a query of its own and nested in an UPDATE.
#include "schema/operation_effect.h"

#include "fingerprint_watch.h"
#include "live_database.h"

#include <gtest/gtest.h>

#include <memory>

namespace retort {
namespace {

using testing::Backend;
using testing::LiveDatabase;

class MysqlFingerprintTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Backend mysql{"mysql", "mysql", false};
    RETORT_REQUIRE_BACKEND(mysql);
    db_ = std::make_unique<LiveDatabase>(mysql, "fingerprint");
    watch_ = std::make_unique<testing::FingerprintWatch>(*db_);
    db_->execute("CREATE TABLE parent (id INT PRIMARY KEY, code VARCHAR(10) NOT NULL) ENGINE=InnoDB");
    db_->execute("CREATE TABLE child (id INT PRIMARY KEY, parent_id INT, qty INT DEFAULT 1, note VARCHAR(20)) "
                 "ENGINE=InnoDB");
  }
  std::string fingerprint() { return watch_->fingerprint(); }
  void expect_change(const std::string& ddl) { watch_->expect_change(ddl); }

  std::unique_ptr<LiveDatabase> db_;
  std::unique_ptr<testing::FingerprintWatch> watch_;
};

TEST_F(MysqlFingerprintTest, EveryStructuralChangeMovesIt) {
  watch_->start();
  expect_change("ALTER TABLE child ADD COLUMN extra INT");
  expect_change("ALTER TABLE child MODIFY COLUMN extra BIGINT");
  expect_change("ALTER TABLE child MODIFY COLUMN extra BIGINT NOT NULL");
  expect_change("ALTER TABLE child ALTER COLUMN qty SET DEFAULT 2");
  expect_change("ALTER TABLE child MODIFY COLUMN note VARCHAR(20) COMMENT 'why'");
  expect_change("ALTER TABLE child MODIFY COLUMN extra BIGINT NOT NULL FIRST");
  expect_change("CREATE INDEX ix_child_note ON child (note)");
  expect_change("DROP INDEX ix_child_note ON child");
  expect_change("CREATE INDEX ix_child_note ON child (note DESC)");
  expect_change("CREATE UNIQUE INDEX ux_parent_code ON parent (code)");
  expect_change("ALTER TABLE child ADD CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id)");
  expect_change("ALTER TABLE child DROP FOREIGN KEY fk_child_parent");
  expect_change("ALTER TABLE child ADD CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id) "
                "ON DELETE CASCADE");
  expect_change("ALTER TABLE child ADD CONSTRAINT ck_child_qty CHECK (qty > 0)");
  expect_change("ALTER TABLE child DROP CONSTRAINT ck_child_qty");
  expect_change("ALTER TABLE child ADD CONSTRAINT ck_child_qty CHECK (qty >= 0)");
  expect_change("CREATE VIEW v_child AS SELECT id FROM child");
  expect_change("CREATE OR REPLACE VIEW v_child AS SELECT id, qty FROM child");
  expect_change("CREATE TRIGGER tr_child BEFORE INSERT ON child FOR EACH ROW SET NEW.qty = NEW.qty");
  expect_change("ALTER TABLE child COMMENT = 'children'");
  expect_change("RENAME TABLE child TO kid");
  expect_change("CREATE TABLE empty_one (id INT)");
}

TEST_F(MysqlFingerprintTest, DataChangesLeaveItAlone) {
  const std::string before = fingerprint();
  db_->execute("INSERT INTO parent VALUES (1, 'a'), (2, 'b')");
  db_->execute("INSERT INTO child (id, parent_id) VALUES (1, 1)");
  db_->execute("UPDATE child SET qty = 5");
  db_->execute("DELETE FROM parent WHERE id = 2");
  db_->execute("ANALYZE TABLE parent, child");  // moves the indexes' cardinality
  EXPECT_EQ(fingerprint(), before);
}

TEST_F(MysqlFingerprintTest, FitsTheHistoryColumnAsAQueryAndAsAScalarSubquery) {
  const std::string value = fingerprint();
  EXPECT_EQ(value.rfind("mysql1:", 0), 0u) << value;
  EXPECT_LE(value.size(), 80u) << value;
  EXPECT_EQ(schema_fingerprint(db_->connection()), value) << "the host prefers the dialect's query";
  db_->execute("CREATE TABLE progress (id INT PRIMARY KEY, schema_before VARCHAR(80))");
  db_->execute("INSERT INTO progress VALUES (1, NULL)");
  db_->execute("UPDATE progress SET schema_before = (" + db_->connection().fingerprint_query() + ") WHERE id = 1");
  EXPECT_EQ(db_->query("SELECT schema_before FROM progress"), fingerprint())
      << "the same value, nested (the new table moved it, and the subquery saw that)";
}

// A fingerprint taken while other databases on the server change must not open their tables: one that
// another session alters meanwhile is skipped with a warning, which strict mode makes an error of inside
// the progress UPDATE that carries the query.
TEST_F(MysqlFingerprintTest, ReadsTheTablesOfItsOwnDatabaseOnly) {
  const std::string plan = db_->query("EXPLAIN " + db_->connection().fingerprint_query());
  EXPECT_EQ(plan.find("Scanned all databases"), std::string::npos) << plan;
  EXPECT_NE(plan.find("Scanned 1 database"), std::string::npos) << plan;
}

}  // namespace
}  // namespace retort
