#include "sqlite_spelling.hpp"

#include <retort/sdk/schema_document.hpp>

#include <cctype>
#include <map>

namespace retort::sqlite {
namespace {

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

enum class Affinity { kInteger, kText, kBlob, kReal, kNumeric };

// The rules of https://sqlite.org/datatype3.html, section 3.1, in their order.
Affinity affinity(const std::string& declared_type) {
  const std::string t = upper(declared_type);
  auto has = [&](const char* part) { return t.find(part) != std::string::npos; };
  if (has("INT")) return Affinity::kInteger;
  if (has("CHAR") || has("CLOB") || has("TEXT")) return Affinity::kText;
  if (has("BLOB") || t.empty()) return Affinity::kBlob;
  if (has("REAL") || has("FLOA") || has("DOUB")) return Affinity::kReal;
  return Affinity::kNumeric;
}

// A well-formed integer or real literal: text SQLite stores as a number in a column of numeric affinity.
// An integer written as SQLite prints its value, so that as text it is the same characters.
bool canonical_integer(const std::string& s) {
  const size_t i = !s.empty() && s[0] == '-' ? 1 : 0;
  if (i == s.size() || (s[i] == '0' && s.size() > i + 1) || s == "-0") return false;
  for (size_t k = i; k < s.size(); ++k)
    if (!digit(s[k])) return false;
  return true;
}

// The text inside one single-quoted string that is the whole of `s`, quotes undoubled.
std::optional<std::string> string_literal(const std::string& s) {
  if (s.size() < 2 || s.front() != '\'' || s.back() != '\'') return std::nullopt;
  std::string text;
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    if (s[i] != '\'') {
      text += s[i];
    } else if (i + 2 < s.size() && s[i + 1] == '\'') {
      text += '\'';
      ++i;
    } else {
      return std::nullopt;  // the string ends before the text does
    }
  }
  return text;
}

}  // namespace

std::string generic_type(const std::string& declared) {
  // What SqliteSqlDialect::map_type writes for each generic type, then the standard names of the same
  // types. Where two generic types give the same SQL (float and double: FLOAT; timestamp and timestamptz:
  // TIMESTAMP), the first is reported.
  static const std::map<std::string, std::string> plain = {
      {"INTEGER", "integer"}, {"BIGINT", "bigint"}, {"SMALLINT", "smallint"}, {"BOOLEAN", "boolean"},
      {"FLOAT", "float"},     {"TEXT", "text"},     {"DATE", "date"},         {"TIME", "time"},
      {"DATETIME", "datetime"}, {"TIMESTAMP", "timestamp"}, {"BLOB", "binary"}, {"JSON", "json"},
      {"CHAR(32)", "uuid"},   {"NUMERIC", "numeric"},
      {"INT", "integer"},     {"BOOL", "boolean"},  {"REAL", "float"},        {"DOUBLE", "float"},
      {"DOUBLEPRECISION", "float"}, {"DECIMAL", "numeric"}};
  std::string compact;
  for (char c : declared)
    if (!std::isspace(static_cast<unsigned char>(c))) compact += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (auto it = plain.find(compact); it != plain.end()) return it->second;
  auto with_params = [&](const std::string& sql, const std::string& generic) -> std::string {
    if (compact.rfind(sql + "(", 0) != 0 || compact.back() != ')') return "";
    return generic + compact.substr(sql.size());
  };
  for (const auto& [sql, generic] : std::map<std::string, std::string>{{"VARCHAR", "string"},
                                                                       {"CHARACTERVARYING", "string"},
                                                                       {"CHARVARYING", "string"},
                                                                       {"NUMERIC", "numeric"},
                                                                       {"DECIMAL", "numeric"}})
    if (auto s = with_params(sql, generic); !s.empty()) return s;
  return declared;
}

std::optional<std::string> reported_default(const std::string& dflt_value, const std::string& declared_type) {
  const std::string word = upper(dflt_value);
  if (word == "NULL") return std::nullopt;
  if (word == "TRUE") return "1";
  if (word == "FALSE") return "0";
  if (word == "CURRENT_TIMESTAMP" || word == "CURRENT_DATE" || word == "CURRENT_TIME") return word;
  const Affinity a = affinity(declared_type);
  if (a == Affinity::kInteger || a == Affinity::kReal || a == Affinity::kNumeric) {
    std::string number = dflt_value;
    if (auto text = string_literal(dflt_value)) number = *text;
    // "+1" is stored as 1.
    if (sdk::is_number_literal(number)) return number[0] == '+' ? number.substr(1) : number;
  }
  if (a == Affinity::kText && canonical_integer(dflt_value)) return "'" + dflt_value + "'";
  return dflt_value;
}

}  // namespace retort::sqlite
