#include "config/secrets.h"

#include "util/strings.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace retort {
namespace {

// Lowercase, without the separators drivers disagree on: ssl_password, ssl-password and SSLPassword match.
std::string normalized(std::string_view key) {
  std::string out;
  for (char c : key)
    if (c != '_' && c != '-' && c != ' ') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// SQLAlchemy's option for a whole ODBC connection string, passed to the driver as it is.
bool holds_connection_string(std::string_view key) { return normalized(key) == "odbcconnect"; }

// One KEY=VALUE attribute of an ODBC connection string; the value is [begin, end), braces included.
struct Attribute {
  std::string key;
  size_t begin;
  size_t end;
};

// ODBC's grammar: attributes separated by ';', a value in braces may hold ';' and doubles '}'.
std::vector<Attribute> attributes(std::string_view s) {
  std::vector<Attribute> out;
  size_t i = 0;
  while (i < s.size()) {
    const size_t eq = s.find('=', i);
    size_t semi = s.find(';', i);
    if (eq == std::string_view::npos || semi < eq) {  // no value: nothing to mask
      if (semi == std::string_view::npos) break;
      i = semi + 1;
      continue;
    }
    Attribute a{trim(s.substr(i, eq - i)), std::min(s.find_first_not_of(' ', eq + 1), s.size()), 0};
    if (a.begin < s.size() && s[a.begin] == '{') {
      // The value ends at the first '}' that is not doubled.
      size_t close = s.find('}', a.begin + 1);
      while (close != std::string_view::npos && close + 1 < s.size() && s[close + 1] == '}')
        close = s.find('}', close + 2);
      a.end = close == std::string_view::npos ? s.size() : close + 1;
      semi = s.find(';', a.end);
    } else {
      semi = s.find(';', a.begin);
      a.end = std::min(semi, s.size());
      while (a.end > a.begin && s[a.end - 1] == ' ') --a.end;
    }
    out.push_back(std::move(a));
    if (semi == std::string_view::npos) break;
    i = semi + 1;
  }
  return out;
}

// The value an attribute gives the driver: without its braces, "}}" read as "}".
std::string attribute_value(std::string_view s, const Attribute& a) {
  std::string_view raw = s.substr(a.begin, a.end - a.begin);
  if (raw.empty() || raw.front() != '{') return std::string(raw);
  raw.remove_prefix(1);
  if (!raw.empty() && raw.back() == '}') raw.remove_suffix(1);
  std::string out;
  for (size_t i = 0; i < raw.size(); ++i) {
    out += raw[i];
    if (raw[i] == '}' && i + 1 < raw.size() && raw[i + 1] == '}') ++i;
  }
  return out;
}

// `s` with `escape` before each character of `special` (a quote doubled is a quote escaped by itself).
std::string escaped(const std::string& s, std::string_view special, char escape) {
  std::string out;
  for (char c : s) {
    if (special.find(c) != std::string_view::npos) out += escape;
    out += c;
  }
  return out;
}

std::string percent_encoded(const std::string& s) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || std::string_view("-._~").find(c) != std::string_view::npos) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

// How a driver may write a secret it repeats: as it is, as an SQL literal or identifier (quotes doubled), in a
// libpq keyword/value string (backslashes), in ODBC braces ('}' doubled), percent-encoded in a URL.
std::vector<std::string> written_forms(const std::string& secret) {
  return {secret,
          escaped(secret, "'", '\''),
          escaped(secret, "\"", '"'),
          escaped(secret, "}", '}'),
          escaped(secret, "'\\", '\\'),
          percent_encoded(secret)};
}

// Letters, digits, '_' and the bytes of UTF-8 sequences: what a word is made of.
bool is_word(char c) {
  auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || u >= 0x80;
}

}  // namespace

bool is_secret_option(std::string_view key) {
  static constexpr std::array<std::string_view, 7> kParts{"password", "passwd", "passphrase", "pwd",
                                                          "secret", "token", "apikey"};
  // Whole names only: SQLCipher's and SQLite SEE's keys, but sslkey (a file name) and passfile are no secret.
  static constexpr std::array<std::string_view, 5> kNames{"pass", "key", "hexkey", "rekey", "hexrekey"};
  const std::string k = normalized(key);
  auto in_key = [&](std::string_view part) { return k.find(part) != std::string::npos; };
  return std::any_of(kParts.begin(), kParts.end(), in_key) ||
         std::find(kNames.begin(), kNames.end(), k) != kNames.end();
}

std::string masked_option_value(std::string_view key, const std::string& value) {
  if (value.empty()) return value;
  if (is_secret_option(key)) return "***";
  if (!holds_connection_string(key)) return value;
  std::string out;
  size_t copied = 0;
  for (const Attribute& a : attributes(value)) {
    if (!is_secret_option(a.key) || a.begin == a.end) continue;
    out.append(value, copied, a.begin - copied);
    out += "***";
    copied = a.end;
  }
  return out.append(value, copied);
}

std::vector<std::string> option_secrets(std::string_view key, const std::string& value) {
  if (value.empty()) return {};
  if (is_secret_option(key)) return {value};
  std::vector<std::string> out;
  if (holds_connection_string(key))
    for (const Attribute& a : attributes(value))
      if (is_secret_option(a.key) && a.begin != a.end) out.push_back(attribute_value(value, a));
  return out;
}

std::string redact(std::string_view text, const std::vector<std::string>& secrets) {
  // Where the secrets stand, found in the text as given so that one mask is never searched for another.
  std::vector<std::pair<size_t, size_t>> hidden;
  for (const std::string& secret : secrets) {
    if (secret.empty()) continue;
    for (const std::string& form : written_forms(secret)) {
      for (size_t pos = text.find(form); pos != std::string_view::npos; pos = text.find(form, pos + 1)) {
        const size_t end = pos + form.size();
        // Inside a longer word it is not the secret but a coincidence: a password "p" is not in "port".
        const bool glued = (pos > 0 && is_word(form.front()) && is_word(text[pos - 1])) ||
                           (end < text.size() && is_word(form.back()) && is_word(text[end]));
        if (!glued) hidden.emplace_back(pos, end);
      }
    }
  }
  std::sort(hidden.begin(), hidden.end());
  std::string out;
  size_t copied = 0;
  for (const auto& [begin, end] : hidden) {
    if (end <= copied) continue;
    if (begin >= copied) {
      out.append(text.substr(copied, begin - copied));
      out += "***";
    }
    copied = end;
  }
  return out.append(text.substr(copied));
}

}  // namespace retort
