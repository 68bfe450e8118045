// Fuzzes -x KEY=VALUE arguments (one per input line): parsing, the refusal of malformed ones (which never
// repeats the argument: its VALUE may be a password), and lookup through ${KEY} expansion.
#include "fuzz_target.h"

#include "config/x_arguments.h"
#include "util/strings.h"

#include <cctype>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace retort;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::vector<std::string> arguments = split(text, '\n');
  auto x = XArguments::parse(arguments);
  bool all_good = true;
  for (const auto& a : arguments) all_good = all_good && x_argument_problem(a).empty();
  FUZZ_CHECK(x.ok() == all_good);
  if (!x.ok()) {
    // The message is the fixed text for the first malformed argument: nothing of the argument shows.
    std::string first_problem;
    for (const auto& a : arguments)
      if (first_problem.empty()) first_problem = x_argument_problem(a);
    FUZZ_CHECK(x.error().message() == first_problem);
    return 0;
  }
  for (const auto& a : arguments) {
    const size_t eq = a.find('=');
    const std::string key = a.substr(0, eq);
    auto value = x->value(key);
    FUZZ_CHECK(value.has_value());
    // Looked up through the config's ${KEY} expansion, for a key that is a variable name.
    bool name = !key.empty() && !(key[0] >= '0' && key[0] <= '9');
    for (char c : key) name = name && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
    if (!name) continue;
    auto expanded = expand_variables("${" + key + "}", x->lookup());
    FUZZ_CHECK(expanded.ok() && *expanded == *value);
  }
  return 0;
}
