#include "runtime/database.h"

#include "config/secrets.h"
#include "plugin/host_api.h"
#include "plugin/plugin_call.h"
#include "runtime/member_schema.h"
#include "util/strings.h"

namespace retort {

Result<Database> Database::offline(const PluginHost& plugins, const DatabaseConfig& config) {
  auto dialect = plugins.dialect(config.url.dialect);
  if (!dialect.ok()) return std::move(dialect).error().at("database '" + config.name + "'");
  return Database(plugins, config, *dialect, nullptr);
}

Result<Database> Database::connect(const PluginHost& plugins, const DatabaseConfig& config) {
  const std::string where = "database '" + config.name + "' (" + config.url.masked() + ")";
  auto dialect = plugins.dialect(config.url.dialect);
  if (!dialect.ok()) return std::move(dialect).error().at(where);
  auto driver = plugins.driver(config.url.dialect, config.url.driver);
  if (!driver.ok()) return std::move(driver).error().at(where);
  Database db(plugins, config, *dialect, *driver);

  const Url& u = config.url;
  std::vector<const char*> keys, values;
  for (const auto& [k, v] : u.options) {
    keys.push_back(k.c_str());
    values.push_back(v.c_str());
  }
  retort_connect_params params{};
  params.struct_size = sizeof(params);
  params.dialect = u.dialect.c_str();
  params.driver = u.driver.c_str();
  params.username = u.username.c_str();
  params.password = u.password.c_str();
  params.host = u.host.c_str();
  params.port = u.port;
  params.database = u.database.c_str();
  params.option_count = keys.size();
  params.option_keys = keys.data();
  params.option_values = values.data();
  retort_error err;
  retort_connection* conn = nullptr;
  retort_status st = call_driver("the driver's connect", &err, [&] { return (*driver)->connect(&params, &conn, &err); });
  if (st == RETORT_OK && !conn) record_abi_violation(&err, "the driver's connect succeeded but returned no connection");
  if (err.abi_violation) return db.failure(err, "connect", *driver).at(where);
  if (st != RETORT_OK)
    return Error("cannot connect: " + one_line(redact(err.message, u.secrets())))
        .at(where)
        .hint("check the URL, that the server is running, and the credentials");
  db.connection_ = conn;
  Status schema = use_member_schema(db);
  if (!schema.ok()) return std::move(schema).error().at(where);
  return db;
}

DialectVariants Database::variants() const { return {dialect_->name, dialect_family(dialect_)}; }

Database::Database(Database&& other) noexcept
    : plugins_(other.plugins_),
      config_(other.config_),
      dialect_(other.dialect_),
      driver_(other.driver_),
      connection_(other.connection_),
      in_transaction_(other.in_transaction_),
      fingerprint_query_(std::move(other.fingerprint_query_)) {
  other.connection_ = nullptr;
}

Database::~Database() {
  if (!connection_) return;
  if (in_transaction_) {
    retort_error err;
    call_driver("the driver's rollback", &err, [&] { return driver_->rollback(connection_, &err); });
  }
  call_plugin_void("the driver's disconnect", nullptr, [&] { driver_->disconnect(connection_); });
}

Error Database::failure(const retort_error& err, const std::string& what, const void* role) const {
  // Redacted before one_line joins whitespace, which would hide a password holding a run of it.
  const std::vector<std::string> secrets = config_->url.secrets();
  std::string msg = err.set ? one_line(redact(err.message, secrets)) : what + " failed without a message";
  if (!err.sqlstate.empty()) msg += " (SQLSTATE " + err.sqlstate + ")";
  if (!err.statement.empty()) msg += "\n  statement: " + redact(err.statement, secrets);
  Error e(msg);
  if (err.abi_violation) e.at(plugins_->origin_of(err.culprit ? err.culprit : role)).hint(kPluginBugHint);
  return std::move(e).at("database '" + config_->name + "'");
}

Status Database::execute_each(const Result<std::vector<std::string>>& rendered) {
  if (!rendered.ok()) return rendered.error();
  for (const auto& sql : *rendered) RETORT_TRY(execute(sql));
  return Status();
}

Status Database::execute(const std::string& sql) {
  retort_error err;
  if (call_driver("the driver's execute", &err, [&] { return driver_->execute(connection_, sql.c_str(), &err); }) !=
      RETORT_OK) {
    if (err.statement.empty()) err.statement = sql;
    return failure(err, "statement", driver_);
  }
  return Status();
}

Status Database::execute_atomically(const std::vector<std::string>& sqls) {
  if (sqls.empty()) return Status();
  if (ExecuteAtomicallyFn atomically = driver_execute_atomically(driver_)) {
    std::vector<const char*> raw;
    raw.reserve(sqls.size());
    for (const auto& sql : sqls) raw.push_back(sql.c_str());
    retort_error err;
    if (call_driver("the driver's execute_atomically", &err,
                    [&] { return atomically(connection_, raw.data(), raw.size(), &err); }) != RETORT_OK) {
      if (err.statement.empty()) err.statement = sqls.front();
      return failure(err, "statement", driver_);
    }
    return Status();
  }
  // A driver built before ABI 1.3 (or one that leaves it to retort): the same unit, a round trip a statement.
  RETORT_TRY(begin());
  for (const auto& sql : sqls) {
    Status st = execute(sql);
    if (!st.ok()) {
      (void)rollback();  // the statement's failure is the one to report
      return st;
    }
  }
  return commit();
}

Result<std::vector<SqlRow>> Database::query(const std::string& sql) {
  std::vector<SqlRow> rows;
  auto collect = [](void* user, size_t n, const char* const* cells) -> int {
    SqlRow row;
    row.reserve(n);
    for (size_t i = 0; i < n; ++i) row.push_back(cells[i] ? std::optional<std::string>(cells[i]) : std::nullopt);
    static_cast<std::vector<SqlRow>*>(user)->push_back(std::move(row));
    return 0;
  };
  retort_error err;
  if (call_driver("the driver's query", &err,
                  [&] { return driver_->query(connection_, sql.c_str(), collect, &rows, &err); }) != RETORT_OK) {
    if (err.statement.empty()) err.statement = sql;
    return failure(err, "query", driver_);
  }
  return rows;
}

Result<std::optional<std::string>> Database::query_value(const std::string& sql) {
  RETORT_ASSIGN_OR_RETURN(auto rows, query(sql));
  if (rows.empty() || rows.front().empty()) return std::optional<std::string>();
  return std::move(rows.front().front());
}

Status Database::begin() {
  retort_error err;
  if (call_driver("the driver's begin", &err, [&] { return driver_->begin(connection_, &err); }) != RETORT_OK)
    return failure(err, "BEGIN", driver_);
  in_transaction_ = true;
  return Status();
}

Status Database::commit() {
  retort_error err;
  in_transaction_ = false;
  if (call_driver("the driver's commit", &err, [&] { return driver_->commit(connection_, &err); }) != RETORT_OK)
    return failure(err, "COMMIT", driver_);
  return Status();
}

Status Database::rollback() {
  retort_error err;
  in_transaction_ = false;
  if (call_driver("the driver's rollback", &err, [&] { return driver_->rollback(connection_, &err); }) != RETORT_OK)
    return failure(err, "ROLLBACK", driver_);
  return Status();
}

Result<std::vector<std::string>> Database::render_operation(const OpSpec& op, const toml::table& args,
                                                            bool* needs_live_database) {
  return render_with(op, args, connection_ != nullptr, needs_live_database);
}

Result<std::vector<std::string>> Database::preview_operation(const OpSpec& op, const toml::table& args) {
  return render_with(op, args, false, nullptr);
}

Result<std::vector<std::string>> Database::render_with(const OpSpec& op, const toml::table& args, bool live_schema,
                                                       bool* needs_live_database) {
  retort_sink sink;
  retort_error err;
  retort_session session{driver_, connection_};
  retort_session* live = live_schema ? &session : nullptr;
  retort_status st;
  const void* role = op.plugin ? static_cast<const void*>(op.plugin) : dialect_;
  if (op.plugin) {
    retort_render_context ctx;
    ctx.dialect = dialect_;
    st = call_plugin("the operation's render", &err, [&] { return op.plugin->render(&ctx, as_value(&args), live, &sink, &err); });
    // Quoting failed inside the render: the SQL it wrote has holes, whatever the render returned.
    if (ctx.quote_failure) return failure(*ctx.quote_failure, "quoting", dialect_);
  } else {
    st = call_plugin("the dialect's render_operation", &err,
                     [&] { return dialect_->render_operation(op.name.c_str(), as_value(&args), live, &sink, &err); });
  }
  if (st == RETORT_UNSUPPORTED)
    return Error("operation '" + op.name + "' cannot be rendered for the " + dialect_name() + " dialect" +
                 (err.set ? ": " + one_line(redact(err.message, config_->url.secrets())) : std::string()));
  if (st != RETORT_OK) {
    if (needs_live_database) *needs_live_database = err.needs_live_database && !live_schema;
    return failure(err, "rendering " + op.name, role);
  }
  return std::move(sink.items);
}

const std::string& Database::fingerprint_query() {
  if (fingerprint_query_) return *fingerprint_query_;
  fingerprint_query_.emplace();
  auto rendered = render_statement(RETORT_STMT_SCHEMA_FINGERPRINT, {""});
  if (!connection_ || !rendered.ok() || rendered->size() != 1) return *fingerprint_query_;
  // Nested in a progress record, a failing query would fail the record: it is tried once here instead.
  auto rows = query(rendered->front());
  if (!rows.ok() || rows->size() != 1 || rows->front().size() != 1 || !rows->front()[0]) return *fingerprint_query_;
  const std::string& value = *rows->front()[0];
  const size_t tag_end = value.find(':');
  // The history column holds 80 characters; the tag keeps values of other formulas apart.
  if (value.size() > 80 || tag_end == std::string::npos || tag_end == 0) return *fingerprint_query_;
  *fingerprint_query_ = rendered->front();
  return *fingerprint_query_;
}

bool Database::can_inspect() const { return dialect_inspector(dialect_) != nullptr; }

Result<std::string> Database::inspect(const std::string& schema) {
  const retort_inspector* inspector = dialect_inspector(dialect_);
  if (!inspector)
    return Error("the " + dialect_name() + " dialect cannot read a schema back: " + plugins_->origin_of(dialect_) +
                 " has no inspector (ABI 1.2)")
        .at("database '" + name() + "'")
        .hint("upgrade that plugin to one built with the retort SDK 1.2 or later");
  if (!connection_) return Error("reading the schema needs the live database").at("database '" + name() + "'");
  retort_sink sink;
  retort_error err;
  retort_session session{driver_, connection_};
  retort_status st = call_plugin("the dialect's inspect", &err,
                                 [&] { return inspector->inspect(schema.c_str(), &session, &sink, &err); });
  if (st != RETORT_OK) return failure(err, "inspecting the schema", dialect_);
  std::string text;
  for (const auto& item : sink.items) text += item;
  return text;
}

Result<LockOutcome> Database::lock(const std::string& schema, const std::string& name, int timeout_seconds) {
  if (dialect_has_lock(dialect_)) {
    if (!connection_) return Error("a lock needs the live database").at("database '" + this->name() + "'");
    retort_error err;
    retort_session session{driver_, connection_};
    retort_lock_outcome outcome = 0;
    retort_status st = call_plugin("the dialect's lock", &err, [&] {
      return dialect_->lock(schema.c_str(), name.c_str(), timeout_seconds, &session, &outcome, &err);
    });
    if (st != RETORT_OK) return failure(err, "taking lock " + name, dialect_);
    switch (outcome) {
      case RETORT_LOCK_GRANTED: return LockOutcome::kGranted;
      case RETORT_LOCK_TIMED_OUT: return LockOutcome::kTimedOut;
      case RETORT_LOCK_NOT_NEEDED: return LockOutcome::kNotNeeded;
      default:
        record_abi_violation(&err, "the dialect's lock answered outcome " + std::to_string(outcome) +
                                       ", which is none of RETORT_LOCK_GRANTED, _TIMED_OUT, _NOT_NEEDED");
        return failure(err, "taking lock " + name, dialect_);
    }
  }
  RETORT_ASSIGN_OR_RETURN(auto statements,
                          render_statement(RETORT_STMT_LOCK_ACQUIRE, {schema, name, std::to_string(timeout_seconds)}));
  if (statements.empty()) return LockOutcome::kNotNeeded;
  for (const auto& s : statements) {
    RETORT_ASSIGN_OR_RETURN(auto rows, query(s));
    if (rows.empty() || rows.front().empty()) continue;
    const auto& cell = rows.front()[0];
    if (!cell || *cell == "0" || *cell == "f" || *cell == "false") return LockOutcome::kTimedOut;
  }
  return LockOutcome::kGranted;
}

Status Database::unlock(const std::string& schema, const std::string& name) {
  if (dialect_has_lock(dialect_)) {
    if (!connection_) return Status();
    retort_error err;
    retort_session session{driver_, connection_};
    retort_status st = call_plugin("the dialect's unlock", &err, [&] {
      return dialect_->unlock(schema.c_str(), name.c_str(), &session, &err);
    });
    if (st != RETORT_OK) return failure(err, "releasing lock " + name, dialect_);
    return Status();
  }
  RETORT_ASSIGN_OR_RETURN(auto statements, render_statement(RETORT_STMT_LOCK_RELEASE, {schema, name}));
  for (const auto& s : statements) RETORT_TRY(query(s).status());
  return Status();
}

Status Database::check_operation(const OpSpec& op, const toml::table& args) {
  retort_error err;
  retort_status st = RETORT_OK;
  const void* role = op.plugin ? static_cast<const void*>(op.plugin) : dialect_;
  if (op.plugin) {
    retort_render_context ctx;
    ctx.dialect = dialect_;
    if (op.plugin->check)
      st = call_plugin("the operation's check", &err, [&] { return op.plugin->check(&ctx, as_value(&args), &err); });
    if (ctx.quote_failure) return failure(*ctx.quote_failure, "quoting", dialect_);
  } else if (dialect_->check_operation) {
    st = call_plugin("the dialect's check_operation", &err,
                     [&] { return dialect_->check_operation(op.name.c_str(), as_value(&args), &err); });
  }
  if (st != RETORT_ERROR) return Status();
  if (err.abi_violation) return failure(err, "checking " + op.name, role);
  return Error(one_line(redact(err.message, config_->url.secrets()))).at(dialect_name());
}

Result<std::vector<std::string>> Database::render_statement(retort_statement_kind kind,
                                                            const std::vector<std::string>& args) {
  std::vector<const char*> raw;
  raw.reserve(args.size());
  for (const auto& a : args) raw.push_back(a.c_str());
  retort_sink sink;
  retort_error err;
  retort_status st = call_plugin("the dialect's render_statement", &err, [&] {
    return dialect_->render_statement(kind, raw.data(), raw.size(), &sink, &err);
  });
  if (st == RETORT_UNSUPPORTED) return std::vector<std::string>{};
  if (st != RETORT_OK) return failure(err, "rendering statement " + std::to_string(kind), dialect_);
  return std::move(sink.items);
}

Result<std::string> Database::quote_literal(const std::string& text) {
  retort_sink sink;
  retort_error err;
  retort_status st = call_plugin("the dialect's quote_literal", &err,
                                 [&] { return dialect_->quote_literal(text.c_str(), &sink, &err); });
  if (st != RETORT_OK || sink.items.empty()) return failure(err, "quoting a string", dialect_);
  std::string quoted;
  for (const auto& piece : sink.items) quoted += piece;
  return quoted;
}

Result<std::string> Database::quote_identifier(const std::string& name) {
  retort_sink sink;
  retort_error err;
  retort_status st = call_plugin("the dialect's quote_identifier", &err,
                                 [&] { return dialect_->quote_identifier(name.c_str(), &sink, &err); });
  if (st != RETORT_OK || sink.items.empty()) return failure(err, "quoting " + name, dialect_);
  std::string quoted;
  for (const auto& piece : sink.items) quoted += piece;
  return quoted;
}

}  // namespace retort
