/* A plugin written in plain C (built as C99 with -Wpedantic, which proves the ABI header is C), in
 * several variants that test how the host treats good and bad plugins:
 *   VARIANT_GOOD          a dialect "cdemo" (which speaks sqlite) that loads
 *   VARIANT_ABI_1_0       the same as built with the 1.0 header: ABI 1.0, and a dialect table that ends
 *                         before 1.1's `family` (whose slot holds a string the host must not read)
 *   VARIANT_BAD_MAJOR     built for ABI 2.0            VARIANT_OLD_MAJOR  built for ABI 0.9
 *   VARIANT_BAD_MINOR     built for ABI 1.99           VARIANT_TINY       a descriptor of 4 bytes
 *   VARIANT_INIT_FAILS    init reports an error        VARIANT_INIT_SILENT  init fails without a report
 *   VARIANT_DUPLICATE     claims the "sqlite" dialect  VARIANT_ALIAS_CLASH  claims "mariadb" (a mysql alias)
 *   VARIANT_DRIVER_CLASH  a driver that claims to be the default for "sqlite" URLs
 *   VARIANT_TWICE         a dialect whose alias repeats its name
 *   VARIANT_OP_CLASH      claims the core operation name create_table
 *   VARIANT_NO_ENTRY      exports no entry point
 *   VARIANT_INCOMPLETE    a dialect without quote_identifier
 * Every variant's init appends its dialect's name to the file $RETORT_TEST_INIT_MARKER, when that is set, so a
 * test can tell whether init was called.
 */
#include <retort/retort_plugin.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(VARIANT_DUPLICATE)
#define DIALECT_NAME "sqlite"
#elif defined(VARIANT_ALIAS_CLASH)
#define DIALECT_NAME "mariadb"
#else
#define DIALECT_NAME "cdemo"
#endif

static const retort_host_api* host;

static void mark_init(void) {
  const char* marker = getenv("RETORT_TEST_INIT_MARKER");
  FILE* f = marker ? fopen(marker, "a") : NULL;
  if (f) {
    fputs(DIALECT_NAME "\n", f);
    fclose(f);
  }
}

static retort_status init(const retort_host_api* h, retort_error* err) {
  host = h;
  mark_init();
#if defined(VARIANT_INIT_FAILS)
  host->report_error(err, "license file missing", NULL, NULL);
  return RETORT_ERROR;
#elif defined(VARIANT_INIT_SILENT)
  (void)err;
  return RETORT_ERROR;
#else
  /* The plugin's side of the negotiation: refuse a host of another major, or one whose table of services
     is older than this header (a plugin that can do without the newer services checks struct_size per
     function instead). */
  if (h->abi_major != RETORT_ABI_MAJOR || h->struct_size < sizeof(retort_host_api)) {
    h->report_error(err, "needs a newer retort", NULL, NULL);
    return RETORT_ERROR;
  }
  return RETORT_OK;
#endif
}

static retort_status quote(const char* name, retort_sink* out, retort_error* err) {
  (void)err;
  host->sink_write(out, name);
  return RETORT_OK;
}

static retort_status render_sql(const retort_value* args, retort_sink* out, retort_error* err) {
  const char* sql = host->value_string(host->value_get(args, "sql"));
  if (!sql) {
    host->report_error(err, "execute without sql", NULL, NULL);
    return RETORT_ERROR;
  }
  host->sink_write(out, sql);
  return RETORT_OK;
}

static retort_status render_dialect_operation(const char* op, const retort_value* args, retort_session* session,
                                              retort_sink* out, retort_error* err) {
  (void)session;
  if (strcmp(op, "execute") != 0) return RETORT_UNSUPPORTED;
  return render_sql(args, out, err);
}

static retort_status render_operation(retort_render_context* ctx, const retort_value* args, retort_session* session,
                                      retort_sink* out, retort_error* err) {
  (void)ctx;
  (void)session;
  return render_sql(args, out, err);
}

static retort_status render_statement(retort_statement_kind kind, const char* const* args, size_t n,
                                      retort_sink* out, retort_error* err) {
  (void)kind;
  (void)args;
  (void)n;
  (void)out;
  (void)err;
  return RETORT_UNSUPPORTED;
}

