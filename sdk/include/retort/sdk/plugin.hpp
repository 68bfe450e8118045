// C++ helpers for writing a retort plugin without touching the raw ABI tables.
//
//   class MyDialect : public retort::sdk::Dialect { ... };
//   class MyDriver : public retort::sdk::Driver { ... };
//   RETORT_PLUGIN("mydb", "1.0.0", "MyDB support",
//                 retort::sdk::dialect<MyDialect>("mydb"),
//                 retort::sdk::driver<MyDriver>("mydb", "mydb"))
//
// Every call from the host goes through guard(), so exceptions never cross the ABI.
#pragma once

#include <retort/retort_plugin.h>
#include <retort/sdk/failure.hpp>
#include <retort/sdk/host.hpp>
#include <retort/sdk/schema_document.hpp>
#include <retort/sdk/value.hpp>

#include <forward_list>
#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

namespace retort::sdk {

// ---- Dialect ----------------------------------------------------------------------------------------------

class Dialect {
 public:
  virtual ~Dialect() = default;

  virtual uint64_t capabilities() const = 0;
  virtual std::string quote_identifier(const std::string& name) const = 0;
  // Standard SQL string literal: quotes doubled.
  virtual std::string quote_literal(const std::string& text) const {
    std::string out = "'";
    for (char c : text) {
      if (c == '\'') out += '\'';
      out += c;
    }
    return out + "'";
  }
  // Returns the statements for `op`; throw Unsupported for an op this dialect does not know.
  virtual std::vector<std::string> render_operation(const std::string& op, const Value& args,
                                                    const Session& session) const = 0;
  // Throw Failure when this dialect cannot perform `op` as written.
  virtual void check_operation(const std::string& /*op*/, const Value& /*args*/) const {}
  // Returns the statements for a host statement kind (version table, locks, offline BEGIN/COMMIT).
  virtual std::vector<std::string> render_statement(retort_statement_kind kind,
                                                    const std::vector<std::string>& args) const = 0;
  // Takes the session lock `name` keyed within `schema`, waiting up to `timeout_seconds` (0: not at all).
  // By default through the RETORT_STMT_LOCK_ACQUIRE statements: none means not needed, a first cell of 0,
  // false or NULL a timeout. Override to answer from the server directly.
  virtual retort_lock_outcome lock(const Session& session, const std::string& schema, const std::string& name,
                                   int timeout_seconds) const {
    const auto statements = render_statement(RETORT_STMT_LOCK_ACQUIRE, {schema, name, std::to_string(timeout_seconds)});
    if (statements.empty()) return RETORT_LOCK_NOT_NEEDED;
    for (const auto& s : statements) {
      const auto rows = session.query(s);
      if (rows.empty() || rows.front().empty()) continue;
      const auto& cell = rows.front()[0];
      if (!cell || *cell == "0" || *cell == "f" || *cell == "false") return RETORT_LOCK_TIMED_OUT;
    }
    return RETORT_LOCK_GRANTED;
  }
  virtual void unlock(const Session& session, const std::string& schema, const std::string& name) const {
    for (const auto& s : render_statement(RETORT_STMT_LOCK_RELEASE, {schema, name})) session.query(s);
  }
};

// ---- Driver -----------------------------------------------------------------------------------------------

using RowFn = std::function<bool(const Row&)>;  // return false to stop

class Connection {
 public:
  virtual ~Connection() = default;
  virtual void execute(const std::string& sql) = 0;
  virtual void query(const std::string& sql, const RowFn& on_row) = 0;
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  // Runs `sqls` as one unit: all take effect or none does (ABI 1.3). retort calls it with no transaction
  // open, for data changes and its own bookkeeping. Override it to send them in fewer round trips; the
  // default is begin(), each statement, commit(), and rollback() before a failure is rethrown.
  virtual void execute_atomically(const std::vector<std::string>& sqls) {
    begin();
    try {
      for (const auto& sql : sqls) execute(sql);
      commit();
    } catch (...) {
      try {
        rollback();
      } catch (...) {
        // The statement's failure is the one to report; a connection that cannot roll back is gone anyway.
      }
      throw;
    }
  }
};

struct ConnectParams {
  std::string dialect, driver, username, password, host, database;
  int port = 0;
  std::vector<std::pair<std::string, std::string>> options;

