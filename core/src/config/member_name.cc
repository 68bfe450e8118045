#include "config/member_name.h"

#include <cstdio>

namespace retort {

const char* const kMemberNameRule =
    "a member name is 1 to 63 letters, digits, '_', '-' or '.', starting with a letter or digit, without '..'";

namespace {

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

}  // namespace

std::optional<std::string> member_name_problem(std::string_view name) {
  if (name.empty()) return std::string("the name is empty");
  if (name.size() > 63) return "'" + printable(name) + "' is longer than 63 characters";
  if (!is_alnum(name.front())) return "'" + printable(name) + "' does not start with a letter or digit";
  for (char c : name)
    if (!is_alnum(c) && c != '_' && c != '-' && c != '.')
      return "'" + printable(name) + "' contains '" + printable(std::string_view(&c, 1)) + "'";
  if (name.find("..") != std::string_view::npos) return "'" + printable(name) + "' contains '..'";
  return std::nullopt;
}

std::string printable(std::string_view text) {
  std::string out;
  size_t shown = 0;
  for (char c : text) {
    if (++shown > 80) return out + "...";
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (u < 0x20 || u >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace retort
