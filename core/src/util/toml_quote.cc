#include "util/toml_quote.h"

#include "util/strings.h"
#include "util/utf8.h"

namespace retort {
namespace {

std::string unicode_escape(unsigned code) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out = "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(code >> shift) & 0xF];
  return out;
}

// A control character as TOML escapes it: its short form where there is one, else \uXXXX.
std::string control_escape(char c) {
  switch (c) {
    case '\b': return "\\b";
    case '\t': return "\\t";
    case '\n': return "\\n";
    case '\f': return "\\f";
    case '\r': return "\\r";
    default: return unicode_escape(static_cast<unsigned char>(c));
  }
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
    const char c = text[pos];
    const auto code = static_cast<unsigned char>(c);
    if (length == 1 && quote_syntax && (c == '"' || c == '\\')) {
      out += '\\';
      out += c;
    } else if (length == 1 && (code < 0x20 || code == 0x7F) && !(c == '\t' && keep_tab)) {
      out += control_escape(c);
    } else {
      out.append(text, pos, length);
    }
    pos += length;
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
