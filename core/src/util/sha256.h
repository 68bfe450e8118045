// SHA-256 of a text as lowercase hex (OpenSSL): revision checksums and schema fingerprints.
#pragma once

#include <string>
#include <string_view>

namespace retort {

std::string sha256_hex(std::string_view text);

}  // namespace retort
