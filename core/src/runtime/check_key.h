// What the revision-file check depends on besides the file itself, as one key: retort (its version and
// its program file), the operation catalogue, every loaded plugin (path, name, version, ABI, file stamp)
// and the configured database names. A file checked under a key is not checked again under the same key
// while it is unchanged; any change to one of these re-checks every file.
#pragma once

#include "ops/op_catalogue.h"
#include "plugin/plugin_host.h"

#include <string>
#include <vector>

namespace retort {

std::string revision_check_key(const OpCatalogue& catalogue, const std::vector<LoadedPlugin>& plugins,
                               const std::vector<std::string>& database_names);

}  // namespace retort
