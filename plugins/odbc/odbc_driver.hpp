// The ODBC driver: any database behind unixODBC, for `DIALECT+odbc://` URLs. The SQL comes from the
// URL's dialect; this only carries it.
#pragma once

#include <retort/sdk/plugin.hpp>

namespace retort::odbc {

class OdbcDriver : public sdk::Driver {
 public:
  std::unique_ptr<sdk::Connection> connect(const sdk::ConnectParams& params) const override;
};

}  // namespace retort::odbc
