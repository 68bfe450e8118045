// Tests ops/dialect_variants.cc: which per-dialect variant a dialect takes.
#include "ops/dialect_variants.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

std::string picked(const DialectVariants& d, const std::string& variants_toml) {
  toml::table doc = toml::parse("v = " + variants_toml);
  const toml::node* n = d.pick(*doc["v"].as_table());
  return n ? n->value_or(std::string("?")) : "(none)";
}

TEST(DialectVariants, TheDialectsOwnVariantWinsThenItsFamilyThenDefault) {
  const DialectVariants sqlcipher{"sqlcipher", "sqlite"};
  EXPECT_EQ(picked(sqlcipher, "{ sqlcipher = \"own\", sqlite = \"family\", default = \"d\" }"), "own");
  EXPECT_EQ(picked(sqlcipher, "{ sqlite = \"family\", default = \"d\" }"), "family");
  EXPECT_EQ(picked(sqlcipher, "{ postgresql = \"pg\", default = \"d\" }"), "d");
  EXPECT_EQ(picked(sqlcipher, "{ postgresql = \"pg\" }"), "(none)");
}

TEST(DialectVariants, ADialectOfItsOwnFamilyTakesItsOwnOrDefault) {
  const DialectVariants sqlite{"sqlite", "sqlite"};
  EXPECT_EQ(picked(sqlite, "{ sqlite = \"own\", default = \"d\" }"), "own");
  EXPECT_EQ(picked(sqlite, "{ mysql = \"m\", default = \"d\" }"), "d");
  EXPECT_EQ(picked(DialectVariants{}, "{ sqlite = \"own\", default = \"d\" }"), "d") << "no dialect: only default";
}

TEST(DialectVariants, DescribesTheFamilyOnlyWhenItDiffers) {
  EXPECT_EQ((DialectVariants{"sqlcipher", "sqlite"}.describe()), "dialect 'sqlcipher' (or its family 'sqlite')");
  EXPECT_EQ((DialectVariants{"mysql", "mysql"}.describe()), "dialect 'mysql'");
}

}  // namespace
}  // namespace retort
