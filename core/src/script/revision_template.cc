#include "script/revision_template.h"

#include "script/revision_text.h"
#include "util/regular_file.h"
#include "util/strings.h"
#include "util/toml_quote.h"

#include <algorithm>

namespace retort {

const std::vector<std::string>& RevisionTemplate::placeholder_names() {
  static const std::vector<std::string> names = {"comment",       "header",     "revision", "down_revision",
                                                 "branch_labels", "depends_on", "message",  "create_date",
                                                 "operations"};
  return names;
}

Result<RevisionTemplate> RevisionTemplate::load(const std::filesystem::path& file, const std::string& shown) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec))
    return Error("revision_template '" + shown + "' does not exist")
        .hint("create it (a revision file with placeholders such as {{header}}), or fix revision_template in [retort]; "
              "the path is relative to the config's folder");
  RETORT_ASSIGN_OR_RETURN(std::string text, read_regular_file(file, shown));
  return parse(text, shown);
}

Result<RevisionTemplate> RevisionTemplate::parse(std::string_view text, const std::string& shown) {
  RevisionTemplate t;
  t.shown_ = shown;
  const std::string known = "the placeholders are {{" + join(placeholder_names(), "}}, {{") + "}}";
  auto line_at = [&](size_t offset) {
    return shown + ":" + std::to_string(1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
  };
  Piece piece;
  size_t i = 0;
  bool places_revision = false;
  while (i < text.size()) {
    const size_t open = text.find("{{", i);
    if (open == std::string_view::npos) {
      piece.literal += text.substr(i);
      break;
    }
    piece.literal += text.substr(i, open - i);
    const size_t close = text.find("}}", open + 2);
    const size_t line_end = text.find('\n', open);
    if (close == std::string_view::npos || (line_end != std::string_view::npos && close > line_end))
      return Error("'{{' without '}}' on the same line").at(line_at(open)).hint(known + "; inside a TOML string write \"{\\u007b\" for a literal \"{{\"");
    const std::string name = trim(std::string(text.substr(open + 2, close - open - 2)));
    if (std::find(placeholder_names().begin(), placeholder_names().end(), name) == placeholder_names().end()) {
      const std::string near = closest_match(name, placeholder_names());
      return Error("unknown placeholder {{" + name + "}}" + (near.empty() ? "" : "; did you mean {{" + near + "}}?"))
          .at(line_at(open))
          .hint(known);
    }
    places_revision = places_revision || name == "header" || name == "revision";
    piece.placeholder = name;
    t.pieces_.push_back(std::move(piece));
    piece = Piece{};
    i = close + 2;
  }
  t.pieces_.push_back(std::move(piece));
  if (!places_revision)
    return Error("revision_template '" + shown + "' places neither {{header}} nor {{revision}}")
        .hint("a revision file needs its header: put {{header}} where the keys go (or revision = {{revision}} and the others)");
  return t;
}

Result<std::string> RevisionTemplate::render(const NewRevision& rev) const {
  auto value = [&](const std::string& name) -> std::string {
    if (name == "comment") return revision_comment_block(rev);
    if (name == "header") return revision_header_toml(rev);
    if (name == "revision") return toml_quote(rev.id);
    if (name == "down_revision") return down_revision_toml(rev);
    if (name == "branch_labels") return toml_quote_array(rev.branch_labels);
    if (name == "depends_on") return toml_quote_array(rev.depends_on);
    if (name == "message") return toml_quote(rev.message);
    if (name == "create_date") return rev.create_date;
    return rev.body;  // operations
  };
  std::string out;
  for (const Piece& p : pieces_) {
    out += p.literal;
    if (!p.placeholder.empty()) out += value(p.placeholder);
  }
  RETORT_TRY(check_revision_text(rev, out, shown_ + " as rendered"));
  return out;
}

}  // namespace retort
