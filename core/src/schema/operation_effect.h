// Whether an operation's effect is already in a live database, read with the dialect's inspector. A run
// killed while a schema change ran cannot know whether the server finished it; a rerun asks this before
// running that change again (DESIGN.md §6).
#pragma once

#include "runtime/database.h"

#include <toml++/toml.h>

#include <string>

namespace retort {

struct OperationEffect {
  enum class State { kApplied, kNotApplied, kUnknown };
  State state = State::kUnknown;
  std::string evidence;  // what was seen ("index ix_a on account exists"), or why it cannot be told
};

// `op` with its arguments resolved for the dialect. Told only for operations whose effect shows in the
// schema as a whole (create/drop/rename of tables, columns, indexes and constraints, comments, a
// renaming alter_column); an `execute` or a change of type or default is kUnknown.
OperationEffect operation_effect(Database& db, const std::string& op, const toml::table& args);

// Whether operation_effect() can tell for `op` (it may still find the schema in a state it cannot read).
bool effect_readable(const std::string& op, const toml::table& args);

// A fingerprint of the live schema of the connection's own schema: two are equal when nothing in the
// schema changed between them. Empty when the dialect cannot read its schema.
std::string schema_fingerprint(Database& db);

}  // namespace retort
