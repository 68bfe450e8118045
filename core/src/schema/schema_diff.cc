#include "schema/schema_diff.h"

#include "schema/schema_operations.h"
#include "schema/sql_text.h"
#include "util/strings.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace retort {
namespace {

// Signatures hold SQL text by its comparison key (sql_text.h): two spellings of one expression match.
std::string index_signature(const SchemaIndex& i) {
  std::string s = i.unique ? "unique " : "";
  for (const auto& e : i.elements)
    s += (e.expression.empty() ? "c:" + e.column : "e:" + sql_comparison_key(e.expression)) + ",";
  return s + " where " + sql_comparison_key(i.where);
}
std::string unique_signature(const SchemaUnique& u) { return join(u.columns, ","); }
std::string foreign_key_signature(const SchemaForeignKey& f) {
  return join(f.columns, ",") + "->" + f.ref_schema + "." + f.ref_table + "(" + join(f.ref_columns, ",") + ") " +
         f.ondelete + "/" + f.onupdate;
}
std::string check_signature(const SchemaCheck& c) { return sql_comparison_key(c.sql); }

// How the objects of one kind on one table correspond: declared names match by name, objects declared
// without one by signature (whatever the database called them).
template <class T>
struct Pairing {
  std::vector<std::pair<const T*, const T*>> changed;  // same name, another definition
  std::vector<const T*> added;                          // in the target only
  std::vector<const T*> removed;                        // in the current schema only
};

template <class T>
Pairing<T> pair_up(const std::vector<T>& target, const std::vector<T>& current, const std::set<std::string>& declared_names,
                   const std::function<std::string(const T&)>& signature) {
  Pairing<T> out;
  std::vector<bool> used(current.size(), false);
  for (const T& t : target) {
    const bool by_name = !t.name.empty() && declared_names.count(t.name);
    size_t found = current.size();
    for (size_t i = 0; i < current.size() && found == current.size(); ++i)
      if (!used[i] && (by_name ? current[i].name == t.name : signature(current[i]) == signature(t))) found = i;
    if (found == current.size()) {
      out.added.push_back(&t);
      continue;
    }
    used[found] = true;
    if (signature(current[found]) != signature(t)) out.changed.emplace_back(&t, &current[found]);
  }
  for (size_t i = 0; i < current.size(); ++i)
    if (!used[i]) out.removed.push_back(&current[i]);
  return out;
}

template <class T>
std::set<std::string> names_of(const std::vector<T>* declared) {
  std::set<std::string> out;
  if (declared)
    for (const T& d : *declared)
      if (!d.name.empty()) out.insert(d.name);
  return out;
}

toml::table default_node(const std::optional<std::string>& sql) { return toml::table{{"sql", sql.value_or("")}}; }

// `tables` in passes: each pass places, in their given order, the tables `ready` says may come next
// (given the names placed so far); when a pass places none (a cycle), the first remaining table goes.
template <class Ready>
std::vector<const SchemaTable*> dependency_order(const std::vector<const SchemaTable*>& tables, const Ready& ready) {
  std::vector<const SchemaTable*> order;
  std::set<std::string> placed;
  auto place = [&](const SchemaTable* t) {
    order.push_back(t);
    placed.insert(t->name);
  };
  while (order.size() < tables.size()) {
    bool progress = false;
    for (const auto* t : tables)
      if (!placed.count(t->name) && ready(*t, placed)) {
        place(t);
        progress = true;
      }
    if (!progress)
      for (const auto* t : tables)
        if (!placed.count(t->name)) {
          place(t);
          break;
        }
  }
  return order;
}

// The order operations run in: whatever is in the way goes first, whatever depends on others last.
enum Phase {
  kDropForeignKeys,
  kDropIndexesAndConstraints,
  kRenameTables,
  kDropColumns,
  kDropTables,
  kCreateTables,
  kAddColumns,
  kAlterColumns,
  kCreateIndexesAndConstraints,
  // An index that goes without a successor of its name goes after the new ones exist: MySQL refuses to
  // drop the index a foreign key uses until another can serve it.
  kDropRemovedIndexes,
  kCreateForeignKeys,
  kPhaseCount
};

class Differ {
 public:
  Differ(const SchemaDocument& target, const SchemaDocument& current, const SchemaDocument& declared,
         const DiffOptions& options)
      : target_(target), current_(current), declared_(declared), options_(options) {}

