// Revision lines as Alembic prints them: "a1 -> b2 (head), message" in history, "b2 (core) (head)" in
// heads, "(effective head)" for a revision only other revisions depend on, and the "Rev: ..." entry of
// `show` and -v.
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

  // `heads`: "id (labels) (head)".
  std::string heads_line(RevIndex rev) const;
  // `current`: "id (head) (branchpoint)", no labels.
  std::string current_line(RevIndex rev) const;
  // `branches`: the branch point "id (labels) (branchpoint)" and each child "id (labels) (head)[, message]".
  std::string branch_point_line(RevIndex rev) const;
  std::string branch_line(RevIndex rev, bool with_message) const;
  // `history`: "down (depends) -> id (labels) (head) (branchpoint), message".
  std::string history_line(RevIndex rev) const;
  // The multi-line entry of `show` and -v, ending in a blank line.
  std::string verbose_entry(RevIndex rev) const;

 private:
  // Alembic's _head_only: the id with what the caller asks for around it.
  std::string head_only(RevIndex rev, bool labels, bool message, bool parents, bool tree) const;
  std::string down_text(RevIndex rev) const;

  const ScriptDirectory& scripts_;
  std::vector<char> current_;
};

}  // namespace retort::cli
