// The version table of one database (DESIGN.md §6), as its dialect spells it: whether it exists, its rows,
// and the statements that create it, drop it and change its rows. Reads need a live database; the
// statements serve a run and an offline script alike.
#pragma once

#include "graph/revision_map.h"
#include "graph/version_rows.h"
#include "runtime/database.h"
#include "util/status.h"

#include <string>
#include <vector>

namespace retort {

class VersionTable {
 public:
  explicit VersionTable(Database& db) : db_(db) {}

  // The configured name, schema-qualified when it has a schema, for messages.
  std::string name() const;

  Result<bool> exists();
  // The rows as stored, in the server's order; none when the table does not exist yet.
  Result<std::vector<std::string>> read();
  // The same, of a table known to exist (a run created it): one query fewer, for every step of a run.
  Result<std::vector<std::string>> rows();
  // The rows as revisions of `map`; an error naming a row no revision file has.
  Result<std::vector<RevIndex>> read_revisions(const RevisionMap& map);
  // `ids` as revisions of `map`, with the same error.
  Result<std::vector<RevIndex>> resolve(const RevisionMap& map, const std::vector<std::string>& ids) const;

  Result<std::vector<std::string>> create_statements();
  Result<std::vector<std::string>> drop_statements();
  Result<std::vector<std::string>> change_statements(const std::vector<VersionChange>& changes);
  Result<std::vector<std::string>> delete_statements(const std::string& id);

 private:
  std::vector<std::string> args(std::initializer_list<std::string> extra) const;

  Database& db_;
};

}  // namespace retort
