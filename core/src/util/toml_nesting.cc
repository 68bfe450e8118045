#include "util/toml_nesting.h"

#include <vector>

namespace retort {
namespace {

// One pass over the text with an explicit stack, never recursion: the point is to survive the inputs
// that make a recursive parser fall over. It tracks only what changes the depth: whether a key or a
// value is being read, the open arrays and inline tables, and the depth of the current table header.
class NestingScanner {
 public:
  NestingScanner(std::string_view text, int limit) : text_(text), limit_(limit) {}

  // The line where the text first nests deeper than the limit; 0 when it never does.
  size_t first_too_deep_line() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '\n') {
        ++line_;
        ++pos_;
        // Only a line break outside arrays and inline tables starts a new key.
        if (open_.empty()) start_key(true);
        continue;
      }
      if (c == '#') {
        skip_comment();
        continue;
      }
      if (c == '"' || c == '\'') {
        skip_string();
        if (reading_key_ && key_parts() == 0) key_parts() = 1;
        line_start_ = false;
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r') {
        ++pos_;
        continue;
      }
      if (reading_key_ ? !key_char(c) : !value_char(c)) return line_;
      line_start_ = false;
    }
    return 0;
  }

 private:
  struct Open {
    char kind;      // '[' array, '{' inline table
    int depth;      // of an array's values; of an inline table itself (its keys add their parts)
    int key_parts;  // of the key being read in an inline table
  };

  // Returns false when the depth limit is passed.
  bool key_char(char c) {
    if (line_start_ && open_.empty() && c == '[') return table_header();
    ++pos_;
    if (c == '=') {
      reading_key_ = false;
    } else if (c == '.') {
      ++key_parts();
    } else if (c == '}' && !open_.empty()) {
      open_.pop_back();  // `{}` or `{ a = 1, }`
      reading_key_ = false;
    } else if (key_parts() == 0) {
      key_parts() = 1;
    }
    return key_depth() <= limit_;
  }

  bool value_char(char c) {
    ++pos_;
    if (c == '[') {
      const int depth = value_depth() + 1;
      if (depth > limit_) return false;
      open_.push_back(Open{c, depth, 0});
    } else if (c == '{') {
      // An inline table is the table its key names: only the keys inside it go a level deeper.
      open_.push_back(Open{c, value_depth(), 0});
      reading_key_ = true;
    } else if ((c == ']' || c == '}') && !open_.empty()) {
      open_.pop_back();
    } else if (c == ',' && !open_.empty() && open_.back().kind == '{') {
      open_.back().key_parts = 0;
      reading_key_ = true;
    }
    return true;
  }

  // `[a.b.c]` or `[[a.b.c]]` at the start of a line; the keys below it start at its depth.
  bool table_header() {
    ++pos_;
    int depth = 1;
    if (pos_ < text_.size() && text_[pos_] == '[') {
      ++pos_;
      ++depth;  // an array of tables: the array, then its last table
    }
    while (pos_ < text_.size() && text_[pos_] != ']' && text_[pos_] != '\n') {
      const char c = text_[pos_];
      if (c == '"' || c == '\'') {
        skip_string();
        continue;
      }
      if (c == '.' && ++depth > limit_) return false;
      ++pos_;
    }
    while (pos_ < text_.size() && text_[pos_] == ']') ++pos_;
    header_depth_ = depth;
    start_key(false);
    return depth <= limit_;
  }

  void start_key(bool at_line_start) {
    reading_key_ = true;
    line_start_ = at_line_start;
    root_key_parts_ = 0;
  }

  int& key_parts() { return open_.empty() ? root_key_parts_ : open_.back().key_parts; }
  int key_depth() {
    const int base = open_.empty() ? header_depth_ : open_.back().depth;
    return base + key_parts();
  }
  int value_depth() {
    if (open_.empty()) return header_depth_ + root_key_parts_;
    const Open& o = open_.back();
    return o.kind == '{' ? o.depth + o.key_parts : o.depth;
  }

  void skip_comment() {
    while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
  }

  // A basic ("..."), literal ('...') or multi-line ("""...""", '''...''') string. A single-line string
  // ends at the line break if its closing quote is missing, so a typo cannot swallow the file.
  void skip_string() {
    const char quote = text_[pos_];
    const std::string_view triple = quote == '"' ? std::string_view(R"(""")") : std::string_view("'''");
    if (text_.substr(pos_, 3) == triple) {
      pos_ += 3;
      skip_multi_line_string(quote, triple);
      return;
    }
    for (++pos_; pos_ < text_.size() && text_[pos_] != '\n'; ++pos_) {
      if (text_[pos_] == quote) {
        ++pos_;
        return;
      }
      if (quote == '"' && text_[pos_] == '\\' && pos_ + 1 < text_.size() && text_[pos_ + 1] != '\n') ++pos_;
    }
  }

  void skip_multi_line_string(char quote, std::string_view triple) {
    for (; pos_ < text_.size(); ++pos_) {
      const char c = text_[pos_];
      if (c == '\n') {
        ++line_;
      } else if (quote == '"' && c == '\\') {
        // Skips the escaped character, unless it is the line break a multi-line string may escape.
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] != '\n') ++pos_;
      } else if (text_.substr(pos_, 3) == triple) {
        pos_ += 3;
        // Up to two more quotes belong to the content: `""""` ends with one quote inside.
        for (int extra = 0; extra < 2 && pos_ < text_.size() && text_[pos_] == quote; ++extra) ++pos_;
        return;
      }
    }
  }

  std::string_view text_;
  int limit_;
  size_t pos_ = 0;
  size_t line_ = 1;
  std::vector<Open> open_;
  int header_depth_ = 0;
  int root_key_parts_ = 0;
  bool reading_key_ = true;
  bool line_start_ = true;
};

}  // namespace

Status check_toml_nesting(std::string_view text, const std::string& display_path, int limit) {
  const size_t line = NestingScanner(text, limit).first_too_deep_line();
  if (line == 0) return {};
  return Error("nesting deeper than " + std::to_string(limit) +
               " levels (dotted keys, table headers, arrays and inline tables inside each other)")
      .at(display_path + ":" + std::to_string(line))
      .hint("write it flatter: revision files and configs need only a few levels");
}

}  // namespace retort
