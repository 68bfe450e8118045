// Tests util/status.h: errors as values, their context, and what the types refuse by construction.
#include "util/status.h"

#include <gtest/gtest.h>

#include <type_traits>

namespace retort {
namespace {

// An OK Status has no value to give, so a Result cannot be made from one (issue 13: it could, and
// reading the missing error was undefined behaviour).
static_assert(!std::is_constructible_v<Result<int>, Status>);
static_assert(!std::is_convertible_v<Status, Result<std::string>>);
static_assert(std::is_constructible_v<Result<int>, Error>);

Result<int> half(int n) {
  if (n % 2) return Error("odd").hint("give an even number");
  return n / 2;
}

Result<int> quarter(int n) {
  RETORT_ASSIGN_OR_RETURN(int h, half(n));
  return half(h);
}

TEST(Status, ErrorsCarryWhereAndWhatToDo) {
  Error e = Error("no such table").at("l001.toml:3").at("database 'main'");
  EXPECT_EQ(e.to_string(), "database 'main': l001.toml:3: no such table");
  e.hint("create it first");
  EXPECT_NE(e.to_string().find("hint: create it first"), std::string::npos);
  Error again = Error("x").at("database 'main'").at("database 'main'");
  EXPECT_EQ(again.where().size(), 1u) << "a location named twice is kept once";
}

TEST(Status, ResultPassesErrorsOn) {
  EXPECT_EQ(*quarter(8), 2);
  Result<int> odd = quarter(6);
  ASSERT_FALSE(odd.ok());
  EXPECT_EQ(odd.error().message(), "odd");
  EXPECT_FALSE(odd.status().ok());
  EXPECT_TRUE(quarter(4).status().ok());
}

TEST(Status, DefaultHintNeverOverridesTheCause) {
  Error e("x");
  e.hint("specific");
  e.default_hint("generic");
  EXPECT_EQ(e.hint_text(), "specific");
}

}  // namespace
}  // namespace retort