  const std::string* option(const std::string& key) const {
    for (const auto& kv : options)
      if (kv.first == key) return &kv.second;
    return nullptr;
  }
};

class Driver {
 public:
  virtual ~Driver() = default;
  virtual std::unique_ptr<Connection> connect(const ConnectParams& params) const = 0;
};

// ---- Operation ------------------------------------------------------------------------------------------

// The dialect an operation is being rendered for.
class RenderContext {
 public:
  explicit RenderContext(retort_render_context* ctx) : ctx_(ctx) {}
  std::string dialect() const { return host().context_dialect(ctx_); }
  // The SQL family of the dialect: "sqlite" for a dialect that speaks SQLite's SQL under another name;
  // its name when it is a family of its own. Branch on this, not on dialect(), to serve such dialects.
  std::string family() const { return host().context_dialect_family(ctx_); }
  std::string quote(const std::string& name) const { return host().context_quote_identifier(ctx_, name.c_str()); }
  std::string literal(const std::string& text) const { return host().context_quote_literal(ctx_, text.c_str()); }
  // "schema"."name", or "name" when schema is empty.
  std::string qualified(const std::string& schema, const std::string& name) const {
    return schema.empty() ? quote(name) : quote(schema) + "." + quote(name);
  }

 private:
  retort_render_context* ctx_;
};

class Operation {
 public:
  virtual ~Operation() = default;
  // The statements for the context's dialect; throw Unsupported (or Failure) for a dialect it cannot serve.
  virtual std::vector<std::string> render(const RenderContext& ctx, const Value& args, const Session& session) const = 0;
  // Throw Failure when `args` cannot work on the context's dialect; runs before anything is applied.
  virtual void check(const RenderContext& /*ctx*/, const Value& /*args*/) const {}
};

struct Field {
  const char* name;
  retort_field_kind kind;
  bool required = false;
};

// ---- Adapters from the C++ classes to the C tables -----------------------------------------------------------

namespace detail {

inline std::string str_or_empty(const char* s) { return s ? s : ""; }

// A new, empty T for one call of a table helper (dialect(), driver(), operation(), the descriptor): a table
// belongs to the call that made it, never to a C++ type, so one class may stand behind several roles. The
// host keeps pointers into the tables until the process ends (plugins are never unloaded), so they are never
// destroyed, not even at exit, and never move (list nodes).
template <class T>
T& new_table() {
  static auto* tables = new std::forward_list<T>();
  return tables->emplace_front();
}

template <class D>
const D& dialect_instance() {
  static const D instance;
  return instance;
}

template <class D>
struct DialectAdapter {
  static retort_status quote_identifier(const char* name, retort_sink* out, retort_error* err) {
    return guard(err, [&] {
      Sink(out).write(dialect_instance<D>().quote_identifier(name));
      return RETORT_OK;
    });
  }
  static retort_status quote_literal(const char* text, retort_sink* out, retort_error* err) {
    return guard(err, [&] {
      Sink(out).write(dialect_instance<D>().quote_literal(text));
      return RETORT_OK;
    });
  }
  static retort_status render_operation(const char* op, const retort_value* args, retort_session* session,
                                        retort_sink* out, retort_error* err) {
    return guard(err, [&] {
      Sink sink(out);
      for (const auto& stmt : dialect_instance<D>().render_operation(op, Value(args), Session(session, err)))
        sink.write(stmt);
      return RETORT_OK;
    });
  }
  static retort_status check_operation(const char* op, const retort_value* args, retort_error* err) {
    return guard(err, [&] {
      dialect_instance<D>().check_operation(op, Value(args));
      return RETORT_OK;
    });
  }
  static retort_status render_statement(retort_statement_kind kind, const char* const* args, size_t n,
                                        retort_sink* out, retort_error* err) {
    return guard(err, [&] {
      std::vector<std::string> a;
      for (size_t i = 0; i < n; ++i) a.push_back(str_or_empty(args[i]));
      Sink sink(out);
      for (const auto& stmt : dialect_instance<D>().render_statement(kind, a)) sink.write(stmt);
      return RETORT_OK;
    });
  }
};

template <class D>
struct LockAdapter {
  static retort_status lock(const char* schema, const char* name, int32_t timeout_seconds, retort_session* session,
                            retort_lock_outcome* outcome, retort_error* err) {
    return guard(err, [&] {
      *outcome = dialect_instance<D>().lock(Session(session, err), str_or_empty(schema), str_or_empty(name),
                                            timeout_seconds);
      return RETORT_OK;
    });
  }
  static retort_status unlock(const char* schema, const char* name, retort_session* session, retort_error* err) {
    return guard(err, [&] {
      dialect_instance<D>().unlock(Session(session, err), str_or_empty(schema), str_or_empty(name));
      return RETORT_OK;
    });
  }
};

// The inspector table of a dialect class that also derives from Inspector.
template <class D>
struct InspectorAdapter {
  static retort_status inspect(const char* schema, retort_session* session, retort_sink* out, retort_error* err) {
    return guard(err, [&] {
      const Inspector& inspector = dialect_instance<D>();
      Sink(out).write(schema_document_text(inspector.inspect(str_or_empty(schema), Session(session, err))));
      return RETORT_OK;
    });
  }
  static const retort_inspector* table() {
    retort_inspector& t = new_table<retort_inspector>();
    t.struct_size = sizeof(retort_inspector);
    t.features = static_cast<const Inspector&>(dialect_instance<D>()).inspect_features();
    t.inspect = &inspect;
    return &t;
  }
};

template <class D>
struct DriverAdapter {
  static Connection& self(retort_connection* c) { return *reinterpret_cast<Connection*>(c); }

