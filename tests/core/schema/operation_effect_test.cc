// Tests schema/operation_effect.cc on a real SQLite file: whether an operation's effect is in the live
// schema, read with the dialect's inspector, and the schema fingerprint a rerun compares.
#include "schema/operation_effect.h"

#include "live_database.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

using testing::LiveDatabase;
using State = OperationEffect::State;

class OperationEffectTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.execute("CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL, note TEXT)");
    db_.execute("CREATE INDEX ix_account_name ON account (name)");
  }
  State state(const std::string& op, toml::table args) {
    const OperationEffect e = operation_effect(db_.connection(), op, args);
    EXPECT_FALSE(e.evidence.empty()) << op;
    return e.state;
  }

  LiveDatabase db_{testing::native_backends().front(), "effect"};  // SQLite
};

TEST_F(OperationEffectTest, TablesAndColumns) {
  EXPECT_EQ(state("create_table", toml::table{{"table", "account"}}), State::kApplied);
  EXPECT_EQ(state("create_table", toml::table{{"table", "ledger"}}), State::kNotApplied);
  EXPECT_EQ(state("drop_table", toml::table{{"table", "ledger"}}), State::kApplied);
  EXPECT_EQ(state("drop_table", toml::table{{"table", "account"}}), State::kNotApplied);
  EXPECT_EQ(state("rename_table", toml::table{{"table", "account"}, {"new_name", "customer"}}), State::kNotApplied);
  EXPECT_EQ(state("rename_table", toml::table{{"table", "client"}, {"new_name", "account"}}), State::kApplied);
  EXPECT_EQ(state("rename_table", toml::table{{"table", "x"}, {"new_name", "y"}}), State::kUnknown);
  EXPECT_EQ(state("add_column", toml::table{{"table", "account"}, {"column", toml::table{{"name", "note"}, {"type", "text"}}}}),
            State::kApplied);
  EXPECT_EQ(state("add_column", toml::table{{"table", "account"}, {"column", toml::table{{"name", "email"}, {"type", "text"}}}}),
            State::kNotApplied);
  EXPECT_EQ(state("add_column", toml::table{{"table", "nope"}, {"column", toml::table{{"name", "email"}}}}), State::kUnknown);
  EXPECT_EQ(state("drop_column", toml::table{{"table", "account"}, {"column", "email"}}), State::kApplied);
  EXPECT_EQ(state("drop_column", toml::table{{"table", "account"}, {"column", "note"}}), State::kNotApplied);
}

TEST_F(OperationEffectTest, AlterColumnIsToldOnlyByWhatTheSchemaShowsExactly) {
  EXPECT_EQ(state("alter_column", toml::table{{"table", "account"}, {"column", "note"}, {"new_name", "remark"}}), State::kNotApplied);
  EXPECT_EQ(state("alter_column", toml::table{{"table", "account"}, {"column", "memo"}, {"new_name", "note"}}), State::kApplied);
  EXPECT_EQ(state("alter_column", toml::table{{"table", "account"}, {"column", "name"}, {"nullable", true}}), State::kNotApplied);
  EXPECT_EQ(state("alter_column", toml::table{{"table", "account"}, {"column", "name"}, {"nullable", false}}), State::kApplied);
  EXPECT_EQ(state("alter_column", toml::table{{"table", "account"}, {"column", "name"}, {"type", "text"}}), State::kUnknown);
  EXPECT_FALSE(effect_readable("alter_column", toml::table{{"type", "text"}}));
  EXPECT_TRUE(effect_readable("alter_column", toml::table{{"new_name", "x"}}));
}

TEST_F(OperationEffectTest, IndexesAndConstraints) {
  EXPECT_EQ(state("create_index", toml::table{{"table", "account"}, {"name", "ix_account_name"}}), State::kApplied);
  EXPECT_EQ(state("create_index", toml::table{{"table", "account"}, {"name", "ix_other"}}), State::kNotApplied);
  EXPECT_EQ(state("drop_index", toml::table{{"table", "account"}, {"name", "ix_account_name"}}), State::kNotApplied);
  EXPECT_EQ(state("drop_index", toml::table{{"table", "account"}, {"name", "ix_other"}}), State::kApplied);
  EXPECT_EQ(state("create_primary_key", toml::table{{"table", "account"}, {"name", "pk"}}), State::kApplied);
  EXPECT_EQ(state("drop_constraint", toml::table{{"table", "account"}, {"name", "pk"}, {"type", "primary"}}), State::kNotApplied);
  EXPECT_EQ(state("drop_constraint", toml::table{{"table", "account"}, {"name", "x"}, {"type", "strange"}}), State::kUnknown);
}

TEST_F(OperationEffectTest, AnExecuteCannotBeToldButTheFingerprintSeesAnyChange) {
  EXPECT_EQ(state("execute", toml::table{{"sql", "CREATE TABLE t (id INTEGER)"}}), State::kUnknown);
  EXPECT_FALSE(effect_readable("execute", toml::table{}));
  const std::string before = schema_fingerprint(db_.connection());
  ASSERT_FALSE(before.empty());
  db_.execute("INSERT INTO account (id, name) VALUES (1, 'a')");
  EXPECT_EQ(schema_fingerprint(db_.connection()), before) << "data is not schema";
  db_.execute("CREATE TABLE t (id INTEGER)");
  EXPECT_NE(schema_fingerprint(db_.connection()), before);
}

TEST_F(OperationEffectTest, WithoutAFingerprintQueryTheInspectorTakesIt) {
  EXPECT_TRUE(db_.connection().fingerprint_query().empty()) << "the sqlite dialect has no fingerprint query";
  const std::string inspected = inspected_schema_fingerprint(db_.connection());
  EXPECT_EQ(inspected.size(), 64u) << "sha256 in hex, as before ABI 1.3";
  EXPECT_EQ(schema_fingerprint(db_.connection()), inspected);
  EXPECT_EQ(schema_fingerprint_like(db_.connection(), "0123"), inspected) << "a fingerprint without a tag is the inspector's";
  EXPECT_EQ(schema_fingerprint_like(db_.connection(), "mysql1:abc"), "") << "a query's, which this dialect cannot take";
}

}  // namespace
}  // namespace retort
