#include "runtime/lock_holder.h"

namespace retort {

std::string describe_lock_holder(Database& db, const std::string& schema, const std::string& name) {
  auto statements = db.render_statement(RETORT_STMT_LOCK_HOLDER, {schema, name});
  if (!statements.ok()) return "";
  for (const auto& sql : *statements) {
    auto rows = db.query(sql);
    if (!rows.ok() || rows->empty()) continue;
    std::string text;
    for (const auto& cell : rows->front()) {
      if (!cell || cell->empty()) continue;
      text += (text.empty() ? "" : ", ") + *cell;
    }
    if (!text.empty()) return text;
  }
  return "";
}

}  // namespace retort
