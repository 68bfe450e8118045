// Fuzzes database URL parsing and the secret masking built on it: whatever the URL, its masked form
// never shows the password or a secret option, and a driver message quoting a secret is redacted.
#include "fuzz_target.h"

#include "config/secrets.h"
#include "config/url.h"

#include <string>

namespace {

// Set as the password and as every secret option's value below; an input that spells it is skipped.
constexpr const char* kMarker = "\x02marker\x02";

bool contains(const std::string& haystack, const std::string& needle) {
  return !needle.empty() && haystack.find(needle) != std::string::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace retort;
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto parsed = parse_url(text);
  if (!parsed.ok()) {
    // An error shows at most a valid scheme of the URL, which never holds the byte 0x02: any other part
    // could be a password. (Seeds hold 0x02 in their passwords.)
    FUZZ_CHECK(parsed.error().to_string().find('\x02') == std::string::npos);
    return 0;
  }
  Url url = std::move(parsed).value();
  // A driver message quoting a secret on its own is redacted, whatever the secret looks like.
  for (const auto& secret : url.secrets()) {
    const std::string redacted = redact("error <" + secret + ">", url.secrets());
    if (!contains("error <***>", secret)) FUZZ_CHECK(!contains(redacted, secret));
  }
  if (contains(text, kMarker)) return 0;
  // The same URL with a password nobody could type, and every secret option set to it.
  url.password = kMarker;
  for (auto& [key, value] : url.options) {
    if (is_secret_option(key)) value = kMarker;
    if (key == "odbc_connect") value = std::string("Driver={x};Uid=u;Pwd=") + kMarker + ";Password=" + kMarker;
  }
  FUZZ_CHECK(!contains(url.masked(), kMarker));
  return 0;
}
