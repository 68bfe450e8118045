// Defaults as the PostgreSQL inspector reports them: pg_get_expr()'s text (as PostgreSQL 15 prints each
// of these), one spelling for each meaning.
#include "postgresql_defaults.hpp"

#include <gtest/gtest.h>

namespace retort::postgresql {
namespace {

TEST(PostgresqlDefaultsTest, NowIsCurrentTimestamp) {
  EXPECT_EQ(reported_default("now()", "timestamp"), "CURRENT_TIMESTAMP");
  EXPECT_EQ(reported_default("now()", "timestamptz"), "CURRENT_TIMESTAMP");
  EXPECT_EQ(reported_default("transaction_timestamp()", "timestamptz"), "CURRENT_TIMESTAMP");
  EXPECT_EQ(reported_default("CURRENT_TIMESTAMP", "timestamptz"), "CURRENT_TIMESTAMP");
  EXPECT_EQ(reported_default("(now() + '1 day'::interval)", "timestamptz"), "(CURRENT_TIMESTAMP + '1 day'::interval)");
  // Other functions, a name that only ends in "now", and text are left alone.
  EXPECT_EQ(reported_default("statement_timestamp()", "timestamptz"), "statement_timestamp()");
  EXPECT_EQ(reported_default("CURRENT_TIMESTAMP(0)", "timestamp(0) without time zone"), "CURRENT_TIMESTAMP(0)");
  EXPECT_EQ(reported_default("knownow()", "timestamptz"), "knownow()");
  EXPECT_EQ(reported_default("myschema.now()", "timestamptz"), "myschema.now()");
  EXPECT_EQ(reported_default("('now()'::text || now())", "text"), "('now()'::text || CURRENT_TIMESTAMP)");
}

TEST(PostgresqlDefaultsTest, ANumberOnANumberColumnIsBare) {
  EXPECT_EQ(reported_default("0", "integer"), "0");
  EXPECT_EQ(reported_default("'0'::numeric", "numeric(10,2)"), "0");
  EXPECT_EQ(reported_default("'-1'::integer", "bigint"), "-1");
  EXPECT_EQ(reported_default("'-1'::bigint", "bigint"), "-1");
  EXPECT_EQ(reported_default("'0.5'::double precision", "double"), "0.5");
  EXPECT_EQ(reported_default("'-2.50'::numeric", "numeric"), "-2.50");
  EXPECT_EQ(reported_default("'1e3'::real", "float"), "1e3");
}

TEST(PostgresqlDefaultsTest, AConstantOnATextColumnIsQuotedText) {
  EXPECT_EQ(reported_default("'x'::character varying", "string(10)"), "'x'");
  EXPECT_EQ(reported_default("'it''s'::text", "text"), "'it''s'");
  EXPECT_EQ(reported_default("'ab'::bpchar", "character(3)"), "'ab'");
  EXPECT_EQ(reported_default("'x'::character varying", "text"), "'x'");
  EXPECT_EQ(reported_default("0", "string(10)"), "'0'");
  EXPECT_EQ(reported_default("'-1'::integer", "character varying"), "'-1'");
  EXPECT_EQ(reported_default("''::text", "text"), "''");
}

TEST(PostgresqlDefaultsTest, NullIsNoDefault) {
  EXPECT_EQ(reported_default("NULL::character varying", "string(10)"), std::nullopt);
  EXPECT_EQ(reported_default("NULL", "integer"), std::nullopt);
  EXPECT_EQ(reported_default("'NULL'::text", "text"), "'NULL'");
  EXPECT_EQ(reported_default("NULLIF(1, 2)", "integer"), "NULLIF(1, 2)");
}

TEST(PostgresqlDefaultsTest, EverythingElseIsTheServersText) {
  // A float's text is not always the number as written ('1.0'::double precision prints as 1).
  EXPECT_EQ(reported_default("'1.0'::double precision", "text"), "'1.0'::double precision");
  EXPECT_EQ(reported_default("true", "boolean"), "true");
  EXPECT_EQ(reported_default("'{}'::jsonb", "jsonb"), "'{}'::jsonb");
  EXPECT_EQ(reported_default("'2020-01-01'::date", "date"), "'2020-01-01'::date");
  EXPECT_EQ(reported_default("lower('X'::text)", "text"), "lower('X'::text)");
  EXPECT_EQ(reported_default("'abc'::text", "integer[]"), "'abc'::text");
  EXPECT_EQ(reported_default("(1 + 2)", "integer"), "(1 + 2)");
  EXPECT_EQ(reported_default("'x'::text || 'y'::text", "text"), "'x'::text || 'y'::text");
}

}  // namespace
}  // namespace retort::postgresql
