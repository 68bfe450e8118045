#include "schema/schema_file.h"

#include "ops/op_catalogue.h"
#include "ops/op_validation.h"
#include "util/strings.h"
#include "util/toml_file.h"

#include <cctype>
#include <sstream>

namespace retort {
namespace {

const std::vector<std::string> kReferentialActions = {"CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION"};

// The keys of a [[table]]: create_table's fields (with `name` for `table`) and the schema file's own.
const std::vector<FieldSpec>& table_fields() {
  static const std::vector<FieldSpec> fields = [] {
    std::vector<FieldSpec> out = {{"name", FieldKind::kString, true}, {"schema", FieldKind::kString}};
    for (const FieldSpec& f : OpCatalogue::core().find("create_table")->fields) {
      if (f.name == "table") continue;
      FieldSpec copy = f;
      // Columns are checked one by one (they may carry renamed_from); a table with managed = false needs none.
      if (f.name == "columns") copy.kind = FieldKind::kAny;
      copy.required = false;
      out.push_back(copy);
    }
    out.push_back({"indexes", FieldKind::kTables, false, {},
                   {{"name", FieldKind::kString},
                    {"columns", FieldKind::kAny, true},
                    {"unique", FieldKind::kBool},
                    {"where", FieldKind::kString},
                    {"databases", FieldKind::kNames},
                    {"dialects", FieldKind::kNames}}});
    out.push_back({"renamed_from", FieldKind::kString});
    out.push_back({"managed", FieldKind::kBool});
    out.push_back({"databases", FieldKind::kNames});
    out.push_back({"dialects", FieldKind::kNames});
    return out;
  }();
  return fields;
}

std::string string_at(const toml::table& t, const char* key) { return t[key].value_or(std::string()); }

std::vector<std::string> names_at(const toml::table& t, const char* key) {
  std::vector<std::string> out;
  const toml::node* n = t.get(key);
  if (!n) return out;
  if (const auto* s = n->as_string()) return {s->get()};
  if (const auto* a = n->as_array())
    for (const auto& item : *a)
      if (const auto* s = item.as_string()) out.push_back(s->get());
  return out;
}

SchemaScope scope_at(const toml::table& t) { return {names_at(t, "databases"), names_at(t, "dialects")}; }

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// A column's keys: create_table's, renamed_from, and the scope (databases, dialects).
const std::vector<FieldSpec>& schema_column_fields() {
  static const std::vector<FieldSpec> fields = [] {
    std::vector<FieldSpec> out = column_fields();
    out.push_back({"renamed_from", FieldKind::kString});
    out.push_back({"databases", FieldKind::kNames});
    out.push_back({"dialects", FieldKind::kNames});
    return out;
  }();
  return fields;
}

// A referential action as the model keeps it: upper case, NO ACTION as "".
std::string action_at(const toml::table& t, const char* key) {
  std::string a = upper(string_at(t, key));
  return a == "NO ACTION" ? "" : a;
}

class SchemaReader {
 public:
  SchemaReader(const std::string& path, ErrorList& errors) : path_(path), errors_(errors) {}

  SchemaDocument read(const toml::table& root) {
    SchemaDocument doc;
    doc.file = path_;
    check_known_keys(root, path_, {"format", "branch", "naming", "table", "ignore"}, "a schema file", errors_);
    const toml::node* format = root.get("format");
    if (!format) {
      errors_.add(Error("a schema file needs 'format = 1' at the top").at(path_ + ":1"));
    } else if (format->value<int64_t>() != std::optional<int64_t>(1)) {
      fail(*format, "unknown schema file format (this retort reads format = 1)");
    }
    if (const toml::node* b = root.get("branch")) {
      if (!b->is_string()) fail(*b, "'branch' must be a branch label");
      else doc.branch = b->as_string()->get();
    }
    if (const toml::node* n = root.get("naming")) read_naming(*n, doc.naming);
    if (const toml::node* n = root.get("ignore")) read_ignore(*n, doc.ignore_tables);
    if (const toml::node* n = root.get("table")) {
      const auto* tables = n->as_array();
      if (!tables || !tables->is_array_of_tables()) {
        fail(*n, "'table' must be written as [[table]] sections");
      } else {
        for (const auto& t : *tables) read_table(*t.as_table(), doc);
      }
    }
    return doc;
  }

 private:
  void fail(const toml::node& n, const std::string& message, const std::string& hint = "") {
    Error e = error_at(n, path_, message);
    if (!hint.empty()) e.hint(hint);
    errors_.add(std::move(e));
  }
  SchemaSource source_of(const toml::node& n) const { return {path_, static_cast<int>(n.source().begin.line)}; }

