// Reads a PostgreSQL schema back (ABI 1.2 inspector) for autogenerate, `check` and `schema inspect`: the
// tables of one schema with their columns, keys, checks, indexes and comments, as docs/schema-files.md
// ("Inspected documents") describes them. It reads only through the host's session, so it serves the
// libpqxx driver and psqlODBC alike.
#pragma once

#include <retort/sdk/schema_document.hpp>

#include <string>
#include <vector>

namespace retort::postgresql {

class PostgresqlInspector : public sdk::Inspector {
 public:
  uint64_t inspect_features() const override;
  std::vector<sdk::InspectedTable> inspect(const std::string& schema, const sdk::Session& session) const override;
};

}  // namespace retort::postgresql
