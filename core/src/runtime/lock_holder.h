// Who holds a session lock, as far as the server says (the dialect's RETORT_STMT_LOCK_HOLDER query, ABI 1.2):
// named in the line retort prints while it waits for the migration lock and in the error when it gives up.
#pragma once

#include "runtime/database.h"

#include <string>

namespace retort {

// "pid 4242, application 'retort', client 10.0.0.7, ...", or "" when the dialect or the server cannot say
// (no statement, no row, or the query failed: a description is never worth failing a run for).
std::string describe_lock_holder(Database& db, const std::string& schema, const std::string& name);

}  // namespace retort
