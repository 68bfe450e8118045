// Reading a fleet's member names from its source (config/fleet_config.h): the rows of a query run through
// the source URL's driver, the lines of a file, or the SQLite files a glob matches. Every name is checked
// (config/member_name.h) before it goes anywhere near a URL or a schema.
#pragma once

#include "config/fleet_config.h"
#include "plugin/plugin_host.h"
#include "util/status.h"

#include <string>
#include <vector>

namespace retort {

// The names, in the source's order: a query's rows as it returns them (ORDER BY decides), a file's lines,
// a glob's files sorted by name. Blank lines and lines starting with '#' are skipped and lines trimmed.
// A name given twice is an error (a duplicate means the query or list is wrong, and running a member
// twice in one run would race with itself), and so is an invalid one, naming the fleet, the source and
// the name. No names is not an error: the fleet is empty. Errors never show a password.
Result<std::vector<std::string>> read_fleet_source(const FleetConfig& fleet, const PluginHost& plugins);

// The same, for a file or glob source, which need no plugin.
Result<std::vector<std::string>> read_fleet_file_source(const FleetConfig& fleet);

}  // namespace retort
