#include "table_definition.hpp"

#include <retort/sdk/failure.hpp>

#include <algorithm>
#include <cctype>

namespace retort::sqlite {
namespace {

std::string upper(const std::string& s) {
  std::string out = s;
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool is_clause_start(const std::string& token) {
  static const char* const kStarts[] = {"CONSTRAINT", "PRIMARY", "NOT",        "NULL",      "UNIQUE", "CHECK",
                                        "DEFAULT",    "COLLATE", "REFERENCES", "GENERATED", "AS"};
  std::string u = upper(token);
  return std::any_of(std::begin(kStarts), std::end(kStarts), [&](const char* k) { return u == k; });
}

// End (exclusive) of the quoted run starting at text[i].
size_t skip_quoted(const std::string& text, size_t i) {
  char close = text[i] == '[' ? ']' : text[i];
  for (size_t j = i + 1; j < text.size(); ++j) {
    if (text[j] != close) continue;
    if (close != ']' && j + 1 < text.size() && text[j + 1] == close) {
      ++j;  // a doubled quote stands for itself
      continue;
    }
    return j + 1;
  }
  throw sdk::Failure("unterminated quote in table definition");
}

// End (exclusive) of the parenthesised group starting at text[i].
size_t skip_group(const std::string& text, size_t i) {
  int depth = 0;
  for (size_t j = i; j < text.size();) {
    char c = text[j];
    if (c == '\'' || c == '"' || c == '`' || c == '[') {
      j = skip_quoted(text, j);
      continue;
    }
    if (c == '(') ++depth;
    if (c == ')' && --depth == 0) return j + 1;
    ++j;
  }
  throw sdk::Failure("unbalanced parentheses in table definition");
}

std::string join_tokens(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    // "VARCHAR(50)", "CHECK(x > 0)": a group follows its word directly.
    if (!out.empty() && t.front() != '(') out += ' ';
    out += t;
  }
  return out;
}

struct Clause {
  size_t begin;
  size_t end;
  std::string kind;  // the clause's keyword, or "NULLABILITY" for [NOT] NULL
  std::string name;  // from a CONSTRAINT prefix
};

// The column's type ends where its first clause starts; the clauses follow one another.
size_t type_end(const TableItem& col) {
  size_t i = 1;
  while (i < col.tokens.size() && !is_clause_start(col.tokens[i])) ++i;
  return i;
}

std::vector<Clause> clauses(const TableItem& col) {
  const auto& t = col.tokens;
  std::vector<Clause> out;
  size_t i = type_end(col);
  auto up = [&](size_t k) { return k < t.size() ? upper(t[k]) : std::string(); };
  auto on_conflict = [&] {
    if (up(i) == "ON" && up(i + 1) == "CONFLICT") i += 3;
  };
  while (i < t.size()) {
    Clause c{i, i, "", ""};
    if (up(i) == "CONSTRAINT") {
      c.name = i + 1 < t.size() ? unquote(t[i + 1]) : "";
      i += 2;
    }
    std::string kw = up(i);
    c.kind = kw;
    ++i;
    if (kw == "PRIMARY") {
      if (up(i) == "KEY") ++i;
      if (up(i) == "ASC" || up(i) == "DESC") ++i;
      on_conflict();
      if (up(i) == "AUTOINCREMENT") ++i;
    } else if (kw == "NOT" || kw == "NULL") {
      c.kind = "NULLABILITY";
      if (kw == "NOT" && up(i) == "NULL") ++i;
      on_conflict();
    } else if (kw == "UNIQUE") {
      on_conflict();
    } else if (kw == "CHECK" || kw == "COLLATE") {
      ++i;
    } else if (kw == "DEFAULT") {
      if (i < t.size() && (t[i] == "+" || t[i] == "-")) ++i;  // a sign written apart from its number
      ++i;
    } else if (kw == "REFERENCES") {
      ++i;  // the table
      if (i < t.size() && t[i].front() == '(') ++i;
      while (i < t.size()) {
        std::string u = up(i);
        if (u == "MATCH") {
          i += 2;
        } else if (u == "ON") {
          i += 2;  // ON DELETE / ON UPDATE
          i += (up(i) == "SET" || up(i) == "NO") ? 2 : 1;
        } else if (u == "DEFERRABLE" || (u == "NOT" && up(i + 1) == "DEFERRABLE")) {
          i += u == "NOT" ? 2 : 1;
          if (up(i) == "INITIALLY") i += 2;
        } else {
          break;
        }
      }
    } else if (kw == "GENERATED" || kw == "AS") {
      while (i < t.size() && t[i].front() != '(') ++i;
      ++i;
      if (up(i) == "STORED" || up(i) == "VIRTUAL") ++i;
    }
    c.end = std::min(i, t.size());
    out.push_back(c);
  }
  return out;
}

void erase_clauses(TableItem& col, const std::string& kind) {
  col.edited = true;
  auto cs = clauses(col);
  for (auto it = cs.rbegin(); it != cs.rend(); ++it)
    if (it->kind == kind)
      col.tokens.erase(col.tokens.begin() + static_cast<std::ptrdiff_t>(it->begin),
                       col.tokens.begin() + static_cast<std::ptrdiff_t>(it->end));
}

bool same_name(const std::string& a, const std::string& b) { return upper(a) == upper(b); }

}  // namespace

std::string unquote(const std::string& token) {
  if (token.size() >= 2 && (token.front() == '"' || token.front() == '`' || token.front() == '\'')) {
    std::string out;
    char q = token.front();
    for (size_t i = 1; i + 1 < token.size(); ++i) {
      out += token[i];
      if (token[i] == q && token[i + 1] == q) ++i;
    }
    return out;
  }
  if (token.size() >= 2 && token.front() == '[') return token.substr(1, token.size() - 2);
  return token;
}

std::vector<std::string> tokenize(const std::string& text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
      size_t end = skip_quoted(text, i);
      out.push_back(text.substr(i, end - i));
      i = end;
    } else if (c == '(') {
      size_t end = skip_group(text, i);
      out.push_back(text.substr(i, end - i));
      i = end;
    } else if (c == ',' || c == ')') {
      out.emplace_back(1, c);
      ++i;
    } else {
      size_t end = i;
      while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) &&
             std::string("'\"`[(),").find(text[end]) == std::string::npos)
        ++end;
      out.push_back(text.substr(i, end - i));
      i = end;
    }
  }
  return out;
}

