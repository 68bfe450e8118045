#include "graph_expectations.h"

#include <gtest/gtest.h>

#include <cctype>

namespace retort::testing {

bool mentions(const std::string& text, const std::string& word) {
  auto part = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    bool left = at == 0 || !part(text[at - 1]);
    bool right = at + word.size() >= text.size() || !part(text[at + word.size()]);
    if (left && right) return true;
  }
  return false;
}

void expect_refused(const std::string& got, std::initializer_list<std::string> names) {
  ASSERT_EQ(got.rfind("error: ", 0), 0u) << "expected an error, got: " << got;
  for (const auto& n : names) EXPECT_TRUE(mentions(got, n)) << "the error does not name '" << n << "': " << got;
}

std::string changes_text(const std::vector<VersionChange>& changes) {
  std::string out;
  for (const auto& c : changes) {
    if (!out.empty()) out += "; ";
    switch (c.kind) {
      case VersionChange::Kind::kInsert: out += "INSERT " + c.to; break;
      case VersionChange::Kind::kUpdate: out += "UPDATE " + c.from + "->" + c.to; break;
      case VersionChange::Kind::kDelete: out += "DELETE " + c.from; break;
    }
  }
  return out;
}

}  // namespace retort::testing
