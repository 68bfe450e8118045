#include "runtime/version_table.h"

#include "runtime/member_schema.h"

namespace retort {

std::string VersionTable::name() const {
  const DatabaseConfig& c = db_.config();
  return (c.version_table_schema.empty() ? "" : c.version_table_schema + ".") + c.version_table;
}

std::vector<std::string> VersionTable::args(std::initializer_list<std::string> extra) const {
  std::vector<std::string> a = {db_.config().version_table_schema, db_.config().version_table};
  a.insert(a.end(), extra);
  return a;
}

Result<bool> VersionTable::exists() {
  RETORT_ASSIGN_OR_RETURN(auto queries, db_.render_statement(RETORT_STMT_VERSION_TABLE_EXISTS, args({})));
  for (const auto& q : queries) {
    RETORT_ASSIGN_OR_RETURN(auto found, db_.query(q));
    if (found.empty()) return false;
  }
  return true;
}

Result<std::vector<std::string>> VersionTable::rows() {
  RETORT_ASSIGN_OR_RETURN(auto queries, db_.render_statement(RETORT_STMT_VERSION_SELECT, args({})));
  std::vector<std::string> ids;
  for (const auto& q : queries) {
    RETORT_ASSIGN_OR_RETURN(auto rows, db_.query(q));
    for (const auto& r : rows)
      if (!r.empty() && r[0]) ids.push_back(*r[0]);
  }
  return ids;
}

Result<std::vector<std::string>> VersionTable::read() {
  RETORT_ASSIGN_OR_RETURN(bool there, exists());
  if (!there) return std::vector<std::string>{};
  return rows();
}

Result<std::vector<RevIndex>> VersionTable::resolve(const RevisionMap& map, const std::vector<std::string>& ids) const {
  std::vector<RevIndex> rows;
  for (const auto& id : ids) {
    auto idx = map.find(id);
    if (!idx)
      return Error("the version table " + name() + " names revision '" + id + "', which is not in the revision files")
          .hint("check out the revision files that match this database, or fix the rows with `retort stamp --purge`");
    rows.push_back(*idx);
  }
  return rows;
}

Result<std::vector<RevIndex>> VersionTable::read_revisions(const RevisionMap& map) {
  RETORT_ASSIGN_OR_RETURN(auto ids, read());
  return resolve(map, ids);
}

Result<std::vector<std::string>> VersionTable::create_statements() {
  return after_member_schema(db_, db_.render_statement(RETORT_STMT_VERSION_TABLE_CREATE, args({})));
}

Result<std::vector<std::string>> VersionTable::drop_statements() {
  RETORT_ASSIGN_OR_RETURN(auto drop, db_.render_statement(RETORT_STMT_VERSION_TABLE_DROP, args({})));
  if (!drop.empty()) return drop;
  // A dialect built before ABI 1.2 does not know the statement; DROP TABLE is the same everywhere.
  const DatabaseConfig& c = db_.config();
  RETORT_ASSIGN_OR_RETURN(std::string table, db_.quote_identifier(c.version_table));
  if (!c.version_table_schema.empty()) {
    RETORT_ASSIGN_OR_RETURN(std::string schema, db_.quote_identifier(c.version_table_schema));
    table = schema + "." + table;
  }
  return std::vector<std::string>{"DROP TABLE " + table};
}

Result<std::vector<std::string>> VersionTable::change_statements(const std::vector<VersionChange>& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes) {
    Result<std::vector<std::string>> stmts = std::vector<std::string>{};
    switch (c.kind) {
      case VersionChange::Kind::kInsert:
        stmts = db_.render_statement(RETORT_STMT_VERSION_INSERT, args({c.to}));
        break;
      case VersionChange::Kind::kUpdate:
        stmts = db_.render_statement(RETORT_STMT_VERSION_UPDATE, args({c.from, c.to}));
        break;
      case VersionChange::Kind::kDelete:
        stmts = db_.render_statement(RETORT_STMT_VERSION_DELETE, args({c.from}));
        break;
    }
    if (!stmts.ok()) return std::move(stmts).error();
    out.insert(out.end(), stmts->begin(), stmts->end());
  }
  return out;
}

Result<std::vector<std::string>> VersionTable::delete_statements(const std::string& id) {
  return db_.render_statement(RETORT_STMT_VERSION_DELETE, args({id}));
}

}  // namespace retort
