#include "command_line_errors.h"

#include "command_examples.h"
#include "util/strings.h"

#include <cctype>

namespace retort::cli {
namespace {

// How messages name a command: "upgrade", "schema inspect", or "retort" for the program itself.
std::string shown_name(const CLI::App& command) {
  const std::string path = command_path(command);
  return path.empty() ? "retort" : path;
}

// What the user types for it: "retort upgrade".
std::string typed_name(const CLI::App& command) {
  const std::string path = command_path(command);
  return path.empty() ? "retort" : "retort " + path;
}

// The command the user got to: the innermost subcommand parsed, or `app` when none was.
const CLI::App& chosen_command(const CLI::App& app) {
  const CLI::App* c = &app;
  while (!c->get_subcommands().empty()) c = c->get_subcommands().front();
  return *c;
}

std::vector<std::string> subcommand_names(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::App* sub : command.get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(sub->get_name());
  return names;
}

// The option `name` ("--engine", "-c") of `command` or of a command around it (their options apply
// everywhere after them).
const CLI::Option* find_option(const CLI::App& command, const std::string& name) {
  for (const CLI::App* c = &command; c; c = c->get_parent())
    if (const CLI::Option* o = c->get_option_no_throw(name); o && !o->get_positional()) return o;
  return nullptr;
}

// Every option name `command` accepts, its own and those of the commands around it.
std::vector<std::string> option_names(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::App* c = &command; c; c = c->get_parent())
    for (const CLI::Option* o : c->get_options()) {
      for (const auto& l : o->get_lnames()) names.push_back("--" + l);
      for (const auto& s : o->get_snames()) names.push_back("-" + s);
    }
  return names;
}

bool is_negative_number(const std::string& arg) {
  return arg.size() > 1 && arg[0] == '-' && std::isdigit(static_cast<unsigned char>(arg[1]));
}

// "hint: for example retort upgrade heads", or the command's --help when it has no example.
std::string example_hint(const CLI::App& command) {
  const std::string example = first_example(command_path(command));
  const std::string help = "`" + typed_name(command) + " --help` says what it takes";
  return example.empty() ? help : "for example " + example + "; " + help;
}

// "did you mean 'X'? " when something is close to `word`.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string near = closest_match(word, candidates);
  return near.empty() ? "" : "did you mean '" + near + "'? ";
}

Error unknown_option(const CLI::App& command, const std::string& arg) {
  const std::string name = arg.substr(0, arg.find('='));
  return Error(shown_name(command) + " has no option '" + name + "'")
      .hint(did_you_mean(name, option_names(command)) + "`" + typed_name(command) + " --help` lists its options");
}

Error unexpected_argument(const CLI::App& command, const std::string& arg) {
  return Error(shown_name(command) + " does not take '" + arg + "' here").hint(example_hint(command));
}

// "upgrade needs a TARGET", "stamp needs one or more TARGETS", "retort needs a command".
Error missing(const CLI::App& command, const std::string& what) {
  if (what == "A subcommand") {
    const std::vector<std::string> names = subcommand_names(command);
    return Error(shown_name(command) + " needs a command").hint(example_hint(command) + "; commands: " + join(names, ", "));
  }
  std::string needed = what;
  if (const CLI::Option* o = command.get_option_no_throw(what)) {
    if (o->get_expected_max() > 1)
      needed = "one or more " + what;
    else if (o->get_positional())
      needed = std::string(std::string("AEIOU").find(what[0]) == std::string::npos ? "a " : "an ") + what;
  }
  return Error(shown_name(command) + " needs " + needed).hint(example_hint(command));
}

// The text before ": " in CLI11's "NAME: message", or "".
std::string subject_of(const std::string& message) {
  const auto colon = message.find(": ");
  return colon == std::string::npos ? "" : message.substr(0, colon);
}

// Checks the option at args[i] ("--name", "--name=value", "-n", "-nVALUE", or short flags together as in
// "-qv" or "-qx K=V"), and moves `i` past the value it takes from the next argument, if any.
std::optional<Error> option_problem(const CLI::App& command, const std::vector<std::string>& args, size_t& i) {
  const std::string& arg = args[i];
  auto takes_value = [](const CLI::Option* o) { return o->get_expected_max() > 0; };  // a flag takes none
  if (arg[1] == '-') {
    const std::string name = arg.substr(0, arg.find('='));
    const CLI::Option* o = find_option(command, name);
    if (!o) return unknown_option(command, name);
    if (arg.find('=') == std::string::npos && takes_value(o)) ++i;
    return std::nullopt;
  }
  for (size_t j = 1; j < arg.size(); ++j) {
    const std::string name = std::string("-") + arg[j];
    const CLI::Option* o = find_option(command, name);
    if (!o) return unknown_option(command, name);
    if (!takes_value(o)) continue;
    if (j + 1 == arg.size()) ++i;  // the value is the next argument; otherwise the rest of this one
    break;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Error> unknown_word(const CLI::App& app, const std::vector<std::string>& args) {
  const CLI::App* level = &app;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") return std::nullopt;
    if (arg.size() > 1 && arg[0] == '-' && !is_negative_number(arg)) {
      auto unknown = option_problem(*level, args, i);
      if (unknown) return unknown;
      continue;
    }
    const std::vector<std::string> names = subcommand_names(*level);
    if (names.empty()) continue;  // an argument of the command
    const auto subs = level->get_subcommands([&](const CLI::App* s) { return s->check_name(arg); });
    if (!subs.empty()) {
      level = subs.front();
      continue;
    }
    if (!level->get_options([](const CLI::Option* o) { return o->get_positional(); }).empty()) continue;
    return Error(shown_name(*level) + " has no command '" + arg + "'")
        .hint(did_you_mean(arg, names) + "commands: " + join(names, ", "));
  }
  return std::nullopt;
}

Error command_line_error(const CLI::App& app, const CLI::ParseError& e) {
  const CLI::App& command = chosen_command(app);
  const std::string message = e.what();
  // By type: CLI11 names some errors after the command that threw them.
  if (dynamic_cast<const CLI::RequiredError*>(&e) && ends_with(message, " is required"))
    return missing(command, message.substr(0, message.size() - std::string(" is required").size()));
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
    const std::vector<std::string> extras = app.remaining(true);
    for (const auto& arg : extras)
      if (arg.size() > 1 && arg[0] == '-' && !is_negative_number(arg)) return unknown_option(command, arg);
    if (!extras.empty()) return unexpected_argument(command, extras.front());
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) && !subject_of(message).empty()) {
    const std::string subject = subject_of(message);
    if (ends_with(message, " missing"))  // "--message: 1 required TEXT missing"
      return Error(shown_name(command) + ": " + subject + " needs a value").hint(example_hint(command));
    if (message.find(": At Most 1 required") != std::string::npos)  // a second TARGET
      return Error(shown_name(command) + " takes only one " + subject).hint(example_hint(command));
  }
  if (dynamic_cast<const CLI::ExcludesError*>(&e)) {
    const auto at = message.find(" excludes ");
    if (at != std::string::npos)
      return Error(message.substr(0, at) + " and " + message.substr(at + 10) + " cannot be used together")
          .hint("leave one of them out");
  }
  // ValidationError and the rest: the message names the option and what it takes.
  return Error(message).hint(example_hint(command));
}

}  // namespace retort::cli
