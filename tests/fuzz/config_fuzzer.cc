// Fuzzes retort.toml text: the TOML parse, every field's checks, ${VAR} and ${VAR:-default} expansion
// (from a fixed set of variables) and the database URLs; a URL's printable form never holds its password.
#include "fuzz_target.h"

#include "config/config.h"
#include "config/secrets.h"

#include <string>

namespace {

// ${PW} may have been put anywhere, a host say; only in the password or a secret option must it not show.
bool is_public(const retort::Url& u, const std::string& password) {
  bool found = false;
  for (const std::string* part : {&u.dialect, &u.driver, &u.username, &u.host, &u.database})
    found = found || part->find(password) != std::string::npos;
  for (const auto& [key, value] : u.options)
    found = found || key.find(password) != std::string::npos ||
            retort::masked_option_value(key, value).find(password) != std::string::npos;
  return found;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace retort;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::string password = "pw\x01secret";  // stands out: no field holds it by chance
  VariableLookup lookup = [&](const std::string& name) -> std::optional<std::string> {
    if (name == "PW") return password;
    if (name == "HOST") return std::string("db.example");
    if (name == "EMPTY") return std::string();
    return std::nullopt;
  };
  auto config = parse_config_text(text, "/project/retort.toml", lookup);
  if (!config.ok()) {
    FUZZ_CHECK(config.error().to_string().find(password) == std::string::npos);
    return 0;
  }
  for (const auto& db : config->databases)
    if (!is_public(db.url, password)) FUZZ_CHECK(db.url.masked().find(password) == std::string::npos);
  FUZZ_CHECK(!config->version_locations.empty());
  return 0;
}
