// Reads a MySQL or MariaDB database back as a schema document (docs/schema-files.md, "Inspected
// documents") from information_schema, with one query per kind of object for the whole schema, so a
// schema of hundreds of tables reads in a handful of round trips. Works on every transport: all it
// needs from a cell is its text.
#pragma once

#include <retort/sdk/schema_document.hpp>

namespace retort::mysql {

class MysqlInspector : public sdk::Inspector {
 public:
  uint64_t inspect_features() const override;
  std::vector<sdk::InspectedTable> inspect(const std::string& schema, const sdk::Session& session) const override;
};

}  // namespace retort::mysql