TableDefinition TableDefinition::parse(const std::string& create_sql) {
  size_t open = std::string::npos;
  for (size_t i = 0; i < create_sql.size();) {
    char c = create_sql[i];
    if (c == '\'' || c == '"' || c == '`' || c == '[') {
      i = skip_quoted(create_sql, i);
    } else if (c == '(') {
      open = i;
      break;
    } else {
      ++i;
    }
  }
  if (open == std::string::npos) throw sdk::Failure("not a CREATE TABLE statement with columns: " + create_sql);
  size_t close = skip_group(create_sql, open);
  TableDefinition def;
  def.options_ = create_sql.substr(close);
  std::string body = create_sql.substr(open + 1, close - open - 2);

  // Items are separated by commas outside quotes and parentheses.
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i < body.size();) {
    char c = body[i];
    if (c == '\'' || c == '"' || c == '`' || c == '[') {
      i = skip_quoted(body, i);
    } else if (c == '(') {
      i = skip_group(body, i);
    } else if (c == ',') {
      parts.push_back(body.substr(start, i - start));
      start = ++i;
    } else {
      ++i;
    }
  }
  parts.push_back(body.substr(start));

  for (const auto& part : parts) {
    TableItem item;
    item.tokens = tokenize(part);
    size_t b = part.find_first_not_of(" \t\r\n"), e = part.find_last_not_of(" \t\r\n");
    item.text = b == std::string::npos ? "" : part.substr(b, e - b + 1);
    if (item.tokens.empty()) continue;
    std::string first = upper(item.tokens.front());
    if (first == "CONSTRAINT" || first == "PRIMARY" || first == "UNIQUE" || first == "CHECK" || first == "FOREIGN") {
      if (first == "CONSTRAINT" && item.tokens.size() > 1) item.name = unquote(item.tokens[1]);
    } else {
      item.is_column = true;
      item.name = unquote(item.tokens.front());
    }
    def.items_.push_back(std::move(item));
  }
  return def;
}

std::string TableDefinition::create_sql(const std::string& qualified_name) const {
  std::string out = "CREATE TABLE " + qualified_name + " (\n    ";
  for (size_t i = 0; i < items_.size(); ++i)
    out += (i ? ",\n    " : "") + (items_[i].edited ? join_tokens(items_[i].tokens) : items_[i].text);
  return out + "\n)" + options_;
}

std::vector<std::string> TableDefinition::column_names() const {
  std::vector<std::string> names;
  for (const auto& item : items_)
    if (item.is_column) names.push_back(item.name);
  return names;
}

