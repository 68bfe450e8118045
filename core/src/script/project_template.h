// `retort init`: the config and folders of a new project, generic (one SQLite database) or multidb.
#pragma once

#include "util/status.h"

#include <filesystem>
#include <string>

namespace retort {

// Writes <project>/retort.toml and <project>/<script_dir>/versions/. Refuses to overwrite a config or to
// fill a non-empty script folder.
Status init_project(const std::filesystem::path& project, const std::string& script_dir, const std::string& template_name);

}  // namespace retort