  SchemaDiff run() {
    std::set<std::string> kept;  // current tables that stay (compared or renamed)
    std::vector<const SchemaTable*> created;
    for (const SchemaTable& t : target_.tables) {
      const SchemaTable* decl = declared_.table(t.name);
      const SchemaTable* cur = current_.table(t.name);
      if (!cur && decl && !decl->renamed_from.empty() && !target_.table(decl->renamed_from)) {
        cur = current_.table(decl->renamed_from);
        if (cur) {
          toml::table op{{"op", "rename_table"}, {"table", cur->name}, {"new_name", t.name}};
          add(kRenameTables, std::move(op), "rename table " + cur->name + " to " + t.name);
        }
      }
      if (!cur) {
        created.push_back(&t);
        continue;
      }
      kept.insert(cur->name);
      compare_tables(t, *cur, decl);
    }
    create_tables(created);
    std::vector<const SchemaTable*> dropped;
    for (const SchemaTable& c : current_.tables)
      if (!kept.count(c.name)) dropped.push_back(&c);
    drop_tables(dropped);

    SchemaDiff diff;
    for (auto& phase : phases_)
      for (auto& change : phase) diff.changes.push_back(std::move(change));
    diff.withheld = std::move(withheld_);
    diff.problems = std::move(problems_);
    diff.inexpressible = std::move(inexpressible_);
    return diff;
  }

 private:
  void add(Phase phase, toml::table op, std::string summary, std::vector<toml::table> undo = {}) {
    phases_[phase].push_back({std::move(op), std::move(undo), std::move(summary)});
  }

  // New tables in an order where each comes after the tables its foreign keys reference; a reference to
  // a table not created yet (a cycle) becomes a foreign key of its own, created after every table.
  void create_tables(const std::vector<const SchemaTable*>& tables) {
    std::set<std::string> pending;
    for (const auto* t : tables) pending.insert(t->name);
    auto order = dependency_order(tables, [&](const SchemaTable& t, const std::set<std::string>& placed) {
      return std::all_of(t.foreign_keys.begin(), t.foreign_keys.end(), [&](const SchemaForeignKey& fk) {
        return fk.ref_table == t.name || !pending.count(fk.ref_table) || placed.count(fk.ref_table);
      });
    });
    std::set<std::string> done;
    for (const auto* t : order) {
      const SchemaTable& decl = declared_or(*t);
      SchemaTable inline_fks = decl;
      inline_fks.foreign_keys.clear();
      std::vector<const SchemaForeignKey*> later;
      for (const auto& fk : decl.foreign_keys) {
        if (fk.ref_table == t->name || !pending.count(fk.ref_table) || done.count(fk.ref_table))
          inline_fks.foreign_keys.push_back(fk);
        else
          later.push_back(&fk);
      }
      add(kCreateTables, create_table_op(inline_fks, true), "add table " + t->name);
      for (const auto& index : decl.indexes)
        add(kCreateIndexesAndConstraints, create_index_op(decl, index), "add index " + index_label(decl, index));
      for (const auto* fk : later)
        add(kCreateForeignKeys, create_foreign_key_op(decl, *fk), "add foreign key " + fk_label(decl, *fk));
      done.insert(t->name);
    }
  }

  // Tables that go, each re-created by its downgrade with its indexes and foreign keys; a table that
  // references another one being dropped goes first, so the downgrade re-creates it last.
  void drop_tables(const std::vector<const SchemaTable*>& tables) {
    // Ready when no other table still to be placed references it.
    auto order = dependency_order(tables, [&](const SchemaTable& t, const std::set<std::string>& placed) {
      return std::none_of(tables.begin(), tables.end(), [&](const SchemaTable* other) {
        return other != &t && !placed.count(other->name) &&
               std::any_of(other->foreign_keys.begin(), other->foreign_keys.end(),
                           [&](const SchemaForeignKey& fk) { return fk.ref_table == t.name; });
      });
    });
    for (const auto* t : order) {
      if (!options_.allow_destructive) {
        withheld_.push_back("drop table " + t->name);
        continue;
      }
      std::vector<toml::table> undo = {create_table_op(*t, true)};
      for (const auto& index : t->indexes) undo.push_back(create_index_op(*t, index));
      add(kDropTables, drop_table_op(*t), "drop table " + t->name, std::move(undo));
    }
  }

