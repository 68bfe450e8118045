// The examples every command's --help ends with, in one table, and the first of them for the hint of a
// bad command line ("for example retort upgrade heads").
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace retort::cli {

// "upgrade", "schema inspect"; "" for retort itself.
std::string command_path(const CLI::App& command);

// Sets the footer of `app` and of each of its subcommands, at every depth, to its examples.
void attach_examples(CLI::App& app);

// The first example of the command at `path` ("retort upgrade heads"), or "" if it has none.
std::string first_example(const std::string& path);

}  // namespace retort::cli
