#include "config/url.h"

#include "config/secrets.h"

#include <algorithm>
#include <cctype>

namespace retort {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// dialect[+driver]: letters, digits, '+' and '_' only.
bool is_scheme(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '_'; });
}

}  // namespace

Result<Url> parse_url(std::string_view text) {
  auto bad = [&](const std::string& why) {
    // The URL may hold a password, so the error shows only its scheme, and only if it is one: in
    // "app:secret@host+odbc://..." what stands before "://" is the user and password.
    size_t sep = text.find("://");
    std::string shown = sep == std::string_view::npos || !is_scheme(text.substr(0, sep))
                            ? std::string("(not shown)")
                            : std::string(text.substr(0, sep)) + "://...";
    return Error("invalid database URL '" + shown + "': " + why)
        .hint("URLs look like sqlite:///app.db or postgresql://user:password@host:5432/dbname");
  };
  if (text.empty())
    return Error("the database URL is empty")
        .hint("a URL from ${VAR} is empty when VAR is set to \"\": set it, or give a default with ${VAR:-URL}");
  size_t sep = text.find("://");
  if (sep == std::string_view::npos || sep == 0) return bad("missing '://'");
  Url url;
  std::string_view scheme = text.substr(0, sep);
  if (!is_scheme(scheme)) return bad("invalid character in scheme");
  size_t plus = scheme.find('+');
  url.dialect = std::string(scheme.substr(0, plus));
  if (plus != std::string_view::npos) url.driver = std::string(scheme.substr(plus + 1));
  if (url.dialect.empty() || (plus != std::string_view::npos && url.driver.empty())) return bad("empty dialect or driver");

  std::string_view rest = text.substr(sep + 3);
  size_t q = rest.find('?');
  std::string_view query = q == std::string_view::npos ? std::string_view() : rest.substr(q + 1);
  rest = rest.substr(0, q);
  size_t slash = rest.find('/');
  std::string_view netloc = rest.substr(0, slash);
  if (slash != std::string_view::npos) url.database = percent_decode(rest.substr(slash + 1));

  size_t at = netloc.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view auth = netloc.substr(0, at);
    netloc = netloc.substr(at + 1);
    size_t colon = auth.find(':');
    url.username = percent_decode(auth.substr(0, colon));
    if (colon != std::string_view::npos) url.password = percent_decode(auth.substr(colon + 1));
  }
  std::string_view hostport = netloc;
  size_t colon = hostport.rfind(':');
  if (!hostport.empty() && hostport.front() == '[') colon = hostport.find("]:") == std::string_view::npos
                                                                 ? std::string_view::npos
                                                                 : hostport.find("]:") + 1;
  if (colon != std::string_view::npos) {
    std::string_view port = hostport.substr(colon + 1);
    if (port.empty() || port.size() > 5) return bad("invalid port");
    for (char c : port)
      if (!std::isdigit(static_cast<unsigned char>(c))) return bad("port must be a number");
    url.port = std::stoi(std::string(port));
    if (url.port <= 0 || url.port > 65535) return bad("port out of range");
    hostport = hostport.substr(0, colon);
  }
  url.host = std::string(hostport);

  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    size_t eq = pair.find('=');
    if (!pair.empty())
      url.options.emplace_back(percent_decode(pair.substr(0, eq)),
                               eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1)));
    if (amp == std::string_view::npos) break;
    query = query.substr(amp + 1);
  }
  return url;
}

std::string Url::masked() const {
  std::string out = dialect + (driver.empty() ? "" : "+" + driver) + "://";
  if (!username.empty() || !password.empty()) {
    out += username;
    if (!password.empty()) out += ":***";
    out += "@";
  }
  out += host;
  if (port) out += ":" + std::to_string(port);
  if (!database.empty() || !host.empty() || dialect == "sqlite") out += "/" + database;
  for (size_t i = 0; i < options.size(); ++i)
    out += (i ? "&" : "?") + options[i].first + "=" + masked_option_value(options[i].first, options[i].second);
  return out;
}

std::vector<std::string> Url::secrets() const {
  std::vector<std::string> out;
  if (!password.empty()) out.push_back(password);
  for (const auto& [key, value] : options)
    for (auto& secret : option_secrets(key, value)) out.push_back(std::move(secret));
  return out;
}

}  // namespace retort
