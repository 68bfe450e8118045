// The text of a new revision file: retort's own layout, the pieces a project's revision_template
// places (script/revision_template.h), and the check that whatever was rendered reads back as the
// revision it was made for.
#pragma once

#include "script/revision_writer.h"
#include "util/status.h"

#include <string>

namespace retort {

// The header keys, one line each: revision, down_revision, branch_labels and depends_on when there are
// any, message, create_date.
std::string revision_header_toml(const NewRevision& rev);

// `down_revision`'s value: "" for a base, "a" for one parent, ["a", "b"] for a merge.
std::string down_revision_toml(const NewRevision& rev);

// The message as comment lines, then "#\n# Revision ID: ...", "# Revises: ..." and "# Create Date: ...".
std::string revision_comment_block(const NewRevision& rev);

// The operations of `rev.body`, or when it has none the commented example of [[upgrade]] and [[downgrade]].
std::string revision_operations_or_example(const NewRevision& rev);

// retort's layout of a new revision file.
std::string revision_file_text(const NewRevision& rev);

// `text` parses as a revision file whose id, down_revision, branch_labels and depends_on are `rev`'s:
// what a template gives is checked before anything is written. `source` names the template in errors.
Status check_revision_text(const NewRevision& rev, const std::string& text, const std::string& source);

}  // namespace retort