  const SchemaTable& declared_or(const SchemaTable& inspected) const {
    const SchemaTable* d = declared_.table(inspected.name);
    return d ? *d : inspected;
  }

  static std::string index_label(const SchemaTable& t, const SchemaIndex& i) {
    return (i.name.empty() ? default_index_name(t, i) : i.name) + " on " + t.name;
  }
  static std::string fk_label(const SchemaTable& t, const SchemaForeignKey& fk) {
    return t.name + " (" + join(fk.columns, ", ") + ") -> " + fk.ref_table + " (" + join(fk.ref_columns, ", ") + ")";
  }

  void compare_tables(const SchemaTable& target, const SchemaTable& current, const SchemaTable* decl) {
    compare_columns(target, current, decl);
    if (target.key_columns() != current.key_columns())
      inexpressible_.push_back("the primary key of table " + target.name + " is (" + join(target.key_columns(), ", ") +
                               ") in the schema files and (" + join(current.key_columns(), ", ") +
                               ") in the database: write that change by hand (drop_constraint type = \"primary\", "
                               "create_primary_key)");
    if (target.comment != current.comment) {
      toml::table op;
      if (target.comment.empty()) {
        op = toml::table{{"op", "drop_table_comment"}, {"table", target.name}};
      } else {
        op = toml::table{{"op", "create_table_comment"}, {"table", target.name}, {"comment", target.comment}};
      }
      if (!current.comment.empty()) op.insert("existing_comment", current.comment);
      add(kAlterColumns, std::move(op), "change the comment of table " + target.name);
    }
    const SchemaTable& spelled = decl ? *decl : target;
    compare_constraints<SchemaUnique>(
        target.unique, current.unique, decl ? &decl->unique : nullptr, target, current,
        {"unique constraint", "unique", kDropIndexesAndConstraints, unique_signature,
         [](const SchemaUnique& u) { return "(" + join(u.columns, ", ") + ")"; },
         [&](const SchemaUnique& u) { return create_unique_op(spelled, declared_unique(decl, u)); },
         [&](const SchemaUnique& u) { return create_unique_op(current, u); }});
    compare_constraints<SchemaCheck>(
        target.checks, current.checks, decl ? &decl->checks : nullptr, target, current,
        {"check constraint", "check", kDropIndexesAndConstraints, check_signature,
         [](const SchemaCheck& c) { return "(" + c.sql + ")"; },
         [&](const SchemaCheck& c) { return create_check_op(spelled, c); },
         [&](const SchemaCheck& c) { return create_check_op(current, c); }});
    compare_constraints<SchemaForeignKey>(
        target.foreign_keys, current.foreign_keys, decl ? &decl->foreign_keys : nullptr, target, current,
        {"foreign key", "foreignkey", kDropForeignKeys, foreign_key_signature,
         [](const SchemaForeignKey& f) { return "(" + join(f.columns, ", ") + ") -> " + f.ref_table; },
         [&](const SchemaForeignKey& f) { return create_foreign_key_op(spelled, f); },
         [&](const SchemaForeignKey& f) { return create_foreign_key_op(current, f); }});
    compare_indexes(target, current, decl);
  }

  // A declared unique constraint without a name: the inspected one found by signature carries the name
  // the database gave it, which a new constraint must not reuse on another database.
  static SchemaUnique declared_unique(const SchemaTable* decl, const SchemaUnique& inspected) {
    if (decl)
      for (const auto& u : decl->unique)
        if (u.columns == inspected.columns) return u;
    return inspected;
  }

  // How one kind of constraint is matched, described, created and dropped.
  template <class T>
  struct ConstraintKind {
    const char* label;      // "unique constraint", in messages
    const char* drop_type;  // drop_constraint's type
    Phase drop_phase;
    std::function<std::string(const T&)> signature;     // what matches an unnamed one
    std::function<std::string(const T&)> describe;      // "(a, b)"
    std::function<toml::table(const T&)> create;        // in the declared spelling
    std::function<toml::table(const T&)> recreate;      // as the database has it, for a downgrade
  };

