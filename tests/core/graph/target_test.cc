// Tests graph/target.cc: parsing every TARGET form, and rejecting malformed ones.
#include "graph/target.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

using Anchor = Target::Anchor;

TEST(ParseTarget, Forms) {
  struct Case {
    const char* text;
    Anchor anchor;
    const char* label;
    const char* revision;
    int relative;
    bool has_relative;
  };
  const Case cases[] = {
      {"heads", Anchor::kHeads, "", "", 0, false},
      {"head", Anchor::kHead, "", "", 0, false},
      {"base", Anchor::kBase, "", "", 0, false},
      {"current", Anchor::kCurrent, "", "", 0, false},
      {"ae10", Anchor::kRevision, "", "ae10", 0, false},
      {"+2", Anchor::kCurrent, "", "", 2, true},
      {"-1", Anchor::kCurrent, "", "", -1, true},
      {"ae10+3", Anchor::kRevision, "", "ae10", 3, true},
      {"ae10-1", Anchor::kRevision, "", "ae10", -1, true},
      {"core@head", Anchor::kHead, "core", "", 0, false},
      {"core@heads", Anchor::kHeads, "core", "", 0, false},
      {"core@base", Anchor::kBase, "core", "", 0, false},
      {"core@+1", Anchor::kCurrent, "core", "", 1, true},
      {"core@-2", Anchor::kCurrent, "core", "", -2, true},
      {"core@ae10", Anchor::kRevision, "core", "ae10", 0, false},
      {"core@ae10+1", Anchor::kRevision, "core", "ae10", 1, true},
      {"head-1", Anchor::kHead, "", "", -1, true},
  };
  for (const auto& c : cases) {
    auto t = parse_target(c.text);
    ASSERT_TRUE(t.ok()) << c.text << ": " << t.error().to_string();
    EXPECT_EQ(t->anchor, c.anchor) << c.text;
    EXPECT_EQ(t->label, c.label) << c.text;
    EXPECT_EQ(t->revision, c.revision) << c.text;
    EXPECT_EQ(t->relative, c.relative) << c.text;
    EXPECT_EQ(t->has_relative, c.has_relative) << c.text;
  }
}

TEST(ParseTarget, RejectsMalformed) {
  for (const char* bad : {"", "@head", "core@", "+", "ae10+", "+x", "a+1+2", "core@+1a"}) {
    auto t = parse_target(bad);
    EXPECT_FALSE(t.ok()) << "accepted '" << bad << "'";
    if (!t.ok()) {
      EXPECT_NE(t.error().message().find("invalid target"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace retort
