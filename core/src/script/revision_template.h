// A project's own layout for new revision files: [retort] revision_template, a file (relative to the
// config's folder) that is a revision file with placeholders, like Alembic's script.py.mako:
//
//   {{comment}}          the message as comment lines, then Revision ID, Revises and Create Date comments
//   {{header}}           every header key, one line each (revision, down_revision, branch_labels and
//                        depends_on when there are any, message, create_date)
//   {{revision}}         each header value on its own, as a TOML value, for a layout of your own:
//   {{down_revision}}      revision = {{revision}}   ("1975ea83b712"), down_revision = {{down_revision}}
//   {{branch_labels}}      ("" for a base, "a", or ["a", "b"] for a merge), branch_labels = {{branch_labels}}
//   {{depends_on}}         and depends_on = {{depends_on}} (arrays, [] for none), message = {{message}}
//   {{message}}            (a string), create_date = {{create_date}} (a date-time)
//   {{create_date}}
//   {{operations}}       the operation sections autogenerate wrote; nothing for a plain `revision`
//
// Spaces inside the braces are allowed ({{ header }}). Text outside the placeholders is copied as it is.
// TOML itself never has "{{" outside a string; inside one, write "{\u007b". The template must place
// {{header}} or {{revision}}, and what it renders must read back as the new revision, or nothing is written.
#pragma once

#include "script/revision_writer.h"
#include "util/status.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace retort {

class RevisionTemplate {
 public:
  // Reads and checks the template file; `shown` names it in errors ("path:line: ...").
  static Result<RevisionTemplate> load(const std::filesystem::path& file, const std::string& shown);
  // The same for template text.
  static Result<RevisionTemplate> parse(std::string_view text, const std::string& shown);

  // The new revision file, checked: it reads back with `rev`'s id, down_revision, labels and depends_on.
  Result<std::string> render(const NewRevision& rev) const;

  const std::string& shown() const { return shown_; }
  static const std::vector<std::string>& placeholder_names();

 private:
  struct Piece {
    std::string literal;
    std::string placeholder;  // "" for the last piece
  };
  std::string shown_;
  std::vector<Piece> pieces_;
};

}  // namespace retort
