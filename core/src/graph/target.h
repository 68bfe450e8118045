// How Alembic reads a TARGET: "[LABEL@][SYMBOL](+|-)N" is relative, anything else names revisions
// ("heads", "core@head", an id or a prefix of one). Parsing only; revision_query resolves the names.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace retort {

struct RelativeTarget {
  std::optional<std::string> branch;  // before '@'
  std::optional<std::string> symbol;  // what the steps count from; none: from the current revisions
  long long steps = 0;                // signed
  std::string steps_text;             // "+2" or "-1", as written, for messages
};

// Alembic's regular expression, matched at the start of the text only (as Python's re.match does): so
// "base+2" and "core@head-1" are relative and "feature-x@head" is not, while "v-1@head" reads as the
// symbol "v" minus one. Keeping that reading is what makes the same command mean the same thing.
std::optional<RelativeTarget> match_relative(std::string_view text);

// "LABEL@REST" split at the first '@' (no label: the whole text is REST).
struct LabelledName {
  std::optional<std::string> branch;
  std::string name;
};
LabelledName split_label(std::string_view text);

}  // namespace retort
