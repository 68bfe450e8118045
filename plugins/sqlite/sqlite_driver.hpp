// The SQLite driver: a file (or in-memory) database through the sqlite3 C library.
//
// URL options: `timeout`, the seconds (fractions allowed, 0 to 86400; default 60) to wait for another
// connection's lock, as in SQLAlchemy's pysqlite URLs. Any other option is refused: SQLite has no
// connection options to pass one on to, and ignoring it would hide a typo.
#pragma once

#include <retort/sdk/plugin.hpp>

namespace retort::sqlite {

class SqliteDriver : public sdk::Driver {
 public:
  std::unique_ptr<sdk::Connection> connect(const sdk::ConnectParams& params) const override;
};

}  // namespace retort::sqlite
