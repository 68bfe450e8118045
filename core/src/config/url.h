// Database URLs in SQLAlchemy's form: dialect[+driver]://user:password@host:port/database?key=value.
#pragma once

#include "util/status.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace retort {

struct Url {
  std::string dialect;  // "sqlite", "postgresql", "mysql", ...
  std::string driver;   // "" when the URL names none: the dialect's default driver is used
  std::string username;
  std::string password;
  std::string host;
  int port = 0;
  std::string database;  // for file databases, the path ("" for in-memory SQLite)
  std::vector<std::pair<std::string, std::string>> options;

  // The URL with every secret replaced by "***" (config/secrets.h says which): the only form that may be
  // printed or logged.
  std::string masked() const;
  // Every secret the URL carries (the password, secret options), for redacting what drivers send back.
  std::vector<std::string> secrets() const;
};

Result<Url> parse_url(std::string_view text);

}  // namespace retort
