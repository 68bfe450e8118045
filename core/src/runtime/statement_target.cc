#include "runtime/statement_target.h"

#include <ostream>

namespace retort {

Status StatementTarget::statements(const Result<std::vector<std::string>>& rendered) {
  if (!rendered.ok()) return rendered.error();
  for (const auto& sql : *rendered) RETORT_TRY(statement(sql));
  return Status();
}

Status OnlineTarget::statement(const std::string& sql) {
  if (echo_) *echo_ << sql << ";\n";
  return db_.execute(sql);
}

Status OnlineTarget::begin() {
  RETORT_TRY(db_.begin());
  open_ = true;
  return Status();
}

Status OnlineTarget::commit() {
  open_ = false;
  return db_.commit();
}

void OnlineTarget::rollback() {
  if (open_) (void)db_.rollback();
  open_ = false;
}

Status OnlineTarget::atomically(const std::vector<std::string>& statements, const std::vector<std::string>& bookkeeping) {
  if (echo_)
    for (const auto& sql : statements) *echo_ << sql << ";\n";
  std::vector<std::string> unit = statements;
  unit.insert(unit.end(), bookkeeping.begin(), bookkeeping.end());
  return db_.execute_atomically(unit);
}

Status ScriptTarget::statement(const std::string& sql) {
  out_ << sql << ";\n\n";
  return Status();
}

Status ScriptTarget::atomically(const std::vector<std::string>& statements, const std::vector<std::string>& /*bookkeeping*/) {
  RETORT_TRY(begin());
  for (const auto& sql : statements) RETORT_TRY(statement(sql));
  return commit();
}

void ScriptTarget::comment(const std::string& text) { out_ << "-- " << text << "\n\n"; }

Status ScriptTarget::begin() {
  open_ = true;
  return emit(RETORT_STMT_BEGIN);
}

Status ScriptTarget::commit() {
  open_ = false;
  return emit(RETORT_STMT_COMMIT);
}

Status ScriptTarget::emit(retort_statement_kind kind) {
  if (!db_.transactional_ddl()) return Status();
  RETORT_ASSIGN_OR_RETURN(auto stmts, db_.render_statement(kind, {}));
  for (const auto& s : stmts) RETORT_TRY(statement(s));
  return Status();
}

}  // namespace retort
