// The mysql dialect's schema fingerprint (RETORT_STMT_SCHEMA_FINGERPRINT): one query over information_schema
// whose value changes with the schema's structure, so that retort can keep it in a progress record at no
// round trip of its own.
#pragma once

#include <string>

namespace retort::mysql {

// The query for the database `schema_sql` names (an SQL expression: a quoted name, or DATABASE()).
std::string schema_fingerprint_query(const std::string& schema_sql);

}  // namespace retort::mysql
