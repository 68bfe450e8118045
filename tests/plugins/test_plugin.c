/* A plugin written in plain C, built in several variants to test how the host treats good and bad
 * plugins: VARIANT_GOOD, VARIANT_BAD_MAJOR, VARIANT_BAD_MINOR, VARIANT_INIT_FAILS, VARIANT_DUPLICATE
 * (claims the "sqlite" dialect), VARIANT_OP_CLASH (claims a core operation name) and VARIANT_NO_ENTRY
 * (exports no entry point). */
#include <retort/retort_plugin.h>

#include <string.h>

static const retort_host_api* host;

static retort_status init(const retort_host_api* h, retort_error* err) {
  host = h;
#ifdef VARIANT_INIT_FAILS
  host->report_error(err, "license file missing", NULL, NULL);
  return RETORT_ERROR;
#else
  (void)err;
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

#ifdef VARIANT_DUPLICATE
#define DIALECT_NAME "sqlite"
#else
#define DIALECT_NAME "cdemo"
#endif

static const retort_dialect dialect = {
    sizeof(retort_dialect), DIALECT_NAME, NULL, 0, quote, quote, render_dialect_operation, NULL, render_statement,
};
static const retort_dialect* const dialects[] = {&dialect};

#ifdef VARIANT_BAD_MAJOR
#define MAJOR 2
#else
#define MAJOR RETORT_ABI_MAJOR
#endif
#ifdef VARIANT_BAD_MINOR
#define MINOR 99
#else
#define MINOR RETORT_ABI_MINOR
#endif

/* VARIANT_OP_CLASH claims the core operation name create_table. */
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

static const retort_plugin plugin = {
    sizeof(retort_plugin), MAJOR, MINOR, "ctest", "1.2.3", "a plugin written in C", init, 1, dialects, 0, NULL,
    OPERATION_COUNT, operations,
};

#ifndef VARIANT_NO_ENTRY
RETORT_PLUGIN_EXPORT const retort_plugin* retort_plugin_entry(void) { return &plugin; }
#else
RETORT_PLUGIN_EXPORT const retort_plugin* some_other_symbol(void) { return &plugin; }
#endif
