// A bad command line, said in retort's voice: what is wrong, in which command, and what to type instead
// (CLI11's own messages never reach the user). The caller prints `error: ...` and exits with status 2.
#pragma once

#include "util/status.h"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace retort::cli {

// A word where a command is expected that names none ("retort upgarde heads", "retort schema inspct"), or
// an option the command does not have ("retort upgrade heads --sqll"), with the closest match; nullopt
// when every command and option is known. `args` are argv without argv[0]. Checked before parsing:
// CLI11 would only say that a subcommand is required, or name neither the command nor the closest option.
std::optional<Error> unknown_word(const CLI::App& app, const std::vector<std::string>& args);

// CLI11's parse error `e`, thrown while `app` parsed, as retort's error with a hint.
Error command_line_error(const CLI::App& app, const CLI::ParseError& e);

}  // namespace retort::cli
