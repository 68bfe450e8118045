// The postgresql dialect's schema fingerprint (plugins/postgresql/postgresql_fingerprint.cc,
// RETORT_STMT_SCHEMA_FINGERPRINT) on the test server, through libpqxx and through psqlODBC: every kind of
// structural change moves it, a change of data does not, and it fits the history table's schema_before
// column, as a query of its own and nested in an UPDATE.
#include "schema/operation_effect.h"

#include "fingerprint_watch.h"
#include "live_database.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace retort {
namespace {

using testing::Backend;
using testing::LiveDatabase;

class PostgresqlFingerprintTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    RETORT_REQUIRE_BACKEND(GetParam());
    db_ = std::make_unique<LiveDatabase>(GetParam(), ::testing::UnitTest::GetInstance()->current_test_info()->name());
    watch_ = std::make_unique<testing::FingerprintWatch>(*db_);
    db_->execute("CREATE TABLE parent (id INT PRIMARY KEY, code VARCHAR(10) NOT NULL)");
    db_->execute("CREATE TABLE child (id INT PRIMARY KEY, parent_id INT, qty INT DEFAULT 1, note VARCHAR(20))");
  }
  std::string fingerprint() { return watch_->fingerprint(); }
  void expect_change(const std::string& ddl) { watch_->expect_change(ddl); }

  std::unique_ptr<LiveDatabase> db_;
  std::unique_ptr<testing::FingerprintWatch> watch_;
};

TEST_P(PostgresqlFingerprintTest, EveryStructuralChangeMovesIt) {
  watch_->start();
  expect_change("ALTER TABLE child ADD COLUMN extra INT");
  expect_change("ALTER TABLE child ALTER COLUMN extra TYPE BIGINT");
  expect_change("ALTER TABLE child ALTER COLUMN extra SET NOT NULL");
  expect_change("ALTER TABLE child ALTER COLUMN qty SET DEFAULT 2");
  expect_change("COMMENT ON COLUMN child.note IS 'why'");
  expect_change("CREATE INDEX ix_child_note ON child (note)");
  expect_change("DROP INDEX ix_child_note");
  expect_change("CREATE INDEX ix_child_note ON child (note DESC)");
  expect_change("CREATE UNIQUE INDEX ux_parent_code ON parent (code) WHERE code <> ''");
  expect_change("ALTER TABLE child ADD CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id)");
  expect_change("ALTER TABLE child DROP CONSTRAINT fk_child_parent");
  expect_change("ALTER TABLE child ADD CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id) "
                "ON DELETE CASCADE");
  expect_change("ALTER TABLE child ADD CONSTRAINT ck_child_qty CHECK (qty > 0)");
  expect_change("CREATE VIEW v_child AS SELECT id FROM child");
  expect_change("CREATE OR REPLACE VIEW v_child AS SELECT id, qty FROM child");
  expect_change("CREATE FUNCTION same_row() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'");
  expect_change("CREATE TRIGGER tr_child BEFORE INSERT ON child FOR EACH ROW EXECUTE FUNCTION same_row()");
  expect_change("COMMENT ON TABLE child IS 'children'");
  expect_change("CREATE TYPE mood AS ENUM ('sad', 'happy')");
  expect_change("ALTER TYPE mood ADD VALUE 'calm'");
  expect_change("ALTER TABLE child RENAME TO kid");
  expect_change("CREATE TABLE empty_one (id INT)");
}

TEST_P(PostgresqlFingerprintTest, DataChangesLeaveItAlone) {
  db_->execute("CREATE TABLE counted (id SERIAL PRIMARY KEY, note TEXT)");
  const std::string before = fingerprint();
  db_->execute("INSERT INTO parent VALUES (1, 'a'), (2, 'b')");
  db_->execute("INSERT INTO child (id, parent_id) VALUES (1, 1)");
  db_->execute("INSERT INTO counted (note) VALUES ('moves the sequence')");
  db_->execute("UPDATE child SET qty = 5");
  db_->execute("DELETE FROM parent WHERE id = 2");
  db_->execute("ANALYZE parent");
  EXPECT_EQ(fingerprint(), before);
}

TEST_P(PostgresqlFingerprintTest, FitsTheHistoryColumnAsAQueryAndAsAScalarSubquery) {
  const std::string value = fingerprint();
  EXPECT_EQ(value.rfind("pg1:", 0), 0u) << value;
  EXPECT_LE(value.size(), 80u) << value;
  EXPECT_EQ(schema_fingerprint(db_->connection()), value) << "the host prefers the dialect's query";
  db_->execute("CREATE TABLE progress (id INT PRIMARY KEY, schema_before VARCHAR(80))");
  db_->execute("INSERT INTO progress VALUES (1, NULL)");
  db_->execute("UPDATE progress SET schema_before = (" + db_->connection().fingerprint_query() + ") WHERE id = 1");
  EXPECT_EQ(db_->query("SELECT schema_before FROM progress"), fingerprint());
}

INSTANTIATE_TEST_SUITE_P(postgresql_fingerprint, PostgresqlFingerprintTest, ::testing::ValuesIn(testing::backends_of("postgresql")),
                         [](const ::testing::TestParamInfo<Backend>& info) { return testing::test_name(info.param); });

}  // namespace
}  // namespace retort
