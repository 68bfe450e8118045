/*
 * retort_plugin.h - the retort plugin ABI. This header is the whole contract between the retort host and
 * a plugin shared library; it is plain C so plugins can be written in any language with a C FFI.
 *
 * Versioning (sdk/README.md has the whole rule and the history): RETORT_ABI_MAJOR changes when anything
 * existing changes meaning, type or place, or goes away. A minor version may only add: fields at the end
 * of a table, host services at the end of retort_host_api, capability bits, statement kinds and field
 * kinds; never a status. Every table starts with its own size, and the host reads a field of a plugin's
 * table only if that size covers it. A host loads a plugin whose major equals its own and whose minor is
 * not greater than its own, so a plugin may use every service its header declares. Fields marked
 * "Since 1.N" are absent from tables built with an older header.
 *
 * Ownership: whoever allocates frees. Handles a plugin creates are destroyed through the same table that
 * created them. Text handed to the host is copied before the call returns. Errors are reported through
 * retort_host_api.report_error so the host owns their memory. Nothing may unwind across this boundary.
 *
 * Threading: `retort --jobs N` migrates several databases at once, so every function here may be called
 * from several threads at the same time. Each connection is used by one thread at a time; dialect and
 * operation functions must not keep state between calls (or must guard it).
 */
#ifndef RETORT_PLUGIN_H
#define RETORT_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RETORT_ABI_MAJOR 1
#define RETORT_ABI_MINOR 3

/* The one symbol every plugin exports. */
#define RETORT_PLUGIN_ENTRY_NAME "retort_plugin_entry"

#if defined(_WIN32)
#define RETORT_PLUGIN_EXPORT __declspec(dllexport)
#else
#define RETORT_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

typedef int32_t retort_status;
#define RETORT_OK 0
#define RETORT_ERROR 1       /* failed; details were given to report_error */
#define RETORT_UNSUPPORTED 2 /* this plugin cannot do what was asked (not an error by itself) */

/* ---- Host-owned opaque handles ---------------------------------------------------------------------- */

typedef struct retort_error retort_error;     /* where a call reports why it failed */
typedef struct retort_value retort_value;     /* read-only view of revision-file data (an operation) */
typedef struct retort_sink retort_sink;       /* where a plugin writes text: statements, quoted names */
typedef struct retort_session retort_session; /* the live database during rendering; NULL when offline */
typedef struct retort_render_context retort_render_context; /* the target dialect of one operation render */

/* ---- Plugin-owned opaque handles -------------------------------------------------------------------- */

typedef struct retort_connection retort_connection;

/* Receives one result row: cells[i] is NULL for SQL NULL. Return non-zero to stop early. */
typedef int (*retort_row_fn)(void* user, size_t column_count, const char* const* cells);

typedef int32_t retort_value_type;
#define RETORT_VALUE_NONE 0
#define RETORT_VALUE_STRING 1
#define RETORT_VALUE_INTEGER 2
#define RETORT_VALUE_FLOAT 3
#define RETORT_VALUE_BOOLEAN 4
#define RETORT_VALUE_ARRAY 5
#define RETORT_VALUE_TABLE 6
/* TOML dates and times reach plugins as STRING values in ISO 8601 form. */

typedef int32_t retort_log_level;
#define RETORT_LOG_DEBUG 0
#define RETORT_LOG_INFO 1
#define RETORT_LOG_WARNING 2

