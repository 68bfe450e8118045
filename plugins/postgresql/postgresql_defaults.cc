#include "postgresql_defaults.hpp"

#include <retort/sdk/schema_document.hpp>

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

namespace retort::postgresql {
namespace {

bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$' || c == '.'; }

// A decimal number as the server prints a numeric constant: -?digits[.digits][e[+-]digits].
std::string without_typmod(const std::string& type) {
  const auto open = type.find('(');
  return open == std::string::npos || type.back() != ')' ? type : type.substr(0, open);
}

// Types by what their values are: numbers (exact ones can also be read as the text they print as), text.
bool number_type(const std::string& type) {
  static const std::set<std::string> names = {"smallint", "integer", "bigint", "numeric", "real", "double precision",
                                              "float", "double"};
  return names.count(without_typmod(type)) != 0;
}
bool exact_number_type(const std::string& type) {
  static const std::set<std::string> names = {"smallint", "integer", "bigint", "numeric"};
  return names.count(without_typmod(type)) != 0;
}
bool text_type(const std::string& type) {
  static const std::set<std::string> names = {"text", "string", "character varying", "character", "bpchar"};
  return names.count(without_typmod(type)) != 0;
}

struct Constant {
  std::string text;  // the value, unquoted
  std::string cast;  // the type after "::"; "" for a bare number
  bool quoted = false;
};

// A constant as pg_get_expr() prints one: a bare number, or a quoted string with a cast ('x'::text).
std::optional<Constant> constant(const std::string& expression) {
  if (sdk::is_number_literal(expression)) return Constant{expression, "", false};
  if (expression.empty() || expression[0] != '\'') return std::nullopt;
  Constant c;
  c.quoted = true;
  size_t i = 1;
  for (;; ++i) {
    if (i >= expression.size()) return std::nullopt;
    if (expression[i] != '\'') {
      c.text += expression[i];
    } else if (i + 1 < expression.size() && expression[i + 1] == '\'') {
      c.text += '\'';
      ++i;
    } else {
      break;
    }
  }
  if (expression.compare(i + 1, 2, "::") != 0) return std::nullopt;
  c.cast = expression.substr(i + 3);
  if (!number_type(c.cast) && !text_type(c.cast)) return std::nullopt;
  return c;
}

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char ch : text) out += ch == '\'' ? std::string("''") : std::string(1, ch);
  return out + "'";
}

// `call` ("now()") replaced by `by` wherever it is a whole call outside quotes.
std::string replace_call(const std::string& expression, const std::string& call, const std::string& by) {
  std::string out;
  for (size_t i = 0; i < expression.size();) {
    if (expression[i] == '\'' || expression[i] == '"') {
      const char quote = expression[i];
      size_t end = i + 1;
      while (end < expression.size() && expression[end] != quote) ++end;
      // A doubled quote just starts the next quoted run.
      end = std::min(end + 1, expression.size());
      out.append(expression, i, end - i);
      i = end;
      continue;
    }
    if (expression.compare(i, call.size(), call) == 0 && (i == 0 || !name_char(expression[i - 1]))) {
      out += by;
      i += call.size();
      continue;
    }
    out += expression[i++];
  }
  return out;
}

}  // namespace

std::optional<std::string> reported_default(const std::string& expression, const std::string& reported_type) {
  if (expression == "NULL" || expression.compare(0, 6, "NULL::") == 0) return std::nullopt;
  if (auto c = constant(expression)) {
    if (number_type(reported_type) && sdk::is_number_literal(c->text) && (!c->quoted || number_type(c->cast))) return c->text;
    if (text_type(reported_type) && (c->quoted ? text_type(c->cast) : true)) return quoted(c->text);
    if (text_type(reported_type) && sdk::is_number_literal(c->text) && exact_number_type(c->cast)) return quoted(c->text);
  }
  std::string out = replace_call(expression, "now()", "CURRENT_TIMESTAMP");
  return replace_call(out, "transaction_timestamp()", "CURRENT_TIMESTAMP");
}

}  // namespace retort::postgresql
