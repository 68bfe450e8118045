#include "util/json_quote.h"

#include "util/utf8.h"

namespace retort {
namespace {

void append_unicode_escape(std::string& out, unsigned code) {
  static const char* const kHex = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(code >> shift) & 0xF];
}

}  // namespace

std::string json_quote(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (size_t pos = 0; pos < text.size();) {
    const size_t length = utf8_sequence_length(text, pos);
    if (length == 0) {
      append_unicode_escape(out, 0xFFFD);
      ++pos;
      continue;
    }
    const char c = text[pos];
    const auto code = static_cast<unsigned char>(c);
    if (length > 1) {
      out.append(text, pos, length);
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (code < 0x20 || code == 0x7F) {
      append_unicode_escape(out, code);
    } else {
      out += c;
    }
    pos += length;
  }
  out += '"';
  return out;
}

std::string json_quote_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += json_quote(items[i]);
  }
  return out + "]";
}

}  // namespace retort
