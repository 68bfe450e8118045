// Checks of option values whose messages read as retort's, for CLI11 options:
// "--jobs: must be a whole number from 1 to 64, not '0'".
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace retort::cli {

CLI::Validator one_of(std::vector<std::string> choices);
CLI::Validator whole_number(long min, long max);

}  // namespace retort::cli
