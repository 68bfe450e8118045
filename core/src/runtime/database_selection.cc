#include "runtime/database_selection.h"

#include <algorithm>

namespace retort {

bool has_fleet_member(const std::vector<const DatabaseConfig*>& databases) {
  return std::any_of(databases.begin(), databases.end(), [](const DatabaseConfig* db) { return !db->fleet.empty(); });
}

bool reported_in_groups(const std::vector<const DatabaseConfig*>& databases) {
  return databases.size() > kListEachUpTo || has_fleet_member(databases);
}

}  // namespace retort