/* What the host offers a plugin; handed to retort_plugin.init. Valid until the process exits. */
typedef struct retort_host_api {
  uint32_t struct_size;
  uint32_t abi_major;
  uint32_t abi_minor;

  /* Records why the current call failed. sqlstate and statement may be NULL. Copied by the host. */
  void (*report_error)(retort_error* err, const char* message, const char* sqlstate, const char* statement);
  void (*log)(retort_log_level level, const char* message);

  /* Reading values. Strings stay valid as long as the value does (the length of the call). */
  retort_value_type (*value_type)(const retort_value* v);
  const char* (*value_string)(const retort_value* v); /* STRING, else NULL */
  int64_t (*value_integer)(const retort_value* v);
  double (*value_float)(const retort_value* v); /* FLOAT or INTEGER */
  int (*value_boolean)(const retort_value* v);
  size_t (*value_length)(const retort_value* v);                      /* ARRAY elements, TABLE entries */
  const retort_value* (*value_at)(const retort_value* v, size_t index); /* ARRAY element, TABLE value */
  const char* (*value_key_at)(const retort_value* v, size_t index);     /* TABLE key */
  const retort_value* (*value_get)(const retort_value* v, const char* key); /* TABLE lookup or NULL */

  /* Writing text. For render calls, one write is one complete statement without a trailing ';'. */
  void (*sink_write)(retort_sink* sink, const char* text);

  /* Queries the live database while rendering (a dialect reading the schema it must rebuild).
     Returns RETORT_UNSUPPORTED when session is NULL, i.e. offline. */
  retort_status (*session_query)(retort_session* session, const char* sql, retort_row_fn on_row, void* user,
                                 retort_error* err);

  /* For operation plugins: the dialect an operation is rendered for, and its quoting. Returned strings
     are owned by the context and stay valid until the render call returns. */
  const char* (*context_dialect)(retort_render_context* ctx);
  const char* (*context_quote_identifier)(retort_render_context* ctx, const char* name);
  const char* (*context_quote_literal)(retort_render_context* ctx, const char* text);

  /* Since 1.1. The family of the dialect an operation is rendered for (its `family`, or else its name),
     so an operation plugin written for "sqlite" also serves a dialect that speaks SQLite's SQL. */
  const char* (*context_dialect_family)(retort_render_context* ctx);

  /* Since 1.2. Records why the current call failed, like report_error, for what only the live database
     makes possible (a table rebuild that reads the schema, a column restated from what the server reports):
     an offline script cannot have it, a run can, and `retort check` does not count it as a problem. */
  void (*report_needs_live_database)(retort_error* err, const char* message);
} retort_host_api;

/* ---- Dialect role: the SQL a database speaks -------------------------------------------------------- */

/* Capability bits. */
#define RETORT_CAP_TRANSACTIONAL_DDL ((uint64_t)1 << 0) /* DDL inside a transaction rolls back */
#define RETORT_CAP_ALTER_COLUMN ((uint64_t)1 << 1)      /* ALTER TABLE can change a column in place */
#define RETORT_CAP_ALTER_CONSTRAINTS ((uint64_t)1 << 2) /* ALTER TABLE can add and drop constraints */
#define RETORT_CAP_PARTIAL_INDEX ((uint64_t)1 << 3)     /* CREATE INDEX ... WHERE */
#define RETORT_CAP_SCHEMAS ((uint64_t)1 << 4)           /* objects may be qualified by a schema */
/* Since 1.2. A foreign key needs an index on its columns, and the index it uses cannot be dropped while it
   exists (MySQL): autogenerate drops and re-creates the key around dropping that index. */
#define RETORT_CAP_FOREIGN_KEY_INDEX ((uint64_t)1 << 5)

/* Statements the host needs besides operations, rendered by render_statement. args[0] is always the
   schema ("" for none). */
typedef int32_t retort_statement_kind;
#define RETORT_STMT_VERSION_TABLE_CREATE 1 /* args: schema, table */
#define RETORT_STMT_VERSION_TABLE_EXISTS 2 /* query with a row iff it exists; args: schema, table */
#define RETORT_STMT_VERSION_SELECT 3       /* query of version_num; args: schema, table */
#define RETORT_STMT_VERSION_INSERT 4       /* args: schema, table, revision */
#define RETORT_STMT_VERSION_UPDATE 5       /* args: schema, table, from, to */
#define RETORT_STMT_VERSION_DELETE 6       /* args: schema, table, revision */
/* args: schema, lock name, timeout seconds (0: do not wait); may write nothing. The host runs each
   statement as a query: an error, or a first row whose first column is 0, false or NULL, means the lock
   was not granted in time. */
