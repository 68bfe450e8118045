// Whether a statement changes data or the schema, as far as committing it goes: a data change (DML) can be
// committed together with the run's progress record, so it runs exactly once; a schema change (DDL) may
// commit on its own (MySQL) or refuse a transaction block (CREATE INDEX CONCURRENTLY), so its progress can
// only be recorded after it.
#pragma once

#include <string_view>

namespace retort {

enum class StatementKind { kDataChange, kSchemaChange };

// By the statement's first keyword, after comments and opening parentheses. What is not known to be a
// data change counts as a schema change: that side is the one that never assumes exactly-once.
StatementKind classify_statement(std::string_view sql);

}  // namespace retort
