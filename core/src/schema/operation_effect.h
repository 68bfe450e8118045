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
// schema changed between them. The dialect's fingerprint query where it has one ("tag:value", ABI 1.3),
// else the inspector's reading. Empty when the dialect cannot read its schema.
std::string schema_fingerprint(Database& db);

// The fingerprint the inspector gives: the sha256 of its reading in hex (how every fingerprint was taken
// before ABI 1.3). Empty when the dialect cannot read its schema.
std::string inspected_schema_fingerprint(Database& db);

// A fingerprint of the live schema taken the way `stored` was (by the same query formula, or by the
// inspector), so the two compare: a progress row may have been written by an older retort or plugin.
// Empty when it cannot be taken that way any more.
std::string schema_fingerprint_like(Database& db, const std::string& stored);

}  // namespace retort
