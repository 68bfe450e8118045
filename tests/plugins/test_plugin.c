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
 *   VARIANT_DRIVER_1_2    a driver "cdemo" for "cdemo" URLs that connects and logs each call (below), built as
 *                         with the 1.2 header: ABI 1.2, a table that ends before 1.3's execute_atomically
 *                         (whose slot holds a function the host must not call)
 *   VARIANT_DRIVER_1_3    the same driver with execute_atomically
 * The drivers append one line per call to the file $RETORT_TEST_DRIVER_LOG: "begin", "commit", "rollback",
 * "execute SQL", "execute_atomically SQL | SQL ..."; execute fails for a statement containing FAIL.
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

#if defined(VARIANT_DRIVER_1_2) || defined(VARIANT_DRIVER_1_3)
#define LOGGING_DRIVER 1
#endif

static void log_call(const char* what, const char* sql) {
  const char* path = getenv("RETORT_TEST_DRIVER_LOG");
  FILE* f = path ? fopen(path, "a") : NULL;
  if (!f) return;
  fputs(what, f);
  if (sql) {
    fputc(' ', f);
    fputs(sql, f);
  }
  fputc('\n', f);
  fclose(f);
}

static retort_status connect(const retort_connect_params* params, retort_connection** out, retort_error* err) {
  (void)params;
#ifdef LOGGING_DRIVER
  static int connection_handle;
  (void)err;
  *out = (retort_connection*)&connection_handle;
  return RETORT_OK;
#else
  *out = NULL;
  host->report_error(err, "cdemo cannot connect anywhere", NULL, NULL);
  return RETORT_ERROR;
#endif
}
static void disconnect(retort_connection* conn) { (void)conn; }
static retort_status execute(retort_connection* conn, const char* sql, retort_error* err) {
  (void)conn;
  log_call("execute", sql);
  if (strstr(sql, "FAIL")) {
    host->report_error(err, "cdemo refuses to FAIL", "42000", sql);
    return RETORT_ERROR;
  }
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
static retort_status begin(retort_connection* conn, retort_error* err) {
  (void)conn;
  (void)err;
  log_call("begin", NULL);
  return RETORT_OK;
}
static retort_status commit(retort_connection* conn, retort_error* err) {
  (void)conn;
  (void)err;
  log_call("commit", NULL);
  return RETORT_OK;
}
static retort_status rollback(retort_connection* conn, retort_error* err) {
  (void)conn;
  (void)err;
  log_call("rollback", NULL);
  return RETORT_OK;
}
static retort_status execute_atomically(retort_connection* conn, const char* const* sqls, size_t count,
                                        retort_error* err) {
  size_t i;
  char line[4096] = "";
  (void)conn;
  for (i = 0; i < count; ++i) {
    if (i) strncat(line, " | ", sizeof line - strlen(line) - 1);
    strncat(line, sqls[i], sizeof line - strlen(line) - 1);
  }
#ifdef VARIANT_DRIVER_1_2
  log_call("execute_atomically (read past the 1.2 table)", line);
#else
  log_call("execute_atomically", line);
#endif
  for (i = 0; i < count; ++i)
    if (strstr(sqls[i], "FAIL")) {
      host->report_error(err, "cdemo refuses to FAIL", "42000", sqls[i]);
      return RETORT_ERROR;
    }
  return RETORT_OK;
}

#ifdef VARIANT_DRIVER_1_2
#define DRIVER_SIZE offsetof(retort_driver, execute_atomically)
#else
#define DRIVER_SIZE sizeof(retort_driver)
#endif
#ifdef LOGGING_DRIVER
#define DRIVER_DEFAULT_FOR "cdemo"
#else
#define DRIVER_DEFAULT_FOR "cdemo,sqlite"
#endif

static const retort_driver driver = {
    DRIVER_SIZE, "cdemo", DRIVER_DEFAULT_FOR, connect, disconnect, execute, query, begin, commit, rollback,
    execute_atomically,
};
static const retort_driver* const drivers[] = {&driver};
#if defined(VARIANT_DRIVER_CLASH) || defined(LOGGING_DRIVER)
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
#elif defined(VARIANT_DRIVER_1_2)
#define MINOR 2
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
