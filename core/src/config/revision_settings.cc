#include "config/revision_settings.h"

namespace retort {
namespace fs = std::filesystem;

namespace {

void read_file_template(const toml::table& retort, ConfigReader& read, bool recursive, RevisionSettings& out) {
  auto text = read.string(retort, "file_template", false);
  if (!text) return;
  const toml::node& node = *retort.get("file_template");
  auto parsed = FileTemplate::parse(*text);
  if (!parsed.ok()) {
    read.errors.add(std::move(parsed).error().at(location_of(node, read.path) + ": 'file_template'"));
    return;
  }
  if (parsed->has_folders() && !recursive) {
    read.errors.add(error_at(node, read.path, "'file_template' names subfolders, which are read only with "
                                              "recursive_version_locations = true")
                        .hint("add recursive_version_locations = true to [retort], or leave '/' out of file_template"));
    return;
  }
  out.file_template = std::move(parsed).value();
}

void read_timezone(const toml::table& retort, ConfigReader& read, RevisionSettings& out) {
  auto name = read.string(retort, "timezone", true);
  if (!name) return;
  const toml::node& node = *retort.get("timezone");
  if (name->empty()) {
    read.errors.add(error_at(node, read.path, "'timezone' is empty")
                        .hint("give an IANA zone name such as \"UTC\" or \"Europe/Berlin\", or leave the key out (UTC)"));
    return;
  }
  // Looked up when a revision is written (script/revision_layout.h): a machine without zoneinfo files
  // still runs migrations with this config.
  out.timezone = *name;
  out.timezone_location = location_of(node, read.path);
}

void read_hooks(const toml::table& retort, ConfigReader& read, const fs::path& base, RevisionSettings& out) {
  const toml::node* node = retort.get("post_write_hooks");
  if (!node) return;
  const std::string form = "write each hook as [[retort.post_write_hooks]] with name = \"fmt\" and "
                           "command = [\"taplo\", \"fmt\", \"{file}\"]";
  const toml::array* hooks = node->as_array();
  if (!hooks) {
    read.errors.add(error_at(*node, read.path, "'post_write_hooks' must be an array of tables").hint(form));
    return;
  }
  for (const toml::node& item : *hooks) {
    const toml::table* t = item.as_table();
    if (!t) {
      read.errors.add(error_at(item, read.path, "each of 'post_write_hooks' must be a table").hint(form));
      continue;
    }
    const size_t before = read.errors.errors().size();
    check_known_keys(*t, read.path, {"name", "command", "cwd"}, "[[retort.post_write_hooks]]", read.errors);
    PostWriteHook hook;
    hook.location = location_of(item, read.path);
    hook.command = read.strings(*t, "command");
    if (!t->contains("command"))
      read.errors.add(Error("a post write hook has no 'command'").at(hook.location).hint(form));
    else if (hook.command.empty() || hook.command.front().empty())
      read.errors.add(error_at(*t->get("command"), read.path, "'command' must name a program").hint(form));
    if (auto cwd = read.string(*t, "cwd", true)) hook.cwd = absolute_from(base, *cwd);
    hook.name = read.string(*t, "name", false).value_or(hook.command.empty() ? std::string() : hook.command.front());
    if (read.errors.errors().size() == before) out.post_write_hooks.push_back(std::move(hook));
  }
}

}  // namespace

RevisionSettings read_revision_settings(const toml::table& retort, ConfigReader& read, const fs::path& base,
                                        bool recursive) {
  RevisionSettings out;
  read_file_template(retort, read, recursive, out);
  // Alembic treats 0 as its default; a slug of no characters would make every file name the same.
  if (auto length = read.integer(retort, "truncate_slug_length", 1, 255)) out.truncate_slug_length = static_cast<size_t>(*length);
  read_timezone(retort, read, out);
  if (auto tmpl = read.string(retort, "revision_template", true)) {
    if (tmpl->empty())
      read.errors.add(error_at(*retort.get("revision_template"), read.path, "'revision_template' is empty")
                          .hint("name a template file relative to the config's folder, or leave the key out"));
    else
      out.revision_template = absolute_from(base, *tmpl);
  }
  read_hooks(retort, read, base, out);
  return out;
}

}  // namespace retort