#define RETORT_STMT_LOCK_ACQUIRE 7
#define RETORT_STMT_LOCK_RELEASE 8         /* args: schema, lock name; may write nothing */
#define RETORT_STMT_BEGIN 9                /* offline scripts only: opens a transaction */
#define RETORT_STMT_COMMIT 10              /* offline scripts only */
/* Since 1.2. Offline scripts only, when a downgrade or stamp leaves no revision (as Alembic's do); args:
   schema, table. A dialect that answers RETORT_UNSUPPORTED gets a plain DROP TABLE of the quoted name. */
#define RETORT_STMT_VERSION_TABLE_DROP 11
/* Since 1.2. The temporary scratch databases of `scratch = "auto"` (DESIGN.md §7), run on a connection to
   the live database; args[1] is the database name (already validated: letters, digits, '_'). A dialect
   that answers RETORT_UNSUPPORTED cannot have an automatic scratch database. */
#define RETORT_STMT_DATABASE_CREATE 12
#define RETORT_STMT_DATABASE_DROP 13   /* drops it even while sessions are connected to it */
#define RETORT_STMT_DATABASE_LIST 14   /* query: one row per database whose name begins with args[1] */
/* Since 1.2. Who holds the session lock `args[1]` (args: schema, lock name), for the line retort prints while
   it waits for the lock and for its timeout error: a query whose first row's cells each describe the holder in
   a few words ("pid 4242", "application 'retort'"); the host joins the non-empty ones with ", ". No row, or no
   statement (RETORT_UNSUPPORTED): the holder is not known, and retort says "another session". */
#define RETORT_STMT_LOCK_HOLDER 15
/* Since 1.3. A fingerprint of the schema `args[0]` ("" for the connection's own): a query (usable as a scalar
   subquery in parentheses) giving one row of one column, at most 80 characters, that changes whenever the
   schema's structure changes (tables, columns, indexes, constraints, views, triggers) and never when only
   data does. It starts with a tag naming the dialect and the version of its formula, then ':'
   ("mysql1:..."): values of different formulas are never compared. The host folds it into the progress
   record before a statement whose effect no operation shows (an `execute`), so a rerun after a kill can tell
   whether that statement ran at no extra round trip. RETORT_UNSUPPORTED (or nothing written): the host
   reads the schema through the inspector instead, at a round trip per query. */
#define RETORT_STMT_SCHEMA_FINGERPRINT 16

/* Since 1.2. What an inspector reports besides tables, columns (type, nullability, server default),
   primary keys, unique constraints, foreign keys and plain indexes. */
#define RETORT_INSPECT_COMMENTS ((uint64_t)1 << 0)           /* table and column comments */
#define RETORT_INSPECT_CHECKS ((uint64_t)1 << 1)             /* check constraints */
#define RETORT_INSPECT_PARTIAL_INDEXES ((uint64_t)1 << 2)    /* an index's WHERE */
#define RETORT_INSPECT_EXPRESSION_INDEXES ((uint64_t)1 << 3) /* index elements that are expressions */
#define RETORT_INSPECT_AUTOINCREMENT ((uint64_t)1 << 4)      /* autoincrement / identity columns */
#define RETORT_INSPECT_FOREIGN_KEY_ACTIONS ((uint64_t)1 << 5) /* ON DELETE / ON UPDATE of foreign keys */

/* Since 1.2. What asking for a session lock came to (retort_dialect.lock). */
typedef int32_t retort_lock_outcome;
#define RETORT_LOCK_GRANTED 1    /* this session holds it until unlock or until the session ends */
#define RETORT_LOCK_TIMED_OUT 2  /* another session held it for the whole timeout */
#define RETORT_LOCK_NOT_NEEDED 3 /* the database serialises runs by other means (SQLite's write lock) */

