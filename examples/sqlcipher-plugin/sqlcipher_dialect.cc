#include "sqlcipher_dialect.hpp"

namespace sqlcipher {

void SqlcipherDialect::check_operation(const std::string& op, const retort::sdk::Value& args) const {
  // SQLite changes these only by rebuilding the table (retort's own sqlite dialect does that); SQLCipher
  // 3.4 is SQLite 3.15, which cannot even rename or drop a column in place. Refusing here rejects the
  // revision before any database is touched, with the reason.
  const bool needs_rebuild = op == "drop_column" || op == "alter_column" || op == "create_primary_key" ||
                             op == "create_unique_constraint" || op == "create_foreign_key" ||
                             op == "create_check_constraint" || op == "drop_constraint";
  if (needs_rebuild)
    throw retort::sdk::Failure(op + " on table " + args.get_string("table") +
                               ": SQLCipher's ALTER TABLE cannot do this, and this dialect does not rebuild tables; "
                               "write the rebuild (CREATE the new table, INSERT ... SELECT, DROP, ALTER TABLE ... "
                               "RENAME TO) as execute operations");
}

}  // namespace sqlcipher
