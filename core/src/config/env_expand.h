// ${VAR} substitution in configuration values, from -x KEY=VALUE first and then the environment.
#pragma once

#include "util/status.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace retort {

using VariableLookup = std::function<std::optional<std::string>(const std::string& name)>;

// Looks up -x values first (given as a lookup), then the process environment.
VariableLookup environment_lookup(VariableLookup overrides = nullptr);

// Expands ${NAME} and ${NAME:-default} (the default when NAME is unset or empty); "$$" is a literal "$".
// NAME is letters, digits and '_'. A missing variable without a default is an error naming it; no error
// shows the text around it, which may be a password.
Result<std::string> expand_variables(std::string_view text, const VariableLookup& lookup);

}  // namespace retort