#ifdef VARIANT_ABI_1_0
#define DIALECT_SIZE offsetof(retort_dialect, family)
#define FAMILY "read past the 1.0 table"
#else
#define DIALECT_SIZE sizeof(retort_dialect)
#define FAMILY "sqlite"
#endif

#ifdef VARIANT_TWICE
#define ALIASES "cdemo"
#else
#define ALIASES NULL
#endif

#ifdef VARIANT_INCOMPLETE
#define QUOTE_IDENTIFIER NULL
#else
#define QUOTE_IDENTIFIER quote
#endif

static const retort_dialect dialect = {
    DIALECT_SIZE, DIALECT_NAME, ALIASES, 0, QUOTE_IDENTIFIER, quote, render_dialect_operation, NULL, render_statement,
    FAMILY, NULL /* no inspector */, NULL, NULL /* locks by RETORT_STMT_LOCK_*, as in 1.1 */,
};
static const retort_dialect* const dialects[] = {&dialect};

static retort_status connect(const retort_connect_params* params, retort_connection** out, retort_error* err) {
  (void)params;
  *out = NULL;
  host->report_error(err, "cdemo cannot connect anywhere", NULL, NULL);
  return RETORT_ERROR;
}
static void disconnect(retort_connection* conn) { (void)conn; }
static retort_status execute(retort_connection* conn, const char* sql, retort_error* err) {
  (void)conn;
  (void)sql;
  (void)err;
  return RETORT_OK;
}
static retort_status query(retort_connection* conn, const char* sql, retort_row_fn on_row, void* user,
                           retort_error* err) {
  (void)conn;
  (void)sql;
  (void)on_row;
  (void)user;
  (void)err;
  return RETORT_OK;
}
static retort_status transaction(retort_connection* conn, retort_error* err) {
  (void)conn;
  (void)err;
  return RETORT_OK;
}
static const retort_driver driver = {
    sizeof(retort_driver), "cdemo", "cdemo,sqlite", connect, disconnect, execute, query, transaction, transaction,
    transaction,
};
static const retort_driver* const drivers[] = {&driver};
#ifdef VARIANT_DRIVER_CLASH
#define DRIVER_COUNT 1
#else
#define DRIVER_COUNT 0
#endif

#if defined(VARIANT_BAD_MAJOR)
#define MAJOR 2
#elif defined(VARIANT_OLD_MAJOR)
#define MAJOR 0
#else
#define MAJOR RETORT_ABI_MAJOR
#endif
#if defined(VARIANT_BAD_MINOR)
#define MINOR 99
#elif defined(VARIANT_ABI_1_0) || defined(VARIANT_BAD_MAJOR)
#define MINOR 0
#elif defined(VARIANT_OLD_MAJOR)
#define MINOR 9
#else
#define MINOR RETORT_ABI_MINOR
#endif

static const retort_field sql_field = {sizeof(retort_field), "sql", RETORT_FIELD_SQL, 1};
static const retort_field* const fields[] = {&sql_field};
static const retort_operation clash = {
    sizeof(retort_operation), "create_table", 1, fields, NULL, NULL, render_operation,
};
static const retort_operation* const operations[] = {&clash};

#ifdef VARIANT_OP_CLASH
#define OPERATION_COUNT 1
#else
#define OPERATION_COUNT 0
#endif

#ifdef VARIANT_TINY
#define DESCRIPTOR_SIZE 4
#else
#define DESCRIPTOR_SIZE sizeof(retort_plugin)
#endif

static const retort_plugin plugin = {
    DESCRIPTOR_SIZE, MAJOR, MINOR, "ctest", "1.2.3", "a plugin written in C", init, 1, dialects, DRIVER_COUNT, drivers,
    OPERATION_COUNT, operations,
};

#ifndef VARIANT_NO_ENTRY
RETORT_PLUGIN_EXPORT const retort_plugin* retort_plugin_entry(void) { return &plugin; }
#else
RETORT_PLUGIN_EXPORT const retort_plugin* some_other_symbol(void) { return &plugin; }
#endif
