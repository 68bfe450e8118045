#include "runtime/check_key.h"

#include "util/file_stamp.h"
#include "util/sha256.h"

#include <boost/dll/runtime_symbol_info.hpp>

#include <algorithm>

namespace retort {
namespace {

void add_stamp(std::string& out, const std::filesystem::path& file) {
  auto s = stamp_of(file);
  out += file.string() + ' ';
  if (s)
    out += std::to_string(s->size) + ' ' + std::to_string(s->mtime_ns) + ' ' + std::to_string(s->ctime_ns) + ' ' +
           std::to_string(s->inode);
  out += '\n';
}

void add_fields(std::string& out, const std::vector<FieldSpec>& fields) {
  out += '(';
  for (const auto& f : fields) {
    out += f.name + ':' + std::to_string(static_cast<int>(f.kind)) + (f.required ? "!" : "?");
    for (const auto& c : f.choices) out += '|' + c;
    if (!f.item_fields.empty()) add_fields(out, f.item_fields);
    out += ',';
  }
  out += ')';
}

}  // namespace

std::string revision_check_key(const OpCatalogue& catalogue, const std::vector<LoadedPlugin>& plugins,
                               const std::vector<std::string>& database_names) {
  std::string text = std::string("retort ") + RETORT_VERSION + "\n";
  // A rebuilt retort may check differently under the same version number.
  std::error_code ec;
  const std::filesystem::path program = boost::dll::program_location(ec);
  if (!ec) add_stamp(text, program);
  add_fields(text, column_fields());
  add_fields(text, existing_column_fields());
  text += '\n';
  for (const auto& name : catalogue.names()) {
    const OpSpec* spec = catalogue.find(name);
    text += name + " inverse=" + spec->inverse + (spec->plugin ? " plugin " : " core ");
    add_fields(text, spec->fields);
    text += '\n';
  }
  for (const auto& p : plugins) {
    text += p.name + ' ' + p.version + ' ' + std::to_string(p.abi_major) + '.' + std::to_string(p.abi_minor) + ' ';
    add_stamp(text, p.path);
  }
  std::vector<std::string> names = database_names;
  std::sort(names.begin(), names.end());
  for (const auto& n : names) text += "database " + n + '\n';
  return "v1:" + sha256_hex(text);
}

}  // namespace retort