  template <class T>
  void compare_constraints(const std::vector<T>& target, const std::vector<T>& current, const std::vector<T>* declared,
                           const SchemaTable& target_table, const SchemaTable& current_table, const ConstraintKind<T>& kind) {
    Pairing<T> p = pair_up<T>(target, current, names_of(declared), kind.signature);
    const Phase create_phase = kind.drop_phase == kDropForeignKeys ? kCreateForeignKeys : kCreateIndexesAndConstraints;
    const std::string label = kind.label;
    auto named = [&](const T& c) { return (c.name.empty() ? "" : c.name + " ") + kind.describe(c); };
    auto drop = [&](const T& c) {
      if (c.name.empty()) {
        inexpressible_.push_back("the " + label + " " + kind.describe(c) + " on table " + current_table.name +
                                 " has no name in the database, so no operation can drop it: rebuild the table by hand");
        return false;
      }
      add(kind.drop_phase, drop_constraint_op(current_table, c.name, kind.drop_type),
          "drop " + label + " " + c.name + " on " + current_table.name, {kind.recreate(c)});
      return true;
    };
    for (const auto& [t, c] : p.changed)
      if (drop(*c)) add(create_phase, kind.create(*t), "change " + label + " " + named(*t) + " on " + target_table.name);
    for (const T* c : p.removed) drop(*c);
    for (const T* t : p.added)
      add(create_phase, kind.create(*t), "add " + label + " " + named(*t) + " on " + target_table.name);
  }

  void compare_indexes(const SchemaTable& target, const SchemaTable& current, const SchemaTable* decl) {
    Pairing<SchemaIndex> p =
        pair_up<SchemaIndex>(target.indexes, current.indexes, names_of(decl ? &decl->indexes : nullptr), index_signature);
    auto spelled = [&](const SchemaIndex& inspected) -> const SchemaIndex& {
      if (decl)
        for (const auto& d : decl->indexes)
          if ((!d.name.empty() && d.name == inspected.name) || (d.name.empty() && index_signature(d) == index_signature(inspected)))
            return d;
      return inspected;
    };
    const SchemaTable& table = decl ? *decl : target;
    auto drop = [&](const SchemaIndex& c, Phase phase) {
      add(phase, drop_index_op(current, c), "drop index " + c.name + " on " + current.name, {create_index_op(current, c)});
    };
    for (const auto& [t, c] : p.changed) {
      drop(*c, kDropIndexesAndConstraints);
      add(kCreateIndexesAndConstraints, create_index_op(table, spelled(*t)), "change index " + index_label(table, *t));
    }
    for (const SchemaIndex* c : p.removed) {
      // On a column that goes too, the index must go first (PostgreSQL would drop it with the column).
      bool on_dropped_column = std::any_of(c->elements.begin(), c->elements.end(), [&](const SchemaIndexElement& e) {
        return dropped_columns_.count(current.name + "." + e.column) > 0;
      });
      drop(*c, on_dropped_column ? kDropIndexesAndConstraints : kDropRemovedIndexes);
      if (options_.foreign_keys_hold_indexes) release_foreign_keys(target, current, table, *c, p);
    }
    for (const SchemaIndex* t : p.added)
      add(kCreateIndexesAndConstraints, create_index_op(table, spelled(*t)), "add index " + index_label(table, spelled(*t)));
  }

  // Whether `index` can serve the foreign key: the key's columns lead it.
  static bool serves(const SchemaIndex& index, const SchemaForeignKey& fk) {
    if (index.elements.size() < fk.columns.size()) return false;
    for (size_t i = 0; i < fk.columns.size(); ++i)
      if (index.elements[i].column != fk.columns[i]) return false;
    return true;
  }

