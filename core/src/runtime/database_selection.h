// What a command over several databases needs to know about the selection as a whole: fleet members
// and large selections are run member by member and reported in groups, not one line per database.
#pragma once

#include "config/config.h"

#include <cstddef>
#include <vector>

namespace retort {

// Up to this many plain [databases.NAME] are listed one line each; beyond it output is grouped.
constexpr size_t kListEachUpTo = 20;

// Any database of `databases` a member of a [fleets.NAME]?
bool has_fleet_member(const std::vector<const DatabaseConfig*>& databases);

// Output grouped by outcome or state (counts, the failures, a few names) instead of a line per database:
// for a selection with a fleet member or more than kListEachUpTo databases.
bool reported_in_groups(const std::vector<const DatabaseConfig*>& databases);

}  // namespace retort
