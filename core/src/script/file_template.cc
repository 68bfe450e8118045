#include "script/file_template.h"

#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace retort {
namespace {

constexpr int kMaxWidth = 100;  // a wider field makes a name no file system takes

bool is_text_token(const std::string& token) { return token == "rev" || token == "slug"; }

std::string pad(std::string text, const std::string& flags, int width, bool zeros_after_sign) {
  if (width < 0 || text.size() >= static_cast<size_t>(width)) return text;
  const size_t fill = static_cast<size_t>(width) - text.size();
  if (flags.find('-') != std::string::npos) return text + std::string(fill, ' ');
  if (zeros_after_sign) {
    const size_t sign = !text.empty() && (text[0] == '-' || text[0] == '+' || text[0] == ' ') ? 1 : 0;
    return text.substr(0, sign) + std::string(fill, '0') + text.substr(sign);
  }
  return std::string(fill, ' ') + text;
}

// Python's "%d" with flags, width and precision.
std::string format_number(long long value, const std::string& flags, int width, int precision) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  if (precision > 0 && digits.size() < static_cast<size_t>(precision))
    digits = std::string(static_cast<size_t>(precision) - digits.size(), '0') + digits;
  std::string sign = value < 0                                ? "-"
                     : flags.find('+') != std::string::npos ? "+"
                     : flags.find(' ') != std::string::npos ? " "
                                                              : "";
  const bool zeros = flags.find('0') != std::string::npos && flags.find('-') == std::string::npos;
  return pad(sign + digits, flags, width, zeros);
}

// Python's "%s" with flags, width and precision.
std::string format_text(std::string text, const std::string& flags, int width, int precision) {
  if (precision >= 0 && text.size() > static_cast<size_t>(precision)) text.resize(static_cast<size_t>(precision));
  return pad(std::move(text), flags, width, false);
}

}  // namespace

const std::vector<std::string>& FileTemplate::token_names() {
  static const std::vector<std::string> names = {"rev",  "slug", "epoch",  "year",  "month",
                                                 "day",  "hour", "minute", "second"};
  return names;
}

FileTemplate::FileTemplate() { *this = std::move(parse(kDefault)).value(); }