/* Since 1.2. Reads a live schema back, for autogenerate, check and `schema inspect` (DESIGN.md §7). */
typedef struct retort_inspector {
  uint32_t struct_size;
  uint64_t features; /* RETORT_INSPECT_* bits */
  /* Writes the tables of `schema` ("" for the connection's current one) as one schema document: TOML text
     in the schema-file format (docs/schema-files.md, "Inspected documents"), in one or more sink writes
     that the host concatenates. Reads the database only through the host's session_query. Every table is
     included; the host leaves out its own tables and what the project ignores. */
  retort_status (*inspect)(const char* schema, retort_session* session, retort_sink* out, retort_error* err);
} retort_inspector;

typedef struct retort_dialect {
  uint32_t struct_size;
  const char* name;    /* the dialect part of a URL: "sqlite", "postgresql", "mysql" */
  const char* aliases; /* comma-separated further names ("mariadb"), or NULL */
  uint64_t capabilities;

  retort_status (*quote_identifier)(const char* name, retort_sink* out, retort_error* err);
  retort_status (*quote_literal)(const char* text, retort_sink* out, retort_error* err);

  /* Writes the statements that perform operation `op`; `args` is the operation's table with every
     per-dialect choice already resolved for this dialect. RETORT_UNSUPPORTED for an unknown op. */
  retort_status (*render_operation)(const char* op, const retort_value* args, retort_session* session,
                                    retort_sink* out, retort_error* err);

  /* Says whether this dialect can perform `op` as written, before anything runs (a partial index where
     there are none, say). RETORT_ERROR with the reason if not. May be NULL: everything is accepted. */
  retort_status (*check_operation)(const char* op, const retort_value* args, retort_error* err);

  retort_status (*render_statement)(retort_statement_kind kind, const char* const* args, size_t arg_count,
                                    retort_sink* out, retort_error* err);

  /* Since 1.1. The dialect whose SQL this one speaks, for operation plugins that do not know this one by
     name ("sqlite" for an encrypted-SQLite dialect); NULL when it is a family of its own. */
  const char* family;

  /* Since 1.2. Schema introspection; NULL when the dialect cannot read a schema back. */
  const retort_inspector* inspector;

  /* Since 1.2. Takes the session lock `name`, keyed within `schema` ("" for the connection's own), waiting
     up to timeout_seconds (0: not at all), reading the database only through the host's session_query.
     RETORT_OK with *outcome set; RETORT_ERROR when the server failed. The server releases the lock when
     the session ends. NULL: the host runs RETORT_STMT_LOCK_ACQUIRE as 1.1 dialects expect. */
  retort_status (*lock)(const char* schema, const char* name, int32_t timeout_seconds, retort_session* session,
                        retort_lock_outcome* outcome, retort_error* err);
  /* Since 1.2. Releases a lock lock() granted. NULL: the host runs RETORT_STMT_LOCK_RELEASE. */
  retort_status (*unlock)(const char* schema, const char* name, retort_session* session, retort_error* err);
} retort_dialect;

/* ---- Driver role: talking to a database --------------------------------------------------------------- */

/* A parsed URL, dialect[+driver]://username:password@host:port/database?key=value&... */
typedef struct retort_connect_params {
  uint32_t struct_size;
  const char* dialect;
  const char* driver;
  const char* username; /* "" when absent, likewise below */
  const char* password; /* never log it */
  const char* host;
  int32_t port; /* 0 when absent */
  const char* database; /* for file databases, the path; "" for in-memory */
  size_t option_count;
  const char* const* option_keys;
  const char* const* option_values; /* some are secrets too (password=, PWD= inside odbc_connect): never log them */
} retort_connect_params;

/* A connection is used by one thread at a time. begin/commit/rollback bracket the migration work; a
   driver for a database with a write lock (SQLite) takes it in begin. */
