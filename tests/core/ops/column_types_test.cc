// Tests ops/column_types.cc: which written types are taken as typos of a generic type.
#include "ops/column_types.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

TEST(ColumnTypes, NearMissesOfGenericNamesAreTypos) {
  EXPECT_EQ(misspelt_generic_type("intger").value_or(""), "integer");
  EXPECT_EQ(misspelt_generic_type("strng(40)").value_or(""), "string");
  EXPECT_EQ(misspelt_generic_type("Timestmp").value_or(""), "timestamp");
  EXPECT_EQ(misspelt_generic_type("txt").value_or(""), "text");
  EXPECT_EQ(misspelt_generic_type("boolen").value_or(""), "boolean");
}

TEST(ColumnTypes, GenericAndNativeTypesPass) {
  for (const char* t : {"integer", "string(50)", "numeric(10,2)", "TEXT", "timestamptz", "jsonb", "float8", "citext",
                        "int4", "bool", "varchar(20)", "double precision", "timestamp with time zone", "text[]",
                        "geometry(Point,4326)", "inet", "serial", "name", "path", "set", "line", "oid", "bytea",
                        "tinyint(1)", "mediumtext", "enum('a','b')"})
    EXPECT_FALSE(misspelt_generic_type(t).has_value()) << t;
}

}  // namespace
}  // namespace retort
