// One member of a fleet as a database: the fleet's templates with {name} replaced. The name must already
// have passed member_name_problem (config/member_name.h), which is what makes it safe in a URL, a path
// and a schema name without any escaping.
#pragma once

#include "config/database_config.h"
#include "config/fleet_config.h"
#include "util/status.h"

#include <string>

namespace retort {

// The database "FLEET/NAME"; an error when its PostgreSQL schema name would be longer than the 63
// characters PostgreSQL keeps (it would cut it silently, and two members could share a schema).
Result<DatabaseConfig> fleet_member(const FleetConfig& fleet, const std::string& name);

}  // namespace retort
