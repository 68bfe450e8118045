// Tests config/env_expand.cc: ${VAR}, defaults, escapes, and the error for a missing variable.
#include "config/env_expand.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

VariableLookup fixed() {
  return [](const std::string& name) -> std::optional<std::string> {
    if (name == "PW") return std::string("secret");
    if (name == "EMPTY") return std::string();
    return std::nullopt;
  };
}

TEST(ExpandVariables, Substitutes) {
  EXPECT_EQ(*expand_variables("mysql://app:${PW}@h/db", fixed()), "mysql://app:secret@h/db");
  EXPECT_EQ(*expand_variables("a${EMPTY}b", fixed()), "ab");
  EXPECT_EQ(*expand_variables("${MISSING:-fallback}", fixed()), "fallback");
  EXPECT_EQ(*expand_variables("cost $$5 and $x", fixed()), "cost $5 and $x");
}

TEST(ExpandVariables, MissingVariableIsNamed) {
  auto r = expand_variables("x${LEGACY_PASSWORD}y", fixed());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("'LEGACY_PASSWORD' is not set"), std::string::npos);
  EXPECT_FALSE(expand_variables("${unterminated", fixed()).ok());
  EXPECT_FALSE(expand_variables("${}", fixed()).ok());
}

TEST(ExpandVariables, DefaultIsUsedWhenTheVariableIsEmpty) {
  // What CI gives for a missing secret: set, but empty (DESIGN §3).
  EXPECT_EQ(*expand_variables("${EMPTY:-fallback}", fixed()), "fallback");
  EXPECT_EQ(*expand_variables("${PW:-fallback}", fixed()), "secret");
  EXPECT_EQ(*expand_variables("${EMPTY:-}", fixed()), "");
}

TEST(ExpandVariables, ErrorsDoNotShowTheValue) {
  // A '$' in a password: the value around it is not echoed, wherever the error stops.
  for (const char* text : {"mysql://app:pa${ss-w0rd@h/db", "mysql://app:pa${ss-w0rd@h/db}", "p${a@b:-x}"}) {
    auto r = expand_variables(text, fixed());
    ASSERT_FALSE(r.ok()) << text;
    const std::string shown = r.error().to_string();
    for (const char* part : {"ss-w0rd", "a@b", "@h/db"}) EXPECT_EQ(shown.find(part), std::string::npos) << shown;
    EXPECT_NE(r.error().hint_text().find("$$"), std::string::npos) << "say how to write a literal '$': " << shown;
  }
}

TEST(ExpandVariables, OverridesComeBeforeTheEnvironment) {
  setenv("RETORT_TEST_VAR", "from-env", 1);
  auto env_only = environment_lookup();
  EXPECT_EQ(*expand_variables("${RETORT_TEST_VAR}", env_only), "from-env");
  auto with_x = environment_lookup([](const std::string& n) -> std::optional<std::string> {
    return n == "RETORT_TEST_VAR" ? std::optional<std::string>("from-x") : std::nullopt;
  });
  EXPECT_EQ(*expand_variables("${RETORT_TEST_VAR}", with_x), "from-x");
  unsetenv("RETORT_TEST_VAR");
}

}  // namespace
}  // namespace retort
