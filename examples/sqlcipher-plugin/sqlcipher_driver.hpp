// Connections to SQLCipher databases. URLs follow SQLAlchemy's pysqlcipher dialect: the passphrase is the
// URL's password, so retort masks it everywhere, and the path is the database:
//   sqlcipher://:PASSPHRASE@/relative.db        sqlcipher://:PASSPHRASE@//absolute/path.db
// Options: cipher, kdf_iter, cipher_page_size, cipher_use_hmac (SQLCipher's pragmas of those names, set
// after the key) and timeout (seconds to wait for another writer, 0 to 86400; default 60), read with the
// SDK's ConnectOptions and checked before the file is opened. Any other option is refused.
#pragma once

#include <retort/sdk/plugin.hpp>

namespace sqlcipher {

class SqlcipherDriver : public retort::sdk::Driver {
 public:
  std::unique_ptr<retort::sdk::Connection> connect(const retort::sdk::ConnectParams& params) const override;
};

}  // namespace sqlcipher
