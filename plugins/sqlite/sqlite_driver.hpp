// The SQLite driver: a file (or in-memory) database through the sqlite3 C library.
#pragma once

#include <retort/sdk/plugin.hpp>

namespace retort::sqlite {

class SqliteDriver : public sdk::Driver {
 public:
  std::unique_ptr<sdk::Connection> connect(const sdk::ConnectParams& params) const override;
};

}  // namespace retort::sqlite