  // On a dialect that will not drop the index a foreign key uses, the keys that stay and that only the
  // dropped `index` serves are dropped before it and created again after (the dialect then makes the
  // key its own index).
  void release_foreign_keys(const SchemaTable& target, const SchemaTable& current, const SchemaTable& spelled,
                            const SchemaIndex& index, const Pairing<SchemaIndex>& indexes) {
    for (const SchemaForeignKey& fk : current.foreign_keys) {
      const SchemaForeignKey* kept = nullptr;
      for (const auto& t : target.foreign_keys)
        if (t.name == fk.name && foreign_key_signature(t) == foreign_key_signature(fk)) kept = &t;
      if (!kept || fk.name.empty() || !serves(index, fk)) continue;
      const bool served_otherwise = std::any_of(current.indexes.begin(), current.indexes.end(), [&](const SchemaIndex& other) {
        const bool going = std::find(indexes.removed.begin(), indexes.removed.end(), &other) != indexes.removed.end() ||
                           std::any_of(indexes.changed.begin(), indexes.changed.end(),
                                       [&](const auto& change) { return change.second == &other; });
        return &other != &index && !going && serves(other, fk);
      });
      if (served_otherwise) continue;
      add(kDropForeignKeys, drop_constraint_op(current, fk.name, "foreignkey"),
          "drop foreign key " + fk.name + " on " + current.name + " while index " + index.name + " goes",
          {create_foreign_key_op(current, fk)});
      add(kCreateForeignKeys, create_foreign_key_op(spelled, *kept), "add foreign key " + fk.name + " on " + target.name + " again");
    }
  }

  void compare_columns(const SchemaTable& target, const SchemaTable& current, const SchemaTable* decl) {
    std::set<std::string> matched;
    std::vector<const SchemaColumn*> added;
    for (const SchemaColumn& tc : target.columns) {
      const SchemaColumn* dc = decl ? decl->column(tc.name) : nullptr;
      const SchemaColumn* cc = current.column(tc.name);
      bool renamed = false;
      if (!cc && dc && !dc->renamed_from.empty() && !target.column(dc->renamed_from)) {
        cc = current.column(dc->renamed_from);
        renamed = cc != nullptr;
      }
      if (!cc) {
        added.push_back(&tc);
        continue;
      }
      matched.insert(cc->name);
      compare_column(target, tc, *cc, dc, renamed);
    }
    std::vector<const SchemaColumn*> removed;
    for (const SchemaColumn& cc : current.columns)
      if (!matched.count(cc.name)) removed.push_back(&cc);

    for (const SchemaColumn* r : removed)
      for (const SchemaColumn* a : added)
        if (r->type == a->type)
          problems_.push_back(
              Error("column " + current.name + "." + r->name + " would be dropped and " + target.name + "." + a->name +
                    " added, and they look alike (both " + a->type + ")")
                  .hint("if " + a->name + " is " + r->name + " renamed, write renamed_from = \"" + r->name +
                        "\" on column " + a->name + "; if " + r->name +
                        " really goes, remove it in a revision of its own before adding " + a->name));
    for (const SchemaColumn* a : added) {
      const SchemaColumn* dc = decl ? decl->column(a->name) : nullptr;
      if (!a->nullable && !a->default_sql && !a->autoincrement) {
        problems_.push_back(
            Error("column " + target.name + "." + a->name + " is NOT NULL without a server_default, and table " +
                  target.name + " may already hold rows")
                .hint("give it a server_default, or add it nullable, fill it, and make it NOT NULL (nullable = false) "
                      "in the next revision"));
        continue;
      }
      toml::table op{{"op", "add_column"}, {"table", target.name}, {"column", column_spec(dc ? *dc : *a)}};
      add(kAddColumns, std::move(op), "add column " + target.name + "." + a->name);
    }
    for (const SchemaColumn* r : removed) {
      if (!options_.allow_destructive) {
        withheld_.push_back("drop column " + current.name + "." + r->name);
        continue;
      }
      dropped_columns_.insert(current.name + "." + r->name);
      toml::table op{{"op", "drop_column"}, {"table", target.name}, {"column", r->name}};
      toml::table undo{{"op", "add_column"}, {"table", target.name}, {"column", column_spec(*r)}};
      add(kDropColumns, std::move(op), "drop column " + target.name + "." + r->name, {std::move(undo)});
    }
  }