  void read_naming(const toml::node& n, SchemaNaming& naming) {
    const auto* t = n.as_table();
    if (!t) return fail(n, "[naming] must be a table of patterns");
    check_known_keys(*t, path_, {"index", "unique", "foreign_key", "check"}, "[naming]", errors_);
    for (const auto& [key, value] : *t) {
      if (!value.is_string()) {
        fail(value, "[naming] " + std::string(key.str()) + " must be a pattern like \"ix_{table}_{columns}\"");
        continue;
      }
      const std::string pattern = value.as_string()->get();
      for (size_t open = pattern.find('{'); open != std::string::npos; open = pattern.find('{', open + 1)) {
        size_t close = pattern.find('}', open);
        std::string token = close == std::string::npos ? "" : pattern.substr(open + 1, close - open - 1);
        if (token != "table" && token != "columns" && token != "ref_table" && token != "name")
          fail(value, "[naming] " + std::string(key.str()) + ": unknown placeholder in '" + pattern + "'",
               "use {table}, {columns}, {ref_table} or {name}");
      }
      if (key == "index") naming.index = pattern;
      else if (key == "unique") naming.unique = pattern;
      else if (key == "foreign_key") naming.foreign_key = pattern;
      else if (key == "check") naming.check = pattern;
    }
  }

  void read_ignore(const toml::node& n, std::vector<std::string>& patterns) {
    const auto* t = n.as_table();
    if (!t) return fail(n, "[ignore] must be a table like tables = [\"tmp_*\"]");
    check_known_keys(*t, path_, {"tables"}, "[ignore]", errors_);
    if (const toml::node* tables = t->get("tables")) {
      const auto* a = tables->as_array();
      if (!a || !a->is_homogeneous(toml::node_type::string))
        return fail(*tables, "[ignore] tables must be an array of table names or patterns");
      for (const auto& p : *a) patterns.push_back(p.as_string()->get());
    }
  }

  void read_table(const toml::table& t, SchemaDocument& doc) {
    ErrorList found;
    validate_fields(t, table_fields(), path_, "[[table]]", found);
    if (const toml::node* columns = t.get("columns")) {
      const auto* a = columns->as_array();
      if (!a || a->empty() || !a->is_array_of_tables())
        found.add(error_at(*columns, path_, "'columns' in [[table]] must be a non-empty array of column tables"));
      else
        for (const auto& c : *a) validate_fields(*c.as_table(), schema_column_fields(), path_, "column", found);
    }
    errors_.add_all(found);
    if (!found.empty()) return;

    SchemaTable table;
    table.name = string_at(t, "name");
    table.schema = string_at(t, "schema");
    table.comment = string_at(t, "comment");
    table.renamed_from = string_at(t, "renamed_from");
    table.managed = t["managed"].value_or(true);
    table.scope = scope_at(t);
    table.primary_key = names_at(t, "primary_key");
    table.source = source_of(t);
    const std::string where = "table '" + table.name + "'";

    if (doc.table(table.name)) fail(t, where + " is declared twice");
    if (!table.renamed_from.empty() && table.renamed_from == table.name)
      fail(*t.get("renamed_from"), where + ": renamed_from names the table's own name");
    if (table.managed && !t.get("columns"))
      fail(t, where + " needs 'columns'", "or set managed = false for a table this schema never changes");

    if (const auto* columns = t["columns"].as_array())
      for (const auto& c : *columns) read_column(*c.as_table(), table, where);
    read_constraints(t, table, where);
    if (const auto* indexes = t["indexes"].as_array())
      for (const auto& i : *indexes) read_index(*i.as_table(), table, where);
    check_column_references(table, where);
    doc.tables.push_back(std::move(table));
  }

  void read_column(const toml::table& c, SchemaTable& table, const std::string& where) {
    SchemaColumn col;
    col.name = string_at(c, "name");
    if (const toml::node* type = c.get("type"); type && type->is_string()) col.type = type->as_string()->get();
    col.nullable = c["nullable"].value_or(true);
    col.primary_key = c["primary_key"].value_or(false);
    col.unique = c["unique"].value_or(false);
    col.autoincrement = c["autoincrement"].value_or(false);
    col.comment = string_at(c, "comment");
    col.renamed_from = string_at(c, "renamed_from");
    if (const toml::node* d = c.get("server_default")) {
      if (const auto* t = d->as_table()) col.default_sql = string_at(*t, "sql");
      else col.default_sql = literal_text(*d);
    }
    col.scope = scope_at(c);
    col.spec = c;
    for (const char* key : {"renamed_from", "databases", "dialects"}) col.spec.erase(key);
    col.source = source_of(c);
    if (table.column(col.name)) fail(c, where + ": column '" + col.name + "' is declared twice");
    if (!col.renamed_from.empty()) {
      if (col.renamed_from == col.name) fail(*c.get("renamed_from"), where + ": column '" + col.name +
                                                                           "': renamed_from names the column's own name");
      else if (table.column(col.renamed_from))
        fail(*c.get("renamed_from"), where + ": column '" + col.name + "' is renamed_from '" + col.renamed_from +
                                         "', which the table still declares");
    }
    table.columns.push_back(std::move(col));
  }

  // A literal default as TOML would write it: 'text' quoted, numbers and booleans as they are.
  static std::string literal_text(const toml::node& n) {
    if (const auto* s = n.as_string()) return "'" + s->get() + "'";
    if (const auto* b = n.as_boolean()) return b->get() ? "true" : "false";
    if (const auto* i = n.as_integer()) return std::to_string(i->get());
    if (const auto* f = n.as_floating_point()) return std::to_string(f->get());
    std::ostringstream os;
    n.visit([&os](const auto& value) { os << value; });  // a date or time
    return os.str();
  }

