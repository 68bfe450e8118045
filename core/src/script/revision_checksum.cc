#include "script/revision_checksum.h"

#include "util/sha256.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace retort {
namespace {

void quoted(std::string& out, const std::string& s) {
  out += '"';
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\u%04x", c);
      out += esc;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

// One value in a form that depends on the value only: keys sorted, tables inline or not alike.
void canonical(std::string& out, const toml::node& node) {
  if (const auto* t = node.as_table()) {
    std::vector<std::string> keys;
    for (const auto& [k, v] : *t) keys.emplace_back(k.str());
    std::sort(keys.begin(), keys.end());
    out += '{';
    for (size_t i = 0; i < keys.size(); ++i) {
      if (i) out += ',';
      quoted(out, keys[i]);
      out += '=';
      canonical(out, *t->get(keys[i]));
    }
    out += '}';
  } else if (const auto* a = node.as_array()) {
    out += '[';
    for (size_t i = 0; i < a->size(); ++i) {
      if (i) out += ',';
      canonical(out, *a->get(i));
    }
    out += ']';
  } else if (const auto* s = node.as_string()) {
    quoted(out, s->get());
  } else if (const auto* i = node.as_integer()) {
    out += std::to_string(i->get());
  } else if (const auto* f = node.as_floating_point()) {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", f->get());
    out += text;
  } else if (const auto* b = node.as_boolean()) {
    out += b->get() ? "true" : "false";
  } else {
    std::ostringstream os;  // a date, time or date-time, as TOML writes it
    node.visit([&os](const auto& value) { os << value; });
    out += os.str();
  }
}

void names_line(std::string& out, const char* what, const std::vector<std::string>& names) {
  out += what;
  for (const auto& n : names) {
    out += ' ';
    quoted(out, n);
  }
  out += '\n';
}

}  // namespace

std::string canonical_revision_text(const RevisionFile& file) {
  std::string out = "revision ";
  quoted(out, file.header.id);
  out += '\n';
  names_line(out, "down_revision", file.header.down_revisions);
  names_line(out, "depends_on", file.header.depends_on);
  names_line(out, "branch_labels", file.header.branch_labels);
  if (file.doc) {
    std::vector<std::string> sections;
    for (const auto& [k, v] : *file.doc)
      if (is_operation_section(std::string(k.str()))) sections.emplace_back(k.str());
    std::sort(sections.begin(), sections.end());
    for (const auto& name : sections) {
      out += name + ' ';
      canonical(out, *file.doc->get(name));
      out += '\n';
    }
  }
  return out;
}

std::string revision_checksum(const RevisionFile& file) { return "v1:" + sha256_hex(canonical_revision_text(file)); }

}  // namespace retort
