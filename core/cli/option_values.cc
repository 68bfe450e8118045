#include "option_values.h"

#include "util/strings.h"

#include <cctype>

namespace retort::cli {

CLI::Validator one_of(std::vector<std::string> choices) {
  const std::string shown = choices.size() < 2 ? join(choices, "")
                                               : join(std::vector<std::string>(choices.begin(), choices.end() - 1), ", ") +
                                                     " or " + choices.back();
  return CLI::Validator(
      [choices, shown](const std::string& value) -> std::string {
        for (const auto& c : choices)
          if (c == value) return "";
        const std::string near = closest_match(value, choices);
        return "must be " + shown + ", not '" + value + "'" + (near.empty() ? "" : " (did you mean '" + near + "'?)");
      },
      join(choices, "|"));
}

CLI::Validator whole_number(long min, long max) {
  const std::string range = "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  return CLI::Validator(
      [min, max, range](const std::string& value) -> std::string {
        bool digits = !value.empty() && value.size() < 10;
        for (char c : value) digits = digits && std::isdigit(static_cast<unsigned char>(c));
        if (digits) {
          const long n = std::stol(value);
          if (n >= min && n <= max) return "";
        }
        return "must be " + range + ", not '" + value + "'";
      },
      "N");
}

}  // namespace retort::cli
