// Alembic's `file_template`: how a new revision file is named, in Python's %-formatting of the tokens
// %(rev)s, %(slug)s, %(epoch)s, %(year)d, %(month).2d, %(day).2d, %(hour).2d, %(minute).2d and
// %(second).2d (flags "-0+ ", a width and a precision work as in Python; "%%" is a '%'). The date
// tokens are the create_date's. ".toml" is added to what it gives.
#pragma once

#include "util/status.h"

#include <string>
#include <string_view>
#include <vector>

namespace retort {

struct FileNameFields {
  std::string rev;
  std::string slug;
  long long epoch = 0;
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
};

class FileTemplate {
 public:
  static constexpr std::string_view kDefault = "%(rev)s_%(slug)s";  // Alembic's default

  FileTemplate();  // the default
  // An unknown token, a conversion other than s or d, %d of a text token, a bad or incomplete
  // specification, or a template that can give an empty name, an absolute path or a ".." part is an error.
  static Result<FileTemplate> parse(std::string_view text);

  // The file's name without ".toml"; it may hold '/' (subfolders; see has_folders()).
  std::string render(const FileNameFields& fields) const;
  // The same, checked: an empty name, or an empty, "." or ".." part (a token that is empty for this
  // revision, such as %(slug)s without a message), is an error.
  Result<std::string> file_name(const FileNameFields& fields) const;
  const std::string& text() const { return text_; }
  // Whether the names it gives lie in subfolders of the version location.
  bool has_folders() const { return text_.find('/') != std::string::npos; }

  // The tokens, in the order the error messages list them.
  static const std::vector<std::string>& token_names();

 private:
  struct Unparsed {};
  explicit FileTemplate(Unparsed) {}

  struct Piece {
    std::string literal;  // text before the token (or all of it, for the last piece)
    std::string token;    // "" for a piece without one
    std::string flags;
    int width = -1;
    int precision = -1;
    char conversion = 's';
  };

  std::string text_;
  std::vector<Piece> pieces_;
};

}  // namespace retort
