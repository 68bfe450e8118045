// One revision file, <rev>_<slug>.toml: its header fields for the graph and its parsed document, from
// which the upgrade/downgrade operations are read.
#pragma once

#include "graph/revision.h"
#include "util/status.h"

#include <toml++/toml.h>

#include <filesystem>
#include <memory>
#include <string>

namespace retort {

struct RevisionFile {
  RevisionHeader header;
  std::string create_date;
  // `transaction = false`: the revision runs outside any transaction, statement by statement (DESIGN.md §6).
  bool transactional = true;
  std::shared_ptr<const toml::table> doc;
  std::string path;  // as shown in messages

  // The [[upgrade]] / [[downgrade]] / [[upgrade_NAME]] sections present, and their operations.
  const toml::array* section(const std::string& name) const;
};

// Parses and checks one file: TOML syntax, known fields, field types, operation section shapes. Every
// problem is added to `errors` as "path:line: message"; the result is empty when any was found.
std::optional<RevisionFile> load_revision_file(const std::filesystem::path& path, const std::string& shown_path,
                                               ErrorList& errors);

// Parses revision-file text (for tests and `revision` self-checks).
std::optional<RevisionFile> parse_revision_text(std::string_view text, const std::string& shown_path,
                                                ErrorList& errors);

// True for a section name that holds operations: upgrade, downgrade, upgrade_NAME, downgrade_NAME.
bool is_operation_section(const std::string& key);

}  // namespace retort
