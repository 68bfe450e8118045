// Which values of a database URL are secrets, and keeping them out of everything retort prints: the one
// place that decides it, for the URL shown in headings and errors and for the messages drivers send back.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace retort {

// True for an option (or a connection-string attribute) whose value is a secret, whatever its case:
// password, sslpassword, PWD, key (SQLCipher), ...
bool is_secret_option(std::string_view key);

// The value of URL option `key` as it may be shown: "***" for a secret, a connection string
// (odbc_connect) with the values of its secret attributes masked, anything else as it is.
std::string masked_option_value(std::string_view key, const std::string& value);

// The secrets URL option `key` carries: its value, or the secret attributes of a connection string.
std::vector<std::string> option_secrets(std::string_view key, const std::string& value);

// `text` with every secret replaced by "***" (driver messages may echo a password).
std::string redact(std::string_view text, const std::vector<std::string>& secrets);

}  // namespace retort
