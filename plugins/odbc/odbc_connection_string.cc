#include "odbc_connection_string.hpp"

#include <retort/sdk/connect_options.hpp>

#include <cctype>
#include <string>

namespace retort::odbc {
namespace {

using sdk::ConnectOptions;

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

// ODBC reserves these characters in data source names and attribute keywords (SQLValidDSN, SQLDriverConnect).
constexpr const char* kReserved = "[]{}(),;?*=!@\\";

bool is_name(const std::string& s, const char* reserved) {
  if (s.empty() || s.find_first_of(reserved) != std::string::npos) return false;
  for (char c : s)
    if (std::iscntrl(static_cast<unsigned char>(c))) return false;
  return true;
}

// Whether connection string `s` sets attribute `key` (in any case). Values may be braced and hold ';'.
bool has_attribute(const std::string& s, const char* key) {
  size_t i = 0;
  while (i < s.size()) {
    size_t eq = s.find('=', i);
    if (eq == std::string::npos) return false;
    std::string name = s.substr(i, eq - i);
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    if (is(name, key)) return true;
    i = eq + 1;
    if (i < s.size() && s[i] == '{') {
      for (++i; i < s.size(); ++i) {
        if (s[i] != '}') continue;
        if (i + 1 < s.size() && s[i + 1] == '}') {
          ++i;  // "}}" is a '}' inside the value
        } else {
          break;
        }
      }
    }
    i = s.find(';', i);
    if (i == std::string::npos) return false;
    ++i;
  }
  return false;
}

// MariaDB Connector/ODBC ignores SQL_ATTR_LOGIN_TIMEOUT while it waits for the server's greeting (a server
// that accepts the connection and never answers hangs it for ever); its own CONN_TIMEOUT keyword is what
// it honours. Other MySQL ODBC drivers ignore a keyword they do not know. One the URL gives wins.
void add_mariadb_timeout(std::string& s, const sdk::ConnectParams& p, int seconds) {
  if ((p.dialect != "mysql" && p.dialect != "mariadb") || has_attribute(s, "conn_timeout")) return;
  if (!s.empty() && s.back() != ';') s += ';';
  s += "CONN_TIMEOUT=" + std::to_string(seconds) + ";";
}

// A complete connection string stands alone: another option would have nowhere to go (SQLAlchemy drops it
// in silence), so it is refused.
std::string raw_connection_string(ConnectOptions& options, const sdk::ConnectParams& p, const std::string& raw,
                                  int timeout) {
  // The string usually holds a password, so no message shows it.
  if (raw.empty())
    options.refuse_name("odbc_connect",
                        "must be a complete ODBC connection string such as DSN=name;UID=user;PWD=password");
  const auto others = options.unread();
  if (!others.empty())
    options.refuse_name(others.front().first,
                        "cannot be combined with odbc_connect, which is a complete connection string; put it into that "
                        "string");
  std::string s = raw;
  add_mariadb_timeout(s, p, timeout);
  return s;
}

}  // namespace

std::string connection_string(const sdk::ConnectParams& p) {
  ConnectOptions options(p, ConnectOptions::Names::any_case);
  const int timeout = options.connect_timeout().seconds();
  if (const std::string* raw = options.text("odbc_connect")) return raw_connection_string(options, p, *raw, timeout);
  const bool sqlite = p.dialect == "sqlite";
  const std::string* dsn = options.text("dsn");
  if (dsn && (!is_name(*dsn, kReserved) || dsn->size() > 32))
    options.refuse("dsn",
                   "must be the name of an ODBC data source (a section of odbc.ini), at most 32 characters, none of " +
                       std::string(kReserved));
  const std::string* driver = options.text("driver");
  if (driver && !is_name(*driver, "[]{}"))
    options.refuse("driver",
                   "must be the name of an ODBC driver (a section of odbcinst.ini, without brackets or braces)");
  const bool host_is_dsn = !sqlite && !dsn && !p.host.empty() && p.database.empty() && p.port == 0;
  if (driver && (dsn || host_is_dsn))
    options.refuse_name("driver", "cannot be combined with the data source " + (dsn ? *dsn : p.host) +
                                      ", which names its own driver; for a connection without a data source, give "
                                      "the database in the URL");

  std::string s;
  auto add = [&](const std::string& key, const std::string& v) {
    if (!v.empty()) s += key + "=" + value(v) + ";";
  };
  if (dsn) {
    add("DSN", *dsn);
  } else if (host_is_dsn) {
    add("DSN", p.host);
  } else {
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
  // The rest are the ODBC driver's own keywords, passed on: ODBC drivers differ in what they take.
  bool has_option = false;
  for (const auto& [k, v] : options.unread()) {
    if (!is_name(k, kReserved) || k.find(' ') != std::string::npos)
      throw sdk::Failure("option " + k + ": an ODBC attribute name cannot contain spaces or any of " +
                         std::string(kReserved));
    if (is(k, "option")) has_option = true;
    add(k, v);
  }
  // MariaDB Connector/ODBC runs a statement holding several only with MULTI_STATEMENTS (1 << 26).
  if ((p.dialect == "mysql" || p.dialect == "mariadb") && !has_option) s += "Option=67108864;";
  add_mariadb_timeout(s, p, timeout);
  return s;
}

}  // namespace retort::odbc
