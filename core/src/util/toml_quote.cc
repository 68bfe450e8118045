#include "util/toml_quote.h"

#include "util/strings.h"
#include "util/utf8.h"

#include <cstdio>

namespace retort {
namespace {

std::string unicode_escape(unsigned code) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04X", code);
  return buf;
}

// Appends `text` with every control character escaped (tab too unless `keep_tab`) and every byte that is
// not UTF-8 as \uFFFD; `quote_syntax` also escapes '"' and '\' (inside a basic string).
void append_escaped(std::string& out, std::string_view text, bool quote_syntax, bool keep_tab) {
  for (size_t pos = 0; pos < text.size();) {
    const size_t length = utf8_sequence_length(text, pos);
    if (length == 0) {
      out += unicode_escape(0xFFFD);
      ++pos;
      continue;
    }
    if (length > 1) {
      out.append(text, pos, length);
      pos += length;
      continue;
    }
    const char c = text[pos++];
    const auto code = static_cast<unsigned char>(c);
    if (quote_syntax && (c == '"' || c == '\\')) {
      out += '\\';
      out += c;
    } else if (c == '\t' && keep_tab) {
      out += c;
    } else if (code < 0x20 || code == 0x7F) {
      switch (c) {
        case '\b': out += "\\b"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\f': out += "\\f"; break;
        case '\r': out += "\\r"; break;
        default: out += unicode_escape(code);
      }
    } else {
      out += c;
    }
  }
}

}  // namespace

std::string toml_quote(std::string_view text) {
  std::string out = "\"";
  append_escaped(out, text, true, false);
  return out + "\"";
}

std::string toml_quote_array(const std::vector<std::string>& items) {
  std::vector<std::string> quoted;
  quoted.reserve(items.size());
  for (const auto& i : items) quoted.push_back(toml_quote(i));
  return "[" + join(quoted, ", ") + "]";
}

std::string toml_comment(std::string_view text) {
  std::string out;
  size_t start = 0;
  for (;;) {
    // \r\n, \n and a lone \r all end a line: a lone \r may not stand in a comment.
    const size_t end = text.find_first_of("\r\n", start);
    const std::string_view line = text.substr(start, end == std::string_view::npos ? end : end - start);
    out += line.empty() ? "#" : "# ";
    append_escaped(out, line, false, true);
    out += '\n';
    if (end == std::string_view::npos) return out;
    start = end + (text.compare(end, 2, "\r\n") == 0 ? 2 : 1);
  }
}

}  // namespace retort
