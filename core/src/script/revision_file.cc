#include "script/revision_file.h"

#include "util/regular_file.h"
#include "util/strings.h"
#include "util/toml_file.h"

#include <algorithm>
#include <sstream>

namespace retort {
namespace {

const std::vector<std::string> kHeaderFields = {"revision",  "down_revision", "branch_labels",
                                                 "depends_on", "message",       "create_date",
                                                 "transaction"};

// A string, or an array of strings; "" and [] mean none.
bool read_names(const toml::table& doc, const char* key, const std::string& path, std::vector<std::string>& out,
                ErrorList& errors) {
  const toml::node* n = doc.get(key);
  if (!n) return true;
  if (const auto* s = n->as_string()) {
    if (!s->get().empty()) out.push_back(s->get());
    return true;
  }
  if (const auto* arr = n->as_array()) {
    for (const auto& item : *arr) {
      if (!item.is_string()) {
        errors.add(error_at(item, path, std::string("'") + key + "' must hold only strings, not " + type_name(item)));
        return false;
      }
      out.push_back(item.as_string()->get());
    }
    return true;
  }
  errors.add(error_at(*n, path, std::string("'") + key + "' must be a string or an array of strings, not " + type_name(*n)));
  return false;
}

}  // namespace

bool is_operation_section(const std::string& key) {
  return key == "upgrade" || key == "downgrade" || (starts_with(key, "upgrade_") && key.size() > 8) ||
         (starts_with(key, "downgrade_") && key.size() > 10);
}

const toml::array* RevisionFile::section(const std::string& name) const {
  const toml::node* n = doc->get(name);
  return n ? n->as_array() : nullptr;
}

std::optional<RevisionFile> parse_revision_text(std::string_view text, const std::string& shown_path,
                                                ErrorList& errors) {
  auto parsed = parse_toml_text(text, shown_path);
  if (!parsed.ok()) {
    errors.add(std::move(parsed).error());
    return std::nullopt;
  }
  size_t before = errors.errors().size();
  auto doc = std::make_shared<toml::table>(std::move(parsed).value());
  RevisionFile file;
  file.path = shown_path;
  file.header.path = shown_path;
  file.header.location = shown_path + ":1";

  for (const auto& [key, node] : *doc) {
    std::string k(key.str());
    if (std::find(kHeaderFields.begin(), kHeaderFields.end(), k) != kHeaderFields.end()) continue;
    if (is_operation_section(k)) {
      const toml::array* ops = node.as_array();
      // `downgrade = []` says "nothing to undo", like Alembic's `def downgrade(): pass`.
      if (!ops || (!ops->empty() && !ops->is_array_of_tables())) {
        errors.add(error_at(node, shown_path, "'" + k + "' must be written as [[" + k + "]] tables of operations"));
        continue;
      }
      for (const auto& op : *ops) {
        const toml::node* name = op.as_table()->get("op");
        if (!name) {
          errors.add(error_at(op, shown_path, "[[" + k + "]] entry has no 'op' field").hint("start it with op = \"...\""));
        } else if (!name->is_string()) {
          errors.add(error_at(*name, shown_path, "'op' must be a string, not " + type_name(*name)));
        }
      }
      continue;
    }
    std::vector<std::string> allowed = kHeaderFields;
    allowed.insert(allowed.end(), {"upgrade", "downgrade"});
    std::string near = closest_match(k, allowed);
    errors.add(error_at(node, shown_path, "unknown field '" + k + "'")
                   .hint(near.empty() ? "revision files hold " + join(kHeaderFields, ", ") +
                                            " and [[upgrade]]/[[downgrade]] sections"
                                      : "did you mean '" + near + "'?"));
  }

  const toml::node* rev = doc->get("revision");
  if (!rev) {
    errors.add(Error("missing 'revision = \"...\"'").at(shown_path + ":1"));
  } else if (!rev->is_string()) {
    errors.add(error_at(*rev, shown_path, "'revision' must be a string, not " + type_name(*rev)));
  } else {
    file.header.id = rev->as_string()->get();
    file.header.location = location_of(*rev, shown_path);
  }
  read_names(*doc, "down_revision", shown_path, file.header.down_revisions, errors);
  read_names(*doc, "depends_on", shown_path, file.header.depends_on, errors);
  read_names(*doc, "branch_labels", shown_path, file.header.branch_labels, errors);
  if (const toml::node* m = doc->get("message")) {
    if (m->is_string()) {
      file.header.message = m->as_string()->get();
    } else {
      errors.add(error_at(*m, shown_path, "'message' must be a string, not " + type_name(*m)));
    }
  }
  if (const toml::node* d = doc->get("create_date")) {
    std::ostringstream text_out;
    if (d->is_date_time()) {
      text_out << *d->as_date_time();
    } else if (d->is_string()) {
      text_out << d->as_string()->get();
    } else {
      errors.add(error_at(*d, shown_path, "'create_date' must be a date-time like 2026-11-21T10:00:00Z"));
    }
    file.create_date = text_out.str();
  }
  if (const toml::node* t = doc->get("transaction")) {
    if (const auto* b = t->as_boolean()) {
      file.transactional = b->get();
    } else {
      errors.add(error_at(*t, shown_path, "'transaction' must be true or false, not " + type_name(*t))
                     .hint("transaction = false runs the revision outside any transaction"));
    }
  }
  if (errors.errors().size() != before) return std::nullopt;
  file.doc = std::move(doc);
  return file;
}

std::optional<RevisionFile> load_revision_file(const std::filesystem::path& path, const std::string& shown_path,
                                               ErrorList& errors) {
  auto text = read_regular_file(path, shown_path);
  if (!text.ok()) {
    errors.add(std::move(text).error());
    return std::nullopt;
  }
  return parse_revision_text(*text, shown_path, errors);
}

}  // namespace retort