  void compare_column(const SchemaTable& target, const SchemaColumn& tc, const SchemaColumn& cc, const SchemaColumn* dc,
                      bool renamed) {
    if (tc.autoincrement != cc.autoincrement)
      inexpressible_.push_back("column " + target.name + "." + tc.name + " is " + (tc.autoincrement ? "" : "not ") +
                               "autoincrement in the schema files but " + (cc.autoincrement ? "is" : "is not") +
                               " in the database: write that change by hand");
    toml::table op{{"op", "alter_column"}, {"table", target.name}, {"column", cc.name}};
    std::vector<std::string> what;
    if (renamed) {
      op.insert("new_name", tc.name);
      what.push_back("renamed from " + cc.name);
    }
    const toml::table* spec = dc && !dc->spec.empty() ? &dc->spec : nullptr;
    if (tc.type != cc.type) {
      if (spec && spec->get("type")) op.insert("type", *spec->get("type"));
      else op.insert("type", tc.type);
      what.push_back("type " + cc.type + " -> " + tc.type);
    }
    if (tc.nullable != cc.nullable) {
      op.insert("nullable", tc.nullable);
      what.emplace_back(tc.nullable ? "nullable" : "not null");
    }
    if (!same_default(tc.default_sql, cc.default_sql)) {
      if (tc.default_sql && spec && spec->get("server_default")) op.insert("server_default", *spec->get("server_default"));
      else op.insert("server_default", default_node(tc.default_sql));
      what.push_back(tc.default_sql ? "default " + *tc.default_sql : "no default");
    }
    if (tc.comment != cc.comment) {
      op.insert("comment", tc.comment);
      what.emplace_back(tc.comment.empty() ? "no comment" : "comment");
    }
    if (what.empty()) return;
    // The definition before the change, so the downgrade can restore it.
    toml::table existing{{"type", cc.type}, {"nullable", cc.nullable}};
    existing.insert("server_default", default_node(cc.default_sql));
    existing.insert("comment", cc.comment);
    op.insert("existing", std::move(existing));
    add(kAlterColumns, std::move(op), "change column " + target.name + "." + tc.name + ": " + join(what, ", "));
  }

  const SchemaDocument& target_;
  const SchemaDocument& current_;
  const SchemaDocument& declared_;
  DiffOptions options_;
  std::vector<SchemaChange> phases_[kPhaseCount];
  std::vector<std::string> withheld_;
  std::set<std::string> dropped_columns_;  // "table.column"
  std::vector<Error> problems_;
  std::vector<std::string> inexpressible_;
};

}  // namespace

std::vector<std::string> SchemaDiff::lines() const {
  std::vector<std::string> out;
  for (const auto& c : changes) out.push_back(c.summary);
  for (const auto& w : withheld) out.push_back(w + " (written only with --allow-destructive)");
  for (const auto& p : problems) out.push_back(p.message());
  for (const auto& i : inexpressible) out.push_back(i);
  return out;
}

SchemaDiff diff_schemas(const SchemaDocument& target, const SchemaDocument& current, const SchemaDocument& declared,
                        const DiffOptions& options) {
  return Differ(target, current, declared, options).run();
}

void resolve_declared_names(SchemaDocument& declared) {
  const SchemaNaming& n = declared.naming;
  for (SchemaTable& t : declared.tables) {
    for (SchemaIndex& i : t.indexes)
      if (i.name.empty() && !n.index.empty()) {
        std::vector<std::string> columns;
        for (const auto& e : i.elements) columns.push_back(e.column.empty() ? "expr" : e.column);
        i.name = expand_naming(n.index, t.name, columns, "", "");
      }
    for (SchemaUnique& u : t.unique)
      if (u.name.empty() && !n.unique.empty()) u.name = expand_naming(n.unique, t.name, u.columns, "", "");
    for (SchemaForeignKey& f : t.foreign_keys)
      if (f.name.empty() && !n.foreign_key.empty()) f.name = expand_naming(n.foreign_key, t.name, f.columns, f.ref_table, "");
    for (size_t k = 0; k < t.checks.size(); ++k) {
      SchemaCheck& c = t.checks[k];
      if (!n.check.empty()) c.name = expand_naming(n.check, t.name, {}, "", c.name.empty() ? std::to_string(k + 1) : c.name);
    }
  }
}

std::vector<toml::table> creation_operations(const SchemaDocument& declared) {
  SchemaDocument empty;
  SchemaDiff diff = diff_schemas(declared, empty, declared, DiffOptions{});
  std::vector<toml::table> ops;
  for (auto& c : diff.changes) ops.push_back(std::move(c.op));
  return ops;
}

}  // namespace retort
