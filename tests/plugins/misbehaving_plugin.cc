// A C++ plugin that breaks the ABI's rules on purpose, written against the raw tables (no SDK guard), to
// test that the host reports each broken rule and carries on. Variants:
//   VARIANT_MISBEHAVING     dialect "misbehave" (use it with the real SQLite driver: misbehave+sqlite:///f.db),
//                           driver "faulty", operations "explode" and "quote_hole"; what goes wrong is chosen
//                           by the revision file (an execute's sql) or the URL (?connect=...)
//   VARIANT_THROWS_IN_ENTRY the entry point throws        VARIANT_THROWS_IN_INIT  init throws
#include <retort/retort_plugin.h>
#include <retort/sdk/host.hpp>

#include <stdexcept>
#include <string>

namespace {

const retort_host_api* host;

retort_status init(const retort_host_api* h, retort_error* /*err*/) {
  host = h;
  retort::sdk::detail::g_host = h;
#ifdef VARIANT_THROWS_IN_INIT
  throw std::runtime_error("init could not read its settings");
#else
  return RETORT_OK;
#endif
}

std::string quoted(const std::string& name, char quote) {
  std::string out(1, quote);
  for (char c : name) {
    if (c == quote) out += quote;
    out += c;
  }
  return out + quote;
}

// ---- dialect "misbehave": SQLite's SQL, except where an execute's sql asks for a broken rule ----------

retort_status quote_identifier(const char* name, retort_sink* out, retort_error* /*err*/) {
  if (std::string(name) == "bad quote") throw std::runtime_error("cannot quote that");
  host->sink_write(out, quoted(name, '"').c_str());
  return RETORT_OK;
}

retort_status quote_literal(const char* text, retort_sink* out, retort_error* /*err*/) {
  host->sink_write(out, quoted(text, '\'').c_str());
  return RETORT_OK;
}

retort_status render_operation(const char* op, const retort_value* args, retort_session* /*session*/,
                               retort_sink* out, retort_error* err) {
  const char* text = host->value_string(host->value_get(args, "sql"));
  if (std::string(op) != "execute" || !text) {
    host->report_error(err, "the misbehave dialect renders execute only", nullptr, nullptr);
    return RETORT_ERROR;
  }
  const std::string sql = text;
  if (sql == "THROW") throw std::runtime_error("render blew up");
  if (sql == "THROW 42") throw 42;
  if (sql == "SILENT") return RETORT_ERROR;
  if (sql == "STATUS 7") return 7;
  if (sql == "SDK THROW")  // the SDK's guard turns this into an ordinary error report
    return retort::sdk::guard(err, []() -> retort_status { throw std::logic_error("a logic error inside the SDK guard"); });
  host->sink_write(out, text);
  return RETORT_OK;
}

retort_status check_operation(const char* /*op*/, const retort_value* args, retort_error* err) {
  const char* sql = host->value_string(host->value_get(args, "sql"));
  if (sql && std::string(sql) == "REFUSE") {
    host->report_error(err, "this dialect refuses REFUSE", nullptr, nullptr);
    return RETORT_ERROR;
  }
  return RETORT_OK;
}

retort_status render_statement(retort_statement_kind kind, const char* const* args, size_t n, retort_sink* out,
                               retort_error* err) {
  if (kind == RETORT_STMT_BEGIN || kind == RETORT_STMT_COMMIT) {
    host->sink_write(out, kind == RETORT_STMT_BEGIN ? "BEGIN" : "COMMIT");
    return RETORT_OK;
  }
  if (n < 2) {
    host->report_error(err, "too few arguments", nullptr, nullptr);
    return RETORT_ERROR;
  }
  const std::string table = quoted(args[1], '"');
  std::string sql;
  switch (kind) {
    case RETORT_STMT_VERSION_TABLE_CREATE: sql = "CREATE TABLE " + table + " (version_num VARCHAR(32) NOT NULL PRIMARY KEY)"; break;
    case RETORT_STMT_VERSION_TABLE_EXISTS: sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = " + quoted(args[1], '\''); break;
    case RETORT_STMT_VERSION_SELECT: sql = "SELECT version_num FROM " + table; break;
    case RETORT_STMT_VERSION_INSERT: sql = "INSERT INTO " + table + " (version_num) VALUES (" + quoted(args[2], '\'') + ")"; break;
    case RETORT_STMT_VERSION_UPDATE:
      sql = "UPDATE " + table + " SET version_num = " + quoted(args[3], '\'') + " WHERE version_num = " + quoted(args[2], '\'');
      break;
    case RETORT_STMT_VERSION_DELETE: sql = "DELETE FROM " + table + " WHERE version_num = " + quoted(args[2], '\''); break;
    default: return RETORT_UNSUPPORTED;  // no lock statements: SQLite's driver takes the write lock
  }
  host->sink_write(out, sql.c_str());
  return RETORT_OK;
}

// The lock breaks the ABI when the version table's name asks it to (the migration lock is named after it):
// "outcome_42" answers an outcome the ABI does not define, "lock_throws" lets an exception escape.
retort_status lock(const char* /*schema*/, const char* name, int32_t /*timeout*/, retort_session* /*session*/,
                   retort_lock_outcome* outcome, retort_error* /*err*/) {
  const std::string n = name;
  if (n.find("lock_throws") != std::string::npos) throw std::runtime_error("the lock blew up");
  *outcome = n.find("outcome_42") != std::string::npos ? 42 : RETORT_LOCK_NOT_NEEDED;
  return RETORT_OK;
}
retort_status unlock(const char*, const char*, retort_session*, retort_error*) { return RETORT_OK; }

const retort_dialect dialect = {
    sizeof(retort_dialect), "misbehave", nullptr, RETORT_CAP_TRANSACTIONAL_DDL, quote_identifier, quote_literal,
    render_operation, check_operation, render_statement, nullptr, nullptr, lock, unlock,
};

// ---- driver "faulty": ?connect=throw|throw_int|silent|status|null|ok; a connection that throws ----------

struct retort_connection_impl {};

retort_status connect(const retort_connect_params* params, retort_connection** out, retort_error* err) {
  std::string how = "ok";
  for (size_t i = 0; i < params->option_count; ++i)
    if (std::string(params->option_keys[i]) == "connect") how = params->option_values[i];
  if (how == "throw") throw std::runtime_error("connect blew up");
  if (how == "throw_int") throw 42;
  if (how == "silent") return RETORT_ERROR;
  if (how == "status") return 99;
  if (how == "null") return RETORT_OK;
  if (how != "ok") {
    host->report_error(err, ("unknown connect= behaviour " + how).c_str(), nullptr, nullptr);
    return RETORT_ERROR;
  }
  *out = reinterpret_cast<retort_connection*>(new retort_connection_impl());
  return RETORT_OK;
}

void disconnect(retort_connection* conn) {
  delete reinterpret_cast<retort_connection_impl*>(conn);
  throw std::runtime_error("disconnect blew up");
}

retort_status execute(retort_connection*, const char*, retort_error*) { throw std::runtime_error("execute blew up"); }
retort_status query(retort_connection*, const char*, retort_row_fn, void*, retort_error*) {
  throw std::runtime_error("query blew up");
}
retort_status transaction(retort_connection*, retort_error*) { throw std::runtime_error("transaction blew up"); }

retort_status atomically(retort_connection*, const char* const*, size_t, retort_error*) {
  throw std::runtime_error("execute_atomically blew up");
}

const retort_driver driver = {
    sizeof(retort_driver), "faulty", nullptr, connect, disconnect, execute, query, transaction, transaction, transaction,
    atomically,
};

// ---- operations: "explode" throws from render; "quote_hole" quotes through a dialect that throws --------

retort_status explode(retort_render_context*, const retort_value*, retort_session*, retort_sink*, retort_error*) {
  throw std::runtime_error("explode exploded");
}

retort_status quote_hole(retort_render_context* ctx, const retort_value*, retort_session*, retort_sink* out,
                         retort_error*) {
  std::string sql = std::string("CREATE TABLE ") + host->context_quote_identifier(ctx, "bad quote") + " (x INTEGER)";
  host->sink_write(out, sql.c_str());
  return RETORT_OK;
}

const retort_operation explode_op = {sizeof(retort_operation), "explode", 0, nullptr, nullptr, nullptr, explode};
const retort_operation quote_hole_op = {sizeof(retort_operation), "quote_hole", 0, nullptr, nullptr, nullptr, quote_hole};

const retort_dialect* const dialects[] = {&dialect};
const retort_driver* const drivers[] = {&driver};
const retort_operation* const operations[] = {&explode_op, &quote_hole_op};

#if defined(VARIANT_THROWS_IN_ENTRY) || defined(VARIANT_THROWS_IN_INIT)
const retort_plugin plugin = {sizeof(retort_plugin), RETORT_ABI_MAJOR, RETORT_ABI_MINOR, "broken", "0.0.1",
                              "throws while loading", init, 0, nullptr, 0, nullptr, 0, nullptr};
#else
const retort_plugin plugin = {sizeof(retort_plugin), RETORT_ABI_MAJOR, RETORT_ABI_MINOR, "misbehaving", "0.0.1",
                              "breaks the ABI's rules on purpose", init, 1, dialects, 1, drivers, 2, operations};
#endif

}  // namespace

extern "C" RETORT_PLUGIN_EXPORT const retort_plugin* retort_plugin_entry(void) {
#ifdef VARIANT_THROWS_IN_ENTRY
  throw std::runtime_error("the entry point could not build its descriptor");
#else
  return &plugin;
#endif
}
