#include "ops/revision_ops.h"

#include "ops/op_resolution.h"
#include "ops/op_validation.h"
#include "util/strings.h"
#include "util/toml_file.h"

#include <algorithm>

namespace retort {
namespace {

Status collect(const RevisionFile& file, const std::string& section, const OpCatalogue& catalogue,
               std::vector<PlannedOp>& out) {
  const toml::array* ops = file.section(section);
  if (!ops) return Status();
  for (const auto& node : *ops) {
    const toml::table& t = *node.as_table();
    PlannedOp op;
    op.name = t.get("op")->as_string()->get();
    op.spec = catalogue.find(op.name);
    op.location = location_of(node, file.path);
    if (!op.spec) return Error("unknown operation '" + op.name + "'").at(op.location);
    op.args = t;
    out.push_back(std::move(op));
  }
  return Status();
}

Status inverses(const RevisionFile& file, const std::vector<PlannedOp>& upgrade_ops, const OpCatalogue& catalogue,
                std::vector<PlannedOp>& out) {
  for (auto it = upgrade_ops.rbegin(); it != upgrade_ops.rend(); ++it) {
    auto inv = inverse_operation(it->args, *it->spec, catalogue);
    if (!inv)
      return Error("revision " + file.header.id + " has no [[downgrade]] and its operation '" + it->name +
                   "' cannot be undone automatically")
          .at(it->location)
          .hint("add a [[downgrade]] section to " + file.path + " that undoes it");
    PlannedOp op;
    op.name = inv->get("op")->as_string()->get();
    op.args = std::move(*inv);
    op.location = it->location;
    op.derived = true;
    out.push_back(std::move(op));
  }
  return Status();
}

std::string string_arg(const PlannedOp& op, const char* key) {
  const toml::node* n = op.args.get(key);
  return n && n->is_string() ? n->as_string()->get() : std::string();
}

// Leaves out automatic inverses made moot by an automatic drop_table of the same table after them: a
// revision that creates a table and indexes or constrains it is undone by dropping the table. Dropping
// the index first is not only wasted work, MySQL refuses it when a foreign key needs the index. A table
// that is renamed within the step is left alone, since its name is not the same throughout.
void drop_subsumed_inverses(std::vector<PlannedOp>& ops) {
  auto same_table = [](const PlannedOp& a, const PlannedOp& b) {
    return string_arg(a, "table") == string_arg(b, "table") && string_arg(a, "schema") == string_arg(b, "schema");
  };
  auto renamed = [&](const PlannedOp& drop) {
    return std::any_of(ops.begin(), ops.end(), [&](const PlannedOp& op) {
      return op.name == "rename_table" &&
             (same_table(op, drop) || (string_arg(op, "new_name") == string_arg(drop, "table") &&
                                       string_arg(op, "schema") == string_arg(drop, "schema")));
    });
  };
  std::vector<PlannedOp> kept;
  for (size_t i = 0; i < ops.size(); ++i) {
    const PlannedOp& op = ops[i];
    bool moot = false;
    if (op.derived && op.name != "drop_table" && !string_arg(op, "table").empty()) {
      for (size_t j = i + 1; j < ops.size() && !moot; ++j)
        moot = ops[j].derived && ops[j].name == "drop_table" && same_table(op, ops[j]) && !renamed(ops[j]);
    }
    if (!moot) kept.push_back(op);
  }
  ops = std::move(kept);
}

}  // namespace

Result<std::vector<PlannedOp>> operations_for_step(const RevisionFile& file, bool upgrade, const std::string& engine,
                                                   const OpCatalogue& catalogue) {
  std::vector<PlannedOp> out;
  const std::string engine_up = "upgrade_" + engine, engine_down = "downgrade_" + engine;
  if (upgrade) {
    RETORT_TRY(collect(file, "upgrade", catalogue, out));
    if (!engine.empty()) RETORT_TRY(collect(file, engine_up, catalogue, out));
    return out;
  }
  // Undo in reverse: the engine's own operations ran last, so they are undone first.
  for (const auto& [down, up] : {std::pair{engine_down, engine_up}, std::pair{std::string("downgrade"), std::string("upgrade")}}) {
    if (engine.empty() && down == engine_down) continue;
    if (file.section(down)) {
      RETORT_TRY(collect(file, down, catalogue, out));
    } else {
      std::vector<PlannedOp> ups;
      RETORT_TRY(collect(file, up, catalogue, ups));
      RETORT_TRY(inverses(file, ups, catalogue, out));
    }
  }
  drop_subsumed_inverses(out);
  for (auto& op : out)
    if (!op.spec) op.spec = catalogue.find(op.name);
  return out;
}

void validate_revision_operations(const RevisionFile& file, const OpCatalogue& catalogue, const DialectVariants& dialect,
                                  ErrorList& errors) {
  for (const auto& [key, node] : *file.doc) {
    if (!is_operation_section(std::string(key.str()))) continue;
    for (const auto& op : *node.as_array()) validate_operation(*op.as_table(), catalogue, file.path, dialect, errors);
  }
}

void check_section_names(const RevisionFile& file, const std::vector<std::string>& database_names, ErrorList& errors) {
  if (database_names.empty()) return;
  for (const auto& [key, node] : *file.doc) {
    std::string k(key.str());
    if (!is_operation_section(k) || k == "upgrade" || k == "downgrade") continue;
    std::string name = k.substr(k.find('_') + 1);
    if (std::find(database_names.begin(), database_names.end(), name) != database_names.end()) continue;
    std::string near = closest_match(name, database_names);
    errors.add(error_at(node, file.path, "[[" + k + "]] names no configured database '" + name + "'")
                   .hint((near.empty() ? std::string() : "did you mean [[" + k.substr(0, k.find('_') + 1) + near + "]]? ") +
                         "configured databases: " + join(database_names, ", ")));
  }
}

void check_revision_file(const RevisionFile& file, const OpCatalogue& catalogue,
                         const std::vector<std::string>& database_names, ErrorList& errors) {
  validate_revision_operations(file, catalogue, DialectVariants{}, errors);
  check_section_names(file, database_names, errors);
}

}  // namespace retort
