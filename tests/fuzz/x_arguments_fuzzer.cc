// Fuzzes -x KEY=VALUE arguments (one per input line): parsing, the refusal of malformed ones (which never
// repeats the argument: its VALUE may be a password), and lookup through ${KEY} expansion.
#include "fuzz_target.h"

#include "config/x_arguments.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace {

bool is_variable_name(const std::string& key) {
  if (key.empty() || (key[0] >= '0' && key[0] <= '9')) return false;
  return std::all_of(key.begin(), key.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; });
}

// The message is the fixed text for the first malformed argument: nothing of the argument shows.
void check_refusal(const retort::Error& error, const std::vector<std::string>& arguments) {
  std::string first_problem;
  for (const auto& a : arguments)
    if (first_problem.empty()) first_problem = retort::x_argument_problem(a);
  FUZZ_CHECK(error.message() == first_problem);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace retort;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::vector<std::string> arguments = split(text, '\n');
  auto x = XArguments::parse(arguments);
  bool all_good = true;
  for (const auto& a : arguments) all_good = all_good && x_argument_problem(a).empty();
  FUZZ_CHECK(x.ok() == all_good);
  if (!x.ok()) {
    check_refusal(x.error(), arguments);
    return 0;
  }
  for (const auto& a : arguments) {
    const std::string key = a.substr(0, a.find('='));
    auto value = x->value(key);
    FUZZ_CHECK(value.has_value());
    // Looked up through the config's ${KEY} expansion, for a key that is a variable name.
    if (!is_variable_name(key)) continue;
    auto expanded = expand_variables("${" + key + "}", x->lookup());
    FUZZ_CHECK(expanded.ok() && *expanded == *value);
  }
  return 0;
}