  void read_constraints(const toml::table& t, SchemaTable& table, const std::string& where) {
    if (const auto* unique = t["unique"].as_array())
      for (const auto& u : *unique) {
        const auto& ut = *u.as_table();
        table.unique.push_back({string_at(ut, "name"), names_at(ut, "columns"), source_of(ut)});
      }
    if (const auto* fks = t["foreign_keys"].as_array())
      for (const auto& f : *fks) {
        const auto& ft = *f.as_table();
        SchemaForeignKey fk;
        fk.name = string_at(ft, "name");
        fk.columns = names_at(ft, "columns");
        fk.ref_schema = string_at(ft, "ref_schema");
        fk.ref_table = string_at(ft, "ref_table");
        fk.ref_columns = names_at(ft, "ref_columns");
        fk.ondelete = action_at(ft, "ondelete");
        fk.onupdate = action_at(ft, "onupdate");
        fk.source = source_of(ft);
        if (fk.columns.size() != fk.ref_columns.size())
          fail(ft, where + ": the foreign key on (" + join(fk.columns, ", ") + ") has " +
                       std::to_string(fk.columns.size()) + " columns but " + std::to_string(fk.ref_columns.size()) +
                       " ref_columns");
        table.foreign_keys.push_back(std::move(fk));
      }
    if (const auto* checks = t["checks"].as_array())
      for (const auto& c : *checks) {
        const auto& ct = *c.as_table();
        table.checks.push_back({string_at(ct, "name"), string_at(ct, "sql"), source_of(ct)});
      }
  }

  void read_index(const toml::table& i, SchemaTable& table, const std::string& where) {
    SchemaIndex index;
    index.name = string_at(i, "name");
    index.unique = i["unique"].value_or(false);
    index.where = string_at(i, "where");
    index.scope = scope_at(i);
    index.source = source_of(i);
    const toml::node* columns = i.get("columns");
    const auto* elements = columns ? columns->as_array() : nullptr;
    if (columns && columns->is_string()) {
      index.elements.push_back({columns->as_string()->get(), ""});
    } else if (!elements || elements->empty()) {
      fail(columns ? *columns : static_cast<const toml::node&>(i),
           where + ": an index's 'columns' must be a non-empty array of column names or { sql = \"...\" }");
    } else {
      for (const auto& e : *elements) {
        if (const auto* s = e.as_string()) {
          index.elements.push_back({s->get(), ""});
        } else if (const auto* t = e.as_table(); t && t->size() == 1 && t->get("sql") && t->get("sql")->is_string()) {
          index.elements.push_back({"", string_at(*t, "sql")});
        } else {
          fail(e, where + ": an index element must be a column name or { sql = \"expression\" }");
        }
      }
    }
    for (const auto& other : table.indexes)
      if (!index.name.empty() && other.name == index.name)
        fail(i, where + ": index '" + index.name + "' is declared twice");
    table.indexes.push_back(std::move(index));
  }

  // Every column a key, constraint or index names must be one of the table's.
  void check_column_references(const SchemaTable& table, const std::string& where) {
    if (!table.managed) return;
    auto check = [&](const std::vector<std::string>& columns, const SchemaSource& source, const std::string& what) {
      for (const auto& c : columns)
        if (!table.column(c))
          errors_.add(Error(where + ": " + what + " names column '" + c + "', which the table does not declare")
                          .at(source.to_string()));
    };
    check(table.primary_key, table.source, "primary_key");
    for (const auto& u : table.unique) check(u.columns, u.source, "a unique constraint");
    for (const auto& f : table.foreign_keys) check(f.columns, f.source, "a foreign key");
    for (const auto& i : table.indexes) {
      std::vector<std::string> columns;
      for (const auto& e : i.elements)
        if (!e.column.empty()) columns.push_back(e.column);
      check(columns, i.source, "an index");
    }
  }

  const std::string& path_;
  ErrorList& errors_;
};

}  // namespace

namespace {

Result<SchemaDocument> schema_from_toml(const toml::table& root, const std::string& path) {
  ErrorList errors;
  SchemaDocument doc = SchemaReader(path, errors).read(root);
  const size_t n = errors.errors().size();
  if (n) return errors.combined(std::to_string(n) + " problem" + (n == 1 ? "" : "s") + " in schema file " + path + ":");
  return doc;
}

}  // namespace

Result<SchemaDocument> parse_schema_text(std::string_view text, const std::string& display_path) {
  RETORT_ASSIGN_OR_RETURN(toml::table root, parse_toml_text(text, display_path));
  return schema_from_toml(root, display_path);
}

Result<SchemaDocument> read_schema_file(const std::filesystem::path& path) {
  RETORT_ASSIGN_OR_RETURN(toml::table root, parse_toml_file(path));
  return schema_from_toml(root, path.string());
}

}  // namespace retort
