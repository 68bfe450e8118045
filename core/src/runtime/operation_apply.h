// Running a list of operations on a database directly, outside any revision: how autogenerate builds
// the declared schema in a scratch database and tries the revision it is about to write.
#pragma once

#include "ops/op_catalogue.h"
#include "runtime/database.h"
#include "util/status.h"

#include <toml++/toml.h>

#include <string>
#include <vector>

namespace retort {

// Checks each operation for the database's dialect, renders it and runs its statements, in order; the
// first failure stops and names the operation (`what` says where the operations come from).
Status apply_operations(Database& db, const std::vector<toml::table>& operations, const OpCatalogue& catalogue,
                        const std::string& what);

}  // namespace retort