typedef struct retort_driver {
  uint32_t struct_size;
  const char* name;        /* the +driver part of a URL: "sqlite", "odbc" */
  const char* default_for; /* comma-separated dialects this is the driver for when a URL names none */

  retort_status (*connect)(const retort_connect_params* params, retort_connection** out, retort_error* err);
  void (*disconnect)(retort_connection* conn);
  retort_status (*execute)(retort_connection* conn, const char* sql, retort_error* err);
  retort_status (*query)(retort_connection* conn, const char* sql, retort_row_fn on_row, void* user,
                         retort_error* err);
  retort_status (*begin)(retort_connection* conn, retort_error* err);
  retort_status (*commit)(retort_connection* conn, retort_error* err);
  retort_status (*rollback)(retort_connection* conn, retort_error* err);

  /* Since 1.3. Runs `count` statements as one unit: all of them take effect or none does; in as few round
     trips as the database allows. The host passes only statements a transaction can hold (data changes and
     its own bookkeeping), and only while no transaction of begin() is open. On failure, report the failing
     statement (or, when the database cannot tell which one failed, the first). NULL: the host runs begin,
     each statement, commit (rollback on a failure). */
  retort_status (*execute_atomically)(retort_connection* conn, const char* const* sqls, size_t count,
                                      retort_error* err);
} retort_driver;

/* ---- Operation role: a new `op` name for revision files ----------------------------------------------- */

typedef int32_t retort_field_kind;
#define RETORT_FIELD_STRING 1  /* a string */
#define RETORT_FIELD_BOOLEAN 2 /* true or false */
#define RETORT_FIELD_NAMES 3   /* a name or an array of names */
#define RETORT_FIELD_SQL 4     /* SQL text, or a table of dialect = text with an optional default; the host
                                  resolves it, so the plugin always sees a string */
#define RETORT_FIELD_ANY 5     /* any value; the plugin checks it */

typedef struct retort_field {
  uint32_t struct_size;
  const char* name;
  retort_field_kind kind;
  int32_t required; /* non-zero: the host refuses the operation without it */
} retort_field;

/* The host checks an operation's fields against `fields` (every operation may also carry `op` and
   `schema`) before anything runs, then calls check (if set) and render for the target dialect. */
typedef struct retort_operation {
  uint32_t struct_size;
  const char* name;
  size_t field_count;
  const retort_field* const* fields;
  /* The operation that undoes this one in a revision without [[downgrade]], given the fields of this
     one that it declares too; NULL when it cannot be undone automatically. */
  const char* inverse;
  retort_status (*check)(retort_render_context* ctx, const retort_value* args, retort_error* err); /* may be NULL */
  /* Writes the statements; RETORT_UNSUPPORTED (with a reason) for a dialect it cannot serve. */
  retort_status (*render)(retort_render_context* ctx, const retort_value* args, retort_session* session,
                          retort_sink* out, retort_error* err);
} retort_operation;

/* ---- The plugin ---------------------------------------------------------------------------------------- */

/* Returned by retort_plugin_entry; static, never freed. The host checks abi_major/abi_minor before
   touching anything else, then checks every role table, then calls init (if set): the tables must be
   complete when retort_plugin_entry returns. */
typedef struct retort_plugin {
  uint32_t struct_size;
  uint32_t abi_major;
  uint32_t abi_minor;
  const char* name;
  const char* version;
  const char* description;

  /* Called once, after the host checked the tables and before any role is used. May be NULL. retort may
     first load a plugin in a short-lived probe process, which calls init too: init (like static
     constructors and the entry point) should leave nothing behind outside its process. */
  retort_status (*init)(const retort_host_api* host, retort_error* err);

  size_t dialect_count;
  const retort_dialect* const* dialects;
  size_t driver_count;
  const retort_driver* const* drivers;
  size_t operation_count;
  const retort_operation* const* operations;
} retort_plugin;

typedef const retort_plugin* (*retort_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* RETORT_PLUGIN_H */
