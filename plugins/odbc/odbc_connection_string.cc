#include "odbc_connection_string.hpp"

#include <cctype>
#include <string>

namespace retort::odbc {
namespace {

// The ODBC driver names Debian's odbc-postgresql, odbc-mariadb and libsqliteodbc register.
std::string default_driver(const std::string& dialect) {
  if (dialect == "postgresql" || dialect == "postgres") return "PostgreSQL Unicode";
  if (dialect == "mysql" || dialect == "mariadb") return "MariaDB Unicode";
  if (dialect == "sqlite") return "SQLite3";
  throw sdk::Failure("no default ODBC driver for the " + dialect + " dialect; name one with ?driver=NAME or use ?dsn=NAME");
}

// An attribute value in braces when it holds characters that would end or split the attribute.
std::string value(const std::string& v) {
  if (v.find_first_of(";{}= ") == std::string::npos) return v;
  std::string out = "{";
  for (char c : v) {
    out += c;
    if (c == '}') out += '}';
  }
  return out + "}";
}

bool is(const std::string& key, const char* name) {
  if (key.size() != std::char_traits<char>::length(name)) return false;
  for (size_t i = 0; i < key.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(key[i])) != name[i]) return false;
  return true;
}

}  // namespace

std::string connection_string(const sdk::ConnectParams& p) {
  if (const std::string* raw = p.option("odbc_connect")) return *raw;
  const bool sqlite = p.dialect == "sqlite";
  const std::string* dsn = p.option("dsn");
  const bool host_is_dsn = !sqlite && !dsn && !p.host.empty() && p.database.empty() && p.port == 0;

  std::string s;
  auto add = [&](const std::string& key, const std::string& v) {
    if (!v.empty()) s += key + "=" + value(v) + ";";
  };
  if (dsn) {
    add("DSN", *dsn);
  } else if (host_is_dsn) {
    add("DSN", p.host);
  } else {
    const std::string* driver = p.option("driver");
    s += "Driver={" + (driver ? *driver : default_driver(p.dialect)) + "};";
  }
  if (sqlite) {
    add("Database", p.database);
  } else {
    if (!dsn && !host_is_dsn) {
      add("Server", p.host);
      if (p.port) add("Port", std::to_string(p.port));
    }
    add("Database", p.database);
    add("Uid", p.username);
    add("Pwd", p.password);
  }
  bool has_option = false;
  for (const auto& [k, v] : p.options) {
    if (is(k, "driver") || is(k, "dsn")) continue;
    if (is(k, "option")) has_option = true;
    add(k, v);
  }
  // MariaDB Connector/ODBC runs a statement holding several only with MULTI_STATEMENTS (1 << 26).
  if ((p.dialect == "mysql" || p.dialect == "mariadb") && !has_option) s += "Option=67108864;";
  return s;
}

}  // namespace retort::odbc
