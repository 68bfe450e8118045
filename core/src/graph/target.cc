#include "graph/target.h"

#include <climits>
#include <regex>

namespace retort {

std::optional<RelativeTarget> match_relative(std::string_view text) {
  static const std::regex relative(R"((?:(.+?)@)?(\w+)?((?:\+|-)\d+))");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_search(text.begin(), text.end(), m, relative, std::regex_constants::match_continuous))
    return std::nullopt;
  RelativeTarget t;
  if (m[1].matched) t.branch = m[1].str();
  if (m[2].matched) t.symbol = m[2].str();
  t.steps_text = m[3].str();
  // Python's integers do not overflow; a count this large runs off any graph either way.
  const std::string digits = t.steps_text.substr(1);
  long long n = digits.size() > 12 ? LLONG_MAX / 2 : std::stoll(digits);
  t.steps = t.steps_text[0] == '-' ? -n : n;
  return t;
}

LabelledName split_label(std::string_view text) {
  LabelledName out;
  size_t at = text.find('@');
  if (at == std::string_view::npos) {
    out.name = std::string(text);
  } else {
    out.branch = std::string(text.substr(0, at));
    out.name = std::string(text.substr(at + 1));
  }
  return out;
}

}  // namespace retort