  static retort_status connect(const retort_connect_params* p, retort_connection** out, retort_error* err) {
    return guard(err, [&] {
      ConnectParams params;
      params.dialect = str_or_empty(p->dialect);
      params.driver = str_or_empty(p->driver);
      params.username = str_or_empty(p->username);
      params.password = str_or_empty(p->password);
      params.host = str_or_empty(p->host);
      params.port = p->port;
      params.database = str_or_empty(p->database);
      for (size_t i = 0; i < p->option_count; ++i)
        params.options.emplace_back(str_or_empty(p->option_keys[i]), str_or_empty(p->option_values[i]));
      static const D driver;
      *out = reinterpret_cast<retort_connection*>(driver.connect(params).release());
      return RETORT_OK;
    });
  }
  static void disconnect(retort_connection* c) noexcept {
    try {
      delete reinterpret_cast<Connection*>(c);
    } catch (...) {
      // A destructor that throws must not take the host down; the connection is gone either way.
    }
  }
  static retort_status execute(retort_connection* c, const char* sql, retort_error* err) {
    return guard(err, [&] {
      self(c).execute(sql);
      return RETORT_OK;
    });
  }
  static retort_status query(retort_connection* c, const char* sql, retort_row_fn on_row, void* user,
                             retort_error* err) {
    return guard(err, [&] {
      self(c).query(sql, [&](const Row& row) {
        std::vector<const char*> cells;
        cells.reserve(row.size());
        for (const auto& cell : row) cells.push_back(cell ? cell->c_str() : nullptr);
        return on_row(user, cells.size(), cells.data()) == 0;
      });
      return RETORT_OK;
    });
  }
  static retort_status begin(retort_connection* c, retort_error* err) {
    return guard(err, [&] {
      self(c).begin();
      return RETORT_OK;
    });
  }
  static retort_status commit(retort_connection* c, retort_error* err) {
    return guard(err, [&] {
      self(c).commit();
      return RETORT_OK;
    });
  }
  static retort_status rollback(retort_connection* c, retort_error* err) {
    return guard(err, [&] {
      self(c).rollback();
      return RETORT_OK;
    });
  }
  static retort_status execute_atomically(retort_connection* c, const char* const* sqls, size_t count,
                                          retort_error* err) {
    return guard(err, [&] {
      std::vector<std::string> statements;
      statements.reserve(count);
      for (size_t i = 0; i < count; ++i) statements.push_back(str_or_empty(sqls[i]));
      self(c).execute_atomically(statements);
      return RETORT_OK;
    });
  }
};

template <class O>
struct OperationAdapter {
  static const O& instance() {
    static const O op;
    return op;
  }
  static retort_status check(retort_render_context* ctx, const retort_value* args, retort_error* err) {
    return guard(err, [&] {
      instance().check(RenderContext(ctx), Value(args));
      return RETORT_OK;
    });
  }
  static retort_status render(retort_render_context* ctx, const retort_value* args, retort_session* session,
                              retort_sink* out, retort_error* err) {
    return guard(err, [&] {
      Sink sink(out);
      for (const auto& stmt : instance().render(RenderContext(ctx), Value(args), Session(session, err))) sink.write(stmt);
      return RETORT_OK;
    });
  }
};

struct RoleList {
  std::vector<const retort_dialect*> dialects;
  std::vector<const retort_driver*> drivers;
  std::vector<const retort_operation*> operations;
};

inline void add_role(RoleList& roles, const retort_dialect* d) { roles.dialects.push_back(d); }
inline void add_role(RoleList& roles, const retort_driver* d) { roles.drivers.push_back(d); }
inline void add_role(RoleList& roles, const retort_operation* o) { roles.operations.push_back(o); }

// The plugin's side of the version negotiation (the host has already checked the plugin's): a host of
// another major, or one whose table of services is older than this SDK's, is refused.
inline retort_status init_host(const retort_host_api* host, retort_error* err) {
  if (!host) return RETORT_ERROR;
  if (host->abi_major != RETORT_ABI_MAJOR || host->struct_size < sizeof(retort_host_api)) {
    std::string why = "this plugin was built with the retort SDK for ABI " + std::to_string(RETORT_ABI_MAJOR) + "." +
                      std::to_string(RETORT_ABI_MINOR) + ", but the host offers ABI " +
                      std::to_string(host->abi_major) + "." + std::to_string(host->abi_minor);
    host->report_error(err, why.c_str(), nullptr, nullptr);
    return RETORT_ERROR;
  }
  g_host = host;
  return RETORT_OK;
}

struct Descriptor {
  RoleList roles;
  retort_plugin plugin{};
};

template <class... Roles>
const retort_plugin* make_plugin(const char* name, const char* version, const char* description,
                                 Roles... roles) {
  Descriptor& d = new_table<Descriptor>();
  (add_role(d.roles, roles), ...);
  d.plugin.struct_size = sizeof(retort_plugin);
  d.plugin.abi_major = RETORT_ABI_MAJOR;
  d.plugin.abi_minor = RETORT_ABI_MINOR;
  d.plugin.name = name;
  d.plugin.version = version;
  d.plugin.description = description;
  d.plugin.init = &init_host;
  d.plugin.dialect_count = d.roles.dialects.size();
  d.plugin.dialects = d.roles.dialects.data();
  d.plugin.driver_count = d.roles.drivers.size();
  d.plugin.drivers = d.roles.drivers.data();
  d.plugin.operation_count = d.roles.operations.size();
  d.plugin.operations = d.roles.operations.data();
  return &d.plugin;
}

}  // namespace detail

// Each of dialect(), driver() and operation() makes a new table per call: one class may stand behind several
// names (two operations, a dialect under two names), each call with its own name and fields. The class's
// instance is still one per class, shared by all its tables and threads.

// The dialect role table for class D (default-constructible, const methods, shared across threads). A D that
// also derives from Inspector gets the inspector table (ABI 1.2).
// `aliases`: further URL names, comma-separated; `family`: the dialect whose SQL this one speaks.
template <class D>
const retort_dialect* dialect(const char* name, const char* aliases = nullptr, const char* family = nullptr) {
  retort_dialect& t = detail::new_table<retort_dialect>();
  t.struct_size = sizeof(retort_dialect);
  t.name = name;
  t.aliases = aliases;
  t.capabilities = detail::dialect_instance<D>().capabilities();
  t.quote_identifier = &detail::DialectAdapter<D>::quote_identifier;
  t.quote_literal = &detail::DialectAdapter<D>::quote_literal;
  t.render_operation = &detail::DialectAdapter<D>::render_operation;
  t.check_operation = &detail::DialectAdapter<D>::check_operation;
  t.render_statement = &detail::DialectAdapter<D>::render_statement;
  t.family = family;
  if constexpr (std::is_base_of_v<Inspector, D>) t.inspector = detail::InspectorAdapter<D>::table();
  t.lock = &detail::LockAdapter<D>::lock;
  t.unlock = &detail::LockAdapter<D>::unlock;
  return &t;
}

// The driver role table for class D; `default_for` lists the dialects it serves when a URL names no driver.
template <class D>
const retort_driver* driver(const char* name, const char* default_for = nullptr) {
  retort_driver& t = detail::new_table<retort_driver>();
  t.struct_size = sizeof(retort_driver);
  t.name = name;
  t.default_for = default_for;
  t.connect = &detail::DriverAdapter<D>::connect;
  t.disconnect = &detail::DriverAdapter<D>::disconnect;
  t.execute = &detail::DriverAdapter<D>::execute;
  t.query = &detail::DriverAdapter<D>::query;
  t.begin = &detail::DriverAdapter<D>::begin;
  t.commit = &detail::DriverAdapter<D>::commit;
  t.rollback = &detail::DriverAdapter<D>::rollback;
  t.execute_atomically = &detail::DriverAdapter<D>::execute_atomically;
  return &t;
}

// The operation role table for class O: `op = name` in revision files, with these fields. A class behind
// several operations finds the one a call is for in args["op"].
template <class O>
const retort_operation* operation(const char* name, std::initializer_list<Field> fields, const char* inverse = nullptr) {
  struct Storage {
    std::vector<retort_field> fields;
    std::vector<const retort_field*> pointers;
    retort_operation table{};
  };
  Storage& storage = detail::new_table<Storage>();
  storage.fields.reserve(fields.size());
  for (const Field& f : fields) storage.fields.push_back({sizeof(retort_field), f.name, f.kind, f.required ? 1 : 0});
  storage.pointers.reserve(storage.fields.size());
  for (const auto& f : storage.fields) storage.pointers.push_back(&f);
  retort_operation& t = storage.table;
  t.struct_size = sizeof(retort_operation);
  t.name = name;
  t.field_count = storage.pointers.size();
  t.fields = storage.pointers.data();
  t.inverse = inverse;
  t.check = &detail::OperationAdapter<O>::check;
  t.render = &detail::OperationAdapter<O>::render;
  return &t;
}

}  // namespace retort::sdk

// Defines the plugin's entry point. Arguments: name, version, description, then role tables.
#define RETORT_PLUGIN(name, version, description, ...)                                            \
  extern "C" RETORT_PLUGIN_EXPORT const retort_plugin* retort_plugin_entry(void) {                \
    static const retort_plugin* plugin =                                                          \
        ::retort::sdk::detail::make_plugin(name, version, description, __VA_ARGS__);              \
    return plugin;                                                                                \
  }