Result<FileTemplate> FileTemplate::parse(std::string_view text) {
  FileTemplate t{Unparsed{}};
  t.text_ = std::string(text);
  const std::string known = "the tokens are %(rev)s, %(slug)s, %(epoch)s, %(year)d, %(month).2d, %(day).2d, "
                            "%(hour).2d, %(minute).2d and %(second).2d";
  Piece piece;
  size_t i = 0;
  auto spec_error = [&](size_t start, const std::string& why) {
    return Error("bad token '" + std::string(text.substr(start, std::min(i + 1, text.size()) - start)) + "' at character " +
                 std::to_string(start + 1) + ": " + why)
        .hint("write tokens as Alembic does, e.g. \"%(rev)s_%(slug)s\" or \"%(year)d_%(month).2d_%(day).2d_%(rev)s\"; " +
              known + "; '%%' is a literal '%'");
  };
  while (i < text.size()) {
    const char c = text[i];
    if (c != '%') {
      piece.literal += c;
      ++i;
      continue;
    }
    const size_t start = i;
    if (i + 1 < text.size() && text[i + 1] == '%') {
      piece.literal += '%';
      i += 2;
      continue;
    }
    ++i;
    if (i >= text.size() || text[i] != '(') return spec_error(start, "a token is %(name) then a conversion, as in %(rev)s");
    const size_t close = text.find(')', i);
    if (close == std::string_view::npos) return spec_error(start, "no ')' after '%('");
    piece.token = std::string(text.substr(i + 1, close - i - 1));
    i = close + 1;
    if (std::find(token_names().begin(), token_names().end(), piece.token) == token_names().end()) {
      std::string near = closest_match(piece.token, token_names());
      for (const auto& name : token_names())  // %(revision) for %(rev), %(sec) for %(second)
        if (near.empty() && !piece.token.empty() &&
            (piece.token.rfind(name, 0) == 0 || name.rfind(piece.token, 0) == 0))
          near = name;
      return Error("unknown token '%(" + piece.token + ")'" + (near.empty() ? "" : "; did you mean %(" + near + ")?"))
          .hint(known);
    }
    while (i < text.size() && std::string_view("-0+ #").find(text[i]) != std::string_view::npos) {
      if (text[i] == '#') return spec_error(start, "the '#' flag is not supported");
      piece.flags += text[i++];
    }
    auto number = [&](int& out) -> bool {
      size_t from = i;
      while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
      if (i == from) return false;
      if (i - from > 3 || std::atoi(std::string(text.substr(from, i - from)).c_str()) > kMaxWidth) return true;
      out = std::atoi(std::string(text.substr(from, i - from)).c_str());
      return false;
    };
    if (number(piece.width)) return spec_error(start, "a width above " + std::to_string(kMaxWidth));
    if (i < text.size() && text[i] == '.') {
      ++i;
      piece.precision = 0;
      if (number(piece.precision)) return spec_error(start, "a precision above " + std::to_string(kMaxWidth));
    }
    while (i < text.size() && (text[i] == 'l' || text[i] == 'h' || text[i] == 'L')) ++i;  // Python ignores these
    if (i >= text.size()) return spec_error(start, "incomplete: it needs a conversion, s or d");
    const char conversion = text[i];
    if (conversion == 'i' || conversion == 'u') {
      piece.conversion = 'd';
    } else if (conversion == 's' || conversion == 'd') {
      piece.conversion = conversion;
    } else {
      return spec_error(start, std::string("unsupported conversion '") + conversion + "': use s, or d for a number");
    }
    if (piece.conversion == 'd' && is_text_token(piece.token))
      return spec_error(start, piece.token + " is text: write %(" + piece.token + ")s");
    ++i;
    t.pieces_.push_back(std::move(piece));
    piece = Piece{};
  }
  t.pieces_.push_back(std::move(piece));

  // The names it gives must be file names inside the version location, whatever the revision.
  FileNameFields sample;
  sample.rev = "ae1027a6acf0";
  sample.slug = "x";
  RETORT_TRY(t.file_name(sample).status());
  return t;
}

Result<std::string> FileTemplate::file_name(const FileNameFields& fields) const {
  const std::string name = render(fields);
  if (name.empty()) return Error("it gives an empty file name").hint("include %(rev)s, as in \"%(rev)s_%(slug)s\"");
  if (name.front() == '/') return Error("it gives an absolute path '" + name + "'").hint("names are relative to the version location");
  for (const auto& part : split(name, '/'))
    if (part == ".." || part == "." || part.empty())
      return Error("it gives '" + name + "', a path with an empty, '.' or '..' part")
          .hint("names stay inside the version location; a token such as %(slug)s may be empty (no message)");
  return name;
}

std::string FileTemplate::render(const FileNameFields& f) const {
  std::string out;
  for (const Piece& p : pieces_) {
    out += p.literal;
    if (p.token.empty()) continue;
    if (is_text_token(p.token)) {
      out += format_text(p.token == "rev" ? f.rev : f.slug, p.flags, p.width, p.precision);
      continue;
    }
    const long long value = p.token == "epoch"    ? f.epoch
                            : p.token == "year"   ? f.year
                            : p.token == "month"  ? f.month
                            : p.token == "day"    ? f.day
                            : p.token == "hour"   ? f.hour
                            : p.token == "minute" ? f.minute
                                                  : f.second;
    out += p.conversion == 'd' ? format_number(value, p.flags, p.width, p.precision)
                               : format_text(std::to_string(value), p.flags, p.width, p.precision);
  }
  return out;
}

}  // namespace retort
