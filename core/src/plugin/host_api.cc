#include "plugin/host_api.h"

#include "plugin/plugin_call.h"

#include <cstddef>
#include <cstdio>

namespace retort {
namespace {

const toml::node* node(const retort_value* v) { return reinterpret_cast<const toml::node*>(v); }

void report_error(retort_error* err, const char* message, const char* sqlstate, const char* statement) {
  if (!err) return;
  err->set = true;
  err->message = message ? message : "(no message)";
  err->sqlstate = sqlstate ? sqlstate : "";
  err->statement = statement ? statement : "";
}

void report_needs_live_database(retort_error* err, const char* message) {
  report_error(err, message, nullptr, nullptr);
  if (err) err->needs_live_database = true;
}

void log_message(retort_log_level level, const char* message) {
  if (level >= RETORT_LOG_WARNING) std::fprintf(stderr, "warning: %s\n", message ? message : "");
}

retort_value_type value_type(const retort_value* v) {
  if (!v) return RETORT_VALUE_NONE;
  switch (node(v)->type()) {
    case toml::node_type::string: return RETORT_VALUE_STRING;
    case toml::node_type::integer: return RETORT_VALUE_INTEGER;
    case toml::node_type::floating_point: return RETORT_VALUE_FLOAT;
    case toml::node_type::boolean: return RETORT_VALUE_BOOLEAN;
    case toml::node_type::array: return RETORT_VALUE_ARRAY;
    case toml::node_type::table: return RETORT_VALUE_TABLE;
    default: return RETORT_VALUE_NONE;
  }
}

const char* value_string(const retort_value* v) {
  const auto* s = v ? node(v)->as_string() : nullptr;
  return s ? s->get().c_str() : nullptr;
}

int64_t value_integer(const retort_value* v) { return v ? node(v)->value<int64_t>().value_or(0) : 0; }
double value_float(const retort_value* v) { return v ? node(v)->value<double>().value_or(0.0) : 0.0; }
int value_boolean(const retort_value* v) { return v && node(v)->value<bool>().value_or(false) ? 1 : 0; }

size_t value_length(const retort_value* v) {
  if (!v) return 0;
  if (const auto* a = node(v)->as_array()) return a->size();
  if (const auto* t = node(v)->as_table()) return t->size();
  return 0;
}

const retort_value* value_at(const retort_value* v, size_t index) {
  if (!v) return nullptr;
  if (const auto* a = node(v)->as_array()) return index < a->size() ? as_value(a->get(index)) : nullptr;
  if (const auto* t = node(v)->as_table()) {
    if (index >= t->size()) return nullptr;
    auto it = t->begin();
    std::advance(it, static_cast<std::ptrdiff_t>(index));
    return as_value(&it->second);
  }
  return nullptr;
}

const char* value_key_at(const retort_value* v, size_t index) {
  const auto* t = v ? node(v)->as_table() : nullptr;
  if (!t || index >= t->size()) return nullptr;
  auto it = t->begin();
  std::advance(it, static_cast<std::ptrdiff_t>(index));
  return it->first.str().data();
}

const retort_value* value_get(const retort_value* v, const char* key) {
  const auto* t = v ? node(v)->as_table() : nullptr;
  return t && key ? as_value(t->get(key)) : nullptr;
}

void sink_write(retort_sink* sink, const char* text) {
  if (sink && text) sink->items.emplace_back(text);
}

retort_status session_query(retort_session* session, const char* sql, retort_row_fn on_row, void* user,
                            retort_error* err) {
  if (!session || !session->connection) return RETORT_UNSUPPORTED;
  retort_status st = call_driver("the driver's query", err,
                                 [&] { return session->driver->query(session->connection, sql, on_row, user, err); });
  if (err && err->abi_violation && !err->culprit) err->culprit = session->driver;
  return st;
}

const char* context_dialect(retort_render_context* ctx) { return ctx && ctx->dialect ? ctx->dialect->name : ""; }
const char* context_dialect_family(retort_render_context* ctx) {
  return ctx && ctx->dialect ? dialect_family(ctx->dialect) : "";
}

// Quoting through the dialect's own functions, kept in the context so the pointer outlives the call. A
// failure is kept in the context too: the host fails the render call afterwards.
const char* context_quote(retort_render_context* ctx, const char* text, bool identifier) {
  if (!ctx || !ctx->dialect || !text) return "";
  retort_sink sink;
  retort_error err;
  auto fn = identifier ? ctx->dialect->quote_identifier : ctx->dialect->quote_literal;
  const char* function = identifier ? "the dialect's quote_identifier" : "the dialect's quote_literal";
  retort_status st = call_plugin(function, &err, [&] { return fn(text, &sink, &err); });
  if (st != RETORT_OK || sink.items.size() != 1) {
    if (!err.set)
      record_abi_violation(&err, std::string(function) + (st == RETORT_UNSUPPORTED
                                                              ? " answered RETORT_UNSUPPORTED"
                                                              : " wrote " + std::to_string(sink.items.size()) +
                                                                    " pieces of text instead of one"));
    err.culprit = ctx->dialect;
    if (!ctx->quote_failure) ctx->quote_failure = std::move(err);
    return "";
  }
  ctx->strings.push_back(std::move(sink.items.front()));
  return ctx->strings.back().c_str();
}

const char* context_quote_identifier(retort_render_context* ctx, const char* name) { return context_quote(ctx, name, true); }
const char* context_quote_literal(retort_render_context* ctx, const char* text) { return context_quote(ctx, text, false); }

const retort_host_api kHostApi = {
    sizeof(retort_host_api), RETORT_ABI_MAJOR, RETORT_ABI_MINOR, report_error, log_message,
    value_type, value_string, value_integer, value_float, value_boolean, value_length, value_at, value_key_at,
    value_get, sink_write, session_query, context_dialect, context_quote_identifier, context_quote_literal,
    context_dialect_family, report_needs_live_database,
};

}  // namespace

const char* dialect_family(const retort_dialect* dialect) {
  // A table built for ABI 1.0 ends before `family`: its memory past struct_size is not ours to read.
  bool has_family = dialect->struct_size >= offsetof(retort_dialect, family) + sizeof(dialect->family);
  return has_family && dialect->family && *dialect->family ? dialect->family : dialect->name;
}

const retort_inspector* dialect_inspector(const retort_dialect* dialect) {
  bool has_inspector = dialect->struct_size >= offsetof(retort_dialect, inspector) + sizeof(dialect->inspector);
  return has_inspector ? dialect->inspector : nullptr;
}

bool dialect_has_lock(const retort_dialect* dialect) {
  return dialect->struct_size >= offsetof(retort_dialect, unlock) + sizeof(dialect->unlock) && dialect->lock &&
         dialect->unlock;
}

ExecuteAtomicallyFn driver_execute_atomically(const retort_driver* driver) {
  // A table built with a 1.2 header or older ends at rollback: past struct_size is not ours to read.
  const bool has = driver->struct_size >= offsetof(retort_driver, execute_atomically) + sizeof(driver->execute_atomically);
  return has ? driver->execute_atomically : nullptr;
}

const retort_host_api* host_api() { return &kHostApi; }

}  // namespace retort
