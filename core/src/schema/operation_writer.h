// Operations written as revision-file TOML ([[upgrade]] sections of inline tables), the way a person
// would write them: `op` first, then the names, one line per column.
#pragma once

#include <toml++/toml.h>

#include <string>
#include <vector>

namespace retort {

struct OperationSection {
  std::string name;  // "upgrade", "upgrade_legacy", "downgrade", ...
  std::vector<toml::table> operations;
};

std::string operation_sections_text(const std::vector<OperationSection>& sections);

}  // namespace retort
