#include "script/revision_text.h"

#include "script/revision_file.h"
#include "util/strings.h"
#include "util/toml_quote.h"

#include <algorithm>

namespace retort {

std::string down_revision_toml(const NewRevision& rev) {
  if (rev.down_revisions.empty()) return "\"\"";
  if (rev.down_revisions.size() == 1) return toml_quote(rev.down_revisions.front());
  return toml_quote_array(rev.down_revisions);
}

std::string revision_header_toml(const NewRevision& rev) {
  std::string t;
  t += "revision = " + toml_quote(rev.id) + "\n";
  t += "down_revision = " + down_revision_toml(rev) + "\n";
  if (!rev.branch_labels.empty()) t += "branch_labels = " + toml_quote_array(rev.branch_labels) + "\n";
  if (!rev.depends_on.empty()) t += "depends_on = " + toml_quote_array(rev.depends_on) + "\n";
  t += "message = " + toml_quote(rev.message) + "\n";
  t += "create_date = " + rev.create_date + "\n";
  return t;
}

std::string revision_comment_block(const NewRevision& rev) {
  std::string t;
  // The message may hold line breaks and anything else: only toml_comment keeps it inside the comment.
  t += toml_comment(rev.message.empty() ? std::string("(no message)") : rev.message);
  t += "#\n# Revision ID: " + rev.id + "\n";
  t += "# Revises: " + (rev.down_revisions.empty() ? std::string("<base>") : join(rev.down_revisions, ", ")) + "\n";
  t += "# Create Date: " + rev.create_date + "\n";
  return t;
}

std::string revision_operations_or_example(const NewRevision& rev) {
  if (!rev.body.empty()) return rev.body;
  return R"TOML(# Operations run in order on every database this revision reaches; [[upgrade_NAME]] runs only on the
# database named NAME. For example:
#
# [[upgrade]]
# op = "create_table"
# table = "account"
# columns = [
#   { name = "id", type = "integer", primary_key = true, autoincrement = true },
#   { name = "name", type = "string(50)", nullable = false },
# ]
#
# [[upgrade]]
# op = "execute"
# sql = { postgresql = "CREATE EXTENSION IF NOT EXISTS citext", default = "" }
#
# [[downgrade]]
# op = "drop_table"
# table = "account"
#
# Without [[downgrade]], reversible operations (create_table, add_column, create_index) are undone
# automatically, in reverse order.
)TOML";
}

std::string revision_file_text(const NewRevision& rev) {
  return revision_comment_block(rev) + "\n" + revision_header_toml(rev) + "\n" + revision_operations_or_example(rev);
}

Status check_revision_text(const NewRevision& rev, const std::string& text, const std::string& source) {
  ErrorList errors;
  auto file = parse_revision_text(text, source, errors);
  if (!file) {
    std::string problems;
    for (const auto& e : errors.errors()) problems += "\n    " + e.to_string();
    return Error("the new revision file would not read back:" + problems)
        .hint("fix the template so that it renders a valid revision file (`retort revision -m ... --dry-run` shows it)");
  }
  auto differs = [&](const char* key, const std::vector<std::string>& got, const std::vector<std::string>& want) -> Status {
    if (got == want) return Status();
    auto shown = [](const std::vector<std::string>& v) { return v.empty() ? std::string("none") : join(v, ", "); };
    return Error(std::string("the new revision file would have ") + key + " " + shown(got) + " instead of " + shown(want))
        .at(source)
        .hint(std::string("place {{header}}, or {{") + key + "}} after '" + key + " = ', in the template");
  };
  if (file->header.id != rev.id) RETORT_TRY(differs("revision", {file->header.id}, {rev.id}));
  RETORT_TRY(differs("down_revision", file->header.down_revisions, rev.down_revisions));
  RETORT_TRY(differs("branch_labels", file->header.branch_labels, rev.branch_labels));
  RETORT_TRY(differs("depends_on", file->header.depends_on, rev.depends_on));
  return Status();
}

}  // namespace retort
