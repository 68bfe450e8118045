#include "config/x_arguments.h"

namespace retort {

std::string x_argument_problem(std::string_view argument) {
  const size_t eq = argument.find('=');
  if (eq == std::string_view::npos) return "takes KEY=VALUE, and an argument has no '='";
  if (eq == 0) return "takes KEY=VALUE, and an argument has no KEY before '='";
  return "";
}

Result<XArguments> XArguments::parse(const std::vector<std::string>& arguments) {
  XArguments parsed;
  parsed.values_.reserve(arguments.size());
  for (const auto& argument : arguments) {
    if (std::string problem = x_argument_problem(argument); !problem.empty())
      return Error(problem).at("-x").hint("write -x KEY=VALUE, e.g. -x DBFILE=app.db");
    const size_t eq = argument.find('=');
    parsed.values_.emplace_back(argument.substr(0, eq), argument.substr(eq + 1));
  }
  return parsed;
}

std::optional<std::string> XArguments::value(const std::string& key) const {
  for (const auto& [k, v] : values_)
    if (k == key) return v;
  return std::nullopt;
}

VariableLookup XArguments::lookup() const {
  return [values = *this](const std::string& key) { return values.value(key); };
}

}  // namespace retort
