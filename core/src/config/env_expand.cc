#include "config/env_expand.h"

#include <cstdlib>
#include <utility>

namespace retort {

VariableLookup environment_lookup(VariableLookup overrides) {
  return [overrides = std::move(overrides)](const std::string& name) -> std::optional<std::string> {
    if (overrides) {
      if (auto v = overrides(name)) return v;
    }
    if (const char* v = std::getenv(name.c_str())) return std::string(v);
    return std::nullopt;
  };
}

Result<std::string> expand_variables(std::string_view text, const VariableLookup& lookup) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$') {
      out += text[i];
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '$') {
      out += '$';
      ++i;
      continue;
    }
    if (i + 1 >= text.size() || text[i + 1] != '{') {
      out += '$';
      continue;
    }
    size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos)
      return Error("unterminated '${' in '" + std::string(text.substr(i, 20)) + "'").hint("write ${NAME}");
    std::string inner(text.substr(i + 2, close - i - 2));
    std::optional<std::string> fallback;
    size_t dflt = inner.find(":-");
    if (dflt != std::string::npos) {
      fallback = inner.substr(dflt + 2);
      inner.resize(dflt);
    }
    if (inner.empty()) return Error("empty variable name in '${}'");
    auto value = lookup(inner);
    if (!value) value = fallback;
    if (!value)
      return Error("environment variable '" + inner + "' is not set")
          .hint("export " + inner + "=..., pass -x " + inner + "=..., or write ${" + inner + ":-default}");
    out += *value;
    i = close;
  }
  return out;
}

}  // namespace retort