namespace {

// "(a, "b c")" -> {a, b c}: the names of a parenthesised column list.
std::vector<std::string> column_list(const std::string& group) {
  std::vector<std::string> names;
  if (group.size() < 2 || group.front() != '(') return names;
  bool expect_name = true;
  for (const auto& token : tokenize(group.substr(1, group.size() - 2))) {
    if (token == ",") {
      expect_name = true;
    } else if (expect_name) {
      names.push_back(unquote(token));
      expect_name = false;  // what follows a name until the comma: COLLATE, ASC, DESC
    }
  }
  return names;
}

std::string inside_parentheses(const std::string& group) {
  if (group.size() < 2 || group.front() != '(') return group;
  std::string inner = group.substr(1, group.size() - 2);
  size_t b = inner.find_first_not_of(" \t\r\n"), e = inner.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : inner.substr(b, e - b + 1);
}

}  // namespace

std::vector<DeclaredConstraint> TableDefinition::constraints() const {
  std::vector<DeclaredConstraint> out;
  for (const auto& item : items_) {
    const auto& t = item.tokens;
    if (item.is_column) {
      for (const auto& c : clauses(item)) {
        size_t kw = c.begin + (c.begin < t.size() && upper(t[c.begin]) == "CONSTRAINT" ? 2 : 0);
        if (c.kind == "PRIMARY" || c.kind == "UNIQUE")
          out.push_back({c.kind, c.name, {item.name}, ""});
        else if (c.kind == "CHECK" && kw + 1 < t.size())
          out.push_back({"CHECK", c.name, {item.name}, inside_parentheses(t[kw + 1])});
        else if (c.kind == "REFERENCES")
          out.push_back({"FOREIGN", c.name, {item.name}, ""});
      }
      continue;
    }
    size_t i = upper(t.front()) == "CONSTRAINT" ? 2 : 0;
    if (i >= t.size()) continue;
    std::string kind = upper(t[i]);
    size_t group = i + 1;
    if (kind == "PRIMARY" || kind == "FOREIGN") ++group;  // PRIMARY KEY (...), FOREIGN KEY (...)
    if (group >= t.size()) continue;
    if (kind == "CHECK")
      out.push_back({kind, item.name, {}, inside_parentheses(t[group])});
    else if (kind == "PRIMARY" || kind == "UNIQUE" || kind == "FOREIGN")
      out.push_back({kind, item.name, column_list(t[group]), ""});
  }
  return out;
}

bool TableDefinition::autoincrement(const std::string& column) const {
  for (const auto& item : items_)
    if (item.is_column && same_name(item.name, column))
      return std::any_of(item.tokens.begin(), item.tokens.end(),
                         [](const std::string& token) { return upper(token) == "AUTOINCREMENT"; });
  return false;
}

TableItem* TableDefinition::column(const std::string& name) {
  for (auto& item : items_)
    if (item.is_column && same_name(item.name, name)) return &item;
  return nullptr;
}

void TableDefinition::set_type(TableItem& col, const std::string& sql_type) {
  col.edited = true;
  size_t end = type_end(col);
  col.tokens.erase(col.tokens.begin() + 1, col.tokens.begin() + static_cast<std::ptrdiff_t>(end));
  auto type_tokens = tokenize(sql_type);
  col.tokens.insert(col.tokens.begin() + 1, type_tokens.begin(), type_tokens.end());
}

void TableDefinition::set_nullable(TableItem& col, bool nullable) {
  erase_clauses(col, "NULLABILITY");
  if (!nullable) col.tokens.insert(col.tokens.end(), {"NOT", "NULL"});
}

void TableDefinition::set_default(TableItem& col, const std::string* default_sql) {
  erase_clauses(col, "DEFAULT");
  if (!default_sql) return;
  col.tokens.push_back("DEFAULT");
  auto value = tokenize(*default_sql);
  col.tokens.insert(col.tokens.end(), value.begin(), value.end());
}

void TableDefinition::add_constraint(const std::string& text) {
  TableItem item;
  item.tokens = tokenize(text);
  item.text = text;
  if (!item.tokens.empty() && upper(item.tokens.front()) == "CONSTRAINT" && item.tokens.size() > 1)
    item.name = unquote(item.tokens[1]);
  items_.push_back(std::move(item));
}

bool TableDefinition::drop_constraint(const std::string& name) {
  for (auto it = items_.begin(); it != items_.end(); ++it) {
    if (!it->is_column && !it->name.empty() && same_name(it->name, name)) {
      items_.erase(it);
      return true;
    }
  }
  for (auto& item : items_) {
    if (!item.is_column) continue;
    for (const auto& c : clauses(item)) {
      if (c.name.empty() || !same_name(c.name, name)) continue;
      item.edited = true;
      item.tokens.erase(item.tokens.begin() + static_cast<std::ptrdiff_t>(c.begin),
                        item.tokens.begin() + static_cast<std::ptrdiff_t>(c.end));
      return true;
    }
  }
  return false;
}

}  // namespace retort::sqlite
