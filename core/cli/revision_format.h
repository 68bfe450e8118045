// Revision lines as Alembic prints them: "a1 -> b2 (head), message", "b2 (core) (head)", and the
// verbose "Rev: ..." entry of `show` and -v.
#pragma once

#include "script/script_directory.h"

#include <string>
#include <vector>

namespace retort::cli {

class RevisionFormat {
 public:
  explicit RevisionFormat(const ScriptDirectory& scripts);

  // Marks revisions stored in a version table with "(current)".
  void set_current(const std::vector<RevIndex>& current);

  // `heads`/`current` style: "id (labels) (head)".
  std::string short_line(RevIndex rev, bool tree_indicators) const;
  // `history` style: "down -> id (labels) (head) (branchpoint), message".
  std::string history_line(RevIndex rev) const;
  // The multi-line entry of `show` and -v.
  std::string verbose_entry(RevIndex rev) const;

 private:
  std::string labels(RevIndex rev) const;
  std::string indicators(RevIndex rev, bool tree) const;
  std::string down_text(RevIndex rev) const;

  const ScriptDirectory& scripts_;
  std::vector<std::vector<std::string>> branch_names_;  // labels each revision belongs to
  std::vector<char> current_;
};

}  // namespace retort::cli
