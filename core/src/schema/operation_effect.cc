#include "schema/operation_effect.h"

#include "schema/schema_inspection.h"
#include "util/sha256.h"

#include <algorithm>
#include <cctype>
#include <functional>

namespace retort {
namespace {

using State = OperationEffect::State;

std::string text(const toml::table& args, const char* key) {
  const toml::node* n = args.get(key);
  return n && n->is_string() ? n->as_string()->get() : std::string();
}

// Names as the server reports them: retort quotes every identifier, so they match exactly, except where
// the server folds them (MySQL column and index names are case-insensitive).
bool same_name(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

template <typename T>
bool has_named(const std::vector<T>& items, const std::string& name) {
  return std::any_of(items.begin(), items.end(), [&](const T& i) { return same_name(i.name, name); });
}

OperationEffect told(bool applied, std::string what_is_seen) {
  return {applied ? State::kApplied : State::kNotApplied, std::move(what_is_seen)};
}

OperationEffect unknown(std::string why) { return {State::kUnknown, std::move(why)}; }

// `present` says whether the object an operation creates (or, for a drop, removes) exists on table `t`.
OperationEffect on_table(const SchemaDocument& schema, const std::string& table, const std::string& object, bool creates,
                         const std::function<bool(const SchemaTable&)>& present) {
  const SchemaTable* t = schema.table(table);
  if (!t) return unknown("table " + table + " does not exist");
  const bool there = present(*t);
  return told(there == creates, object + (there ? " exists" : " does not exist"));
}

bool has_index_or_unique(const SchemaTable& t, const std::string& name) {
  return has_named(t.indexes, name) || has_named(t.unique, name);
}

// The alter_column fields whose new value the inspector spells its own way, so none can be compared.
const char* unreadable_alter_field(const toml::table& args) {
  for (const char* key : {"type", "server_default"})
    if (args.contains(key)) return key;
  return nullptr;
}

OperationEffect alter_column(const SchemaDocument& schema, const std::string& /*op*/, const toml::table& args) {
  const std::string table = text(args, "table");
  const std::string column = text(args, "column");
  const SchemaTable* t = schema.table(table);
  if (!t) return unknown("table " + table + " does not exist");
  const std::string new_name = text(args, "new_name");
  if (const char* key = unreadable_alter_field(args))
    return unknown(std::string("a change of '") + key + "' cannot be read back exactly from the live schema");
  const SchemaColumn* old_column = t->column(column);
  const SchemaColumn* new_column = new_name.empty() ? old_column : t->column(new_name);
  if (!new_name.empty() && old_column && new_column)
    return unknown("both " + column + " and " + new_name + " exist on " + table);
  if (!new_column)
    return new_name.empty() || !old_column ? unknown("column " + table + "." + column + " does not exist")
                                           : told(false, "column " + table + "." + column + " is not renamed yet");
  // One statement sets every field it names at once: the column as the operation leaves it means done.
  if (const auto* n = args.get("nullable"); n && n->is_boolean() && n->as_boolean()->get() != new_column->nullable)
    return told(false, "column " + table + "." + new_column->name + " is " + (new_column->nullable ? "nullable" : "NOT NULL"));
  if (args.contains("comment") && text(args, "comment") != new_column->comment)
    return told(false, "column " + table + "." + new_column->name + " has another comment");
  if (new_name.empty() && !args.contains("nullable") && !args.contains("comment"))
    return unknown("the operation changes nothing the live schema shows");
  return told(true, "column " + table + "." + new_column->name + " is as the operation leaves it");
}

OperationEffect table_presence(const SchemaDocument& schema, const std::string& op, const toml::table& args) {
  const std::string table = text(args, "table");
  const bool there = schema.table(table) != nullptr;
  return told(there == (op == "create_table"), "table " + table + (there ? " exists" : " does not exist"));
}

OperationEffect table_rename(const SchemaDocument& schema, const std::string& /*op*/, const toml::table& args) {
  const std::string table = text(args, "table"), to = text(args, "new_name");
  const bool from_there = schema.table(table) != nullptr, to_there = schema.table(to) != nullptr;
  if (from_there == to_there) return unknown("tables " + table + " and " + to + " both " + (from_there ? "exist" : "are missing"));
  return told(to_there, "table " + (to_there ? to : table) + " exists");
}

OperationEffect column_presence(const SchemaDocument& schema, const std::string& op, const toml::table& args) {
  const std::string table = text(args, "table");
  const toml::table* column = args.get_as<toml::table>("column");
  const std::string c = op == "drop_column" ? text(args, "column") : column ? text(*column, "name") : std::string();
  return on_table(schema, table, "column " + table + "." + c, op == "add_column",
                  [&](const SchemaTable& t) { return t.column(c) != nullptr; });
}

OperationEffect index_presence(const SchemaDocument& schema, const std::string& op, const toml::table& args) {
  const std::string table = text(args, "table"), name = text(args, "name");
  const std::string what = op == "create_unique_constraint" ? "unique constraint " : "index ";
  return on_table(schema, table, what + name + " on " + table, op != "drop_index",
                  [&](const SchemaTable& t) { return has_index_or_unique(t, name); });
}

OperationEffect foreign_key_presence(const SchemaDocument& schema, const std::string& /*op*/, const toml::table& args) {
  const std::string table = text(args, "table"), name = text(args, "name");
  return on_table(schema, table, "foreign key " + name + " on " + table, true,
                  [&](const SchemaTable& t) { return has_named(t.foreign_keys, name); });
}

OperationEffect check_presence(const SchemaDocument& schema, const std::string& /*op*/, const toml::table& args) {
  const std::string table = text(args, "table"), name = text(args, "name");
  return on_table(schema, table, "check constraint " + name + " on " + table, true,
                  [&](const SchemaTable& t) { return has_named(t.checks, name); });
}

OperationEffect primary_key_presence(const SchemaDocument& schema, const std::string& /*op*/, const toml::table& args) {
  const std::string table = text(args, "table");
  return on_table(schema, table, "a primary key on " + table, true,
                  [&](const SchemaTable& t) { return !t.key_columns().empty(); });
}

OperationEffect constraint_absence(const SchemaDocument& schema, const std::string& /*op*/, const toml::table& args) {
  const std::string table = text(args, "table"), name = text(args, "name"), type = text(args, "type");
  std::function<bool(const SchemaTable&)> present;
  if (type == "primary") present = [](const SchemaTable& t) { return !t.key_columns().empty(); };
  if (type == "unique") present = [&](const SchemaTable& t) { return has_index_or_unique(t, name); };
  if (type == "foreignkey") present = [&](const SchemaTable& t) { return has_named(t.foreign_keys, name); };
  if (type == "check") present = [&](const SchemaTable& t) { return has_named(t.checks, name); };
  if (!present) return unknown("constraint type '" + type + "' is not known");
  return on_table(schema, table, type + " constraint " + name + " on " + table, false, present);
}

OperationEffect table_comment(const SchemaDocument& schema, const std::string& op, const toml::table& args) {
  const std::string table = text(args, "table");
  const std::string wanted = op == "create_table_comment" ? text(args, "comment") : std::string();
  const SchemaTable* t = schema.table(table);
  if (!t) return unknown("table " + table + " does not exist");
  return told(t->comment == wanted, "the comment of table " + table + (t->comment == wanted ? " is" : " is not") +
                                        " as the operation leaves it");
}

// The operations whose effect shows in the schema, each with how to read it.
using EffectReader = OperationEffect (*)(const SchemaDocument&, const std::string& op, const toml::table& args);
struct ReadableOperation {
  const char* op;
  EffectReader read;
};
const ReadableOperation kReadable[] = {
    {"create_table", table_presence},
    {"drop_table", table_presence},
    {"rename_table", table_rename},
    {"add_column", column_presence},
    {"drop_column", column_presence},
    {"alter_column", alter_column},
    {"create_index", index_presence},
    {"drop_index", index_presence},
    {"create_unique_constraint", index_presence},
    {"create_foreign_key", foreign_key_presence},
    {"create_check_constraint", check_presence},
    {"create_primary_key", primary_key_presence},
    {"drop_constraint", constraint_absence},
    {"create_table_comment", table_comment},
    {"drop_table_comment", table_comment},
};

EffectReader reader_for(const std::string& op) {
  for (const auto& r : kReadable)
    if (op == r.op) return r.read;
  return nullptr;
}

}  // namespace

bool effect_readable(const std::string& op, const toml::table& args) {
  return reader_for(op) != nullptr && !(op == "alter_column" && unreadable_alter_field(args));
}

std::string inspected_schema_fingerprint(Database& db) {
  if (!db.can_inspect()) return "";
  auto text = db.inspect("");
  return text.ok() ? sha256_hex(*text) : std::string();
}

std::string schema_fingerprint(Database& db) {
  const std::string& query = db.fingerprint_query();
  if (query.empty()) return inspected_schema_fingerprint(db);
  auto value = db.query_value(query);
  return value.ok() && *value ? **value : std::string();
}

std::string schema_fingerprint_like(Database& db, const std::string& stored) {
  // The inspector's fingerprints are hex digits; a query's start with their formula's tag and a colon.
  const size_t tag_end = stored.find(':');
  if (tag_end == std::string::npos) return inspected_schema_fingerprint(db);
  if (db.fingerprint_query().empty()) return "";
  std::string now = schema_fingerprint(db);
  return now.compare(0, tag_end + 1, stored, 0, tag_end + 1) == 0 ? now : std::string();
}

OperationEffect operation_effect(Database& db, const std::string& op, const toml::table& args) {
  const EffectReader read = reader_for(op);
  if (!read) return unknown("retort cannot tell from the schema whether a '" + op + "' operation ran");
  if (!db.can_inspect()) return unknown("the " + db.dialect_name() + " dialect cannot read the schema back");
  auto doc = inspect_database(db, text(args, "schema"));
  if (!doc.ok()) return unknown("reading the schema failed: " + doc.error().message());
  return read(*doc, op, args);
}

}  // namespace retort
