// The postgresql dialect's schema fingerprint (RETORT_STMT_SCHEMA_FINGERPRINT): one catalog query whose value
// changes with the schema's structure, so that retort can keep it in a progress record at no round trip of
// its own (a revision with `transaction = false`).
#pragma once

#include <string>

namespace retort::postgresql {

// The query for the schema `schema_expr` names (catalog::schema_expression). Like the inspector's queries,
// its text holds no '?', '{' or comment, which an ODBC driver may take for its own syntax.
std::string schema_fingerprint_query(const std::string& schema_expr);

}  // namespace retort::postgresql
