// The declared schema of one database: its `schema` files read, merged and narrowed to the tables that
// database has (`databases`, `dialects`), with every unnamed object named by its file's [naming].
#pragma once

#include "config/config.h"
#include "ops/dialect_variants.h"
#include "schema/schema_model.h"
#include "util/status.h"

namespace retort {

// Every problem of every file at once. Tables keep their managed flag; [ignore] patterns of all files are
// merged; `branch` must agree between the files that set one.
Result<SchemaDocument> load_declared_schema(const DatabaseConfig& db, const DialectVariants& dialect);

// The declared tables this schema creates and changes (managed ones).
SchemaDocument managed_tables(const SchemaDocument& declared);

// The tables of an inspected document the declared schema owns: not ignored, not declared unmanaged.
SchemaDocument owned_tables(const SchemaDocument& inspected, const SchemaDocument& declared);

}  // namespace retort
