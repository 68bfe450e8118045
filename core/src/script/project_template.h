// `retort init`: the config and folders of a new project, generic (one SQLite database) or multidb.
#pragma once

#include "util/status.h"

#include <filesystem>
#include <string>
#include <vector>

namespace retort {

struct ProjectTemplate {
  std::string name;
  std::string description;  // one line, for `retort list_templates`
};

// The templates `init --template` takes, in the order `list_templates` shows them.
const std::vector<ProjectTemplate>& project_templates();

// Writes <project>/retort.toml and <project>/<script_dir>/versions/. Refuses to overwrite a config or to
// fill a non-empty script folder.
Status init_project(const std::filesystem::path& project, const std::string& script_dir, const std::string& template_name);

}  // namespace retort
