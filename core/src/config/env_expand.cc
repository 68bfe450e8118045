#include "config/env_expand.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <utility>

namespace retort {
namespace {

// A shell's variable names, which is what an environment variable can be called.
bool is_variable_name(const std::string& name) {
  if (std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

}  // namespace

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
  // The value may be a password holding a '$': errors say where, never what is around it.
  auto at = [](size_t i) { return " at character " + std::to_string(i + 1) + " (the value is not shown)"; };
  const std::string literal_hint = "; a literal '$' is written '$$'";
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
      return Error("unterminated '${'" + at(i)).hint("write ${NAME} or ${NAME:-default}" + literal_hint);
    std::string inner(text.substr(i + 2, close - i - 2));
    std::optional<std::string> fallback;
    size_t dflt = inner.find(":-");
    if (dflt != std::string::npos) {
      fallback = inner.substr(dflt + 2);
      inner.resize(dflt);
    }
    if (inner.empty()) return Error("empty variable name in '${}'" + at(i)).hint("write ${NAME}" + literal_hint);
    if (!is_variable_name(inner))
      return Error("'${' does not start a variable name" + at(i))
          .hint("names are letters, digits and '_', as in ${DB_PASSWORD}" + literal_hint);
    auto value = lookup(inner);
    // CI gives a secret it does not have as an empty variable: that is the default's case too.
    if (fallback && (!value || value->empty())) value = fallback;
    if (!value)
      return Error("environment variable '" + inner + "' is not set")
          .hint("export " + inner + "=..., pass -x " + inner + "=..., or write ${" + inner + ":-default}");
    out += *value;
    i = close;
  }
  return out;
}

}  // namespace retort
