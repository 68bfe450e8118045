#include "runtime/operation_apply.h"

#include "ops/op_resolution.h"
#include "ops/op_validation.h"

namespace retort {

Status apply_operations(Database& db, const std::vector<toml::table>& operations, const OpCatalogue& catalogue,
                        const std::string& what) {
  for (size_t i = 0; i < operations.size(); ++i) {
    const toml::table& op = operations[i];
    const std::string name = op["op"].value_or(std::string());
    const std::string where = what + ", operation " + std::to_string(i + 1) + " (" + name + ")";
    ErrorList errors;
    validate_operation(op, catalogue, where, db.variants(), errors);
    if (!errors.empty()) return errors.combined("operation " + std::to_string(i + 1) + " of " + what + " is not valid:");
    const OpSpec* spec = catalogue.find(name);
    toml::table resolved = resolve_for_dialect(op, *spec, db.variants());
    RETORT_TRY(db.check_operation(*spec, resolved));
    auto statements = db.render_operation(*spec, resolved);
    if (!statements.ok()) return std::move(statements).error().at(where);
    for (const auto& sql : *statements) {
      Status st = db.execute(sql);
      if (!st.ok()) return Error(st.error()).at(where);
    }
  }
  return Status();
}

}  // namespace retort
