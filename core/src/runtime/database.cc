#include "runtime/database.h"

#include "plugin/host_api.h"
#include "util/strings.h"

namespace retort {

Result<Database> Database::offline(const PluginHost& plugins, const DatabaseConfig& config) {
  auto dialect = plugins.dialect(config.url.dialect);
  if (!dialect.ok()) return std::move(dialect).error().at("database '" + config.name + "'");
  return Database(config, *dialect, nullptr);
}

Result<Database> Database::connect(const PluginHost& plugins, const DatabaseConfig& config) {
  const std::string where = "database '" + config.name + "' (" + config.url.masked() + ")";
  auto dialect = plugins.dialect(config.url.dialect);
  if (!dialect.ok()) return std::move(dialect).error().at(where);
  auto driver = plugins.driver(config.url.dialect, config.url.driver);
  if (!driver.ok()) return std::move(driver).error().at(where);
  Database db(config, *dialect, *driver);

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
  if ((*driver)->connect(&params, &conn, &err) != RETORT_OK || !conn)
    return Error("cannot connect: " + redact(one_line(err.set ? err.message : "the driver gave no reason"), u.password))
        .at(where)
        .hint("check the URL, that the server is running, and the credentials");
  db.connection_ = conn;
  return db;
}

Database::Database(Database&& other) noexcept
    : config_(other.config_),
      dialect_(other.dialect_),
      driver_(other.driver_),
      connection_(other.connection_),
      in_transaction_(other.in_transaction_) {
  other.connection_ = nullptr;
}

Database::~Database() {
  if (!connection_) return;
  if (in_transaction_) {
    retort_error err;
    driver_->rollback(connection_, &err);
  }
  driver_->disconnect(connection_);
}

Error Database::failure(const retort_error& err, const std::string& what) const {
  std::string msg = err.set ? one_line(err.message) : what + " failed without a message";
  if (!err.sqlstate.empty()) msg += " (SQLSTATE " + err.sqlstate + ")";
  if (!err.statement.empty()) msg += "\n  statement: " + err.statement;
  return Error(redact(msg, config_->url.password)).at("database '" + config_->name + "'");
}

Status Database::execute(const std::string& sql) {
  retort_error err;
  if (driver_->execute(connection_, sql.c_str(), &err) != RETORT_OK) {
    if (err.statement.empty()) err.statement = sql;
    return failure(err, "statement");
  }
  return Status();
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
  if (driver_->query(connection_, sql.c_str(), collect, &rows, &err) != RETORT_OK) {
    if (err.statement.empty()) err.statement = sql;
    return failure(err, "query");
  }
  return rows;
}

Status Database::begin() {
  retort_error err;
  if (driver_->begin(connection_, &err) != RETORT_OK) return failure(err, "BEGIN");
  in_transaction_ = true;
  return Status();
}

Status Database::commit() {
  retort_error err;
  in_transaction_ = false;
  if (driver_->commit(connection_, &err) != RETORT_OK) return failure(err, "COMMIT");
  return Status();
}

Status Database::rollback() {
  retort_error err;
  in_transaction_ = false;
  if (driver_->rollback(connection_, &err) != RETORT_OK) return failure(err, "ROLLBACK");
  return Status();
}

Result<std::vector<std::string>> Database::render_operation(const OpSpec& op, const toml::table& args) {
  retort_sink sink;
  retort_error err;
  retort_session session{driver_, connection_};
  retort_session* live = connection_ ? &session : nullptr;
  retort_status st;
  if (op.plugin) {
    retort_render_context ctx;
    ctx.dialect = dialect_;
    st = op.plugin->render(&ctx, as_value(&args), live, &sink, &err);
  } else {
    st = dialect_->render_operation(op.name.c_str(), as_value(&args), live, &sink, &err);
  }
  if (st == RETORT_UNSUPPORTED)
    return Error("operation '" + op.name + "' cannot be rendered for the " + dialect_name() + " dialect" +
                 (err.set ? ": " + err.message : std::string()));
  if (st != RETORT_OK) return failure(err, "rendering " + op.name);
  return std::move(sink.items);
}

Status Database::check_operation(const OpSpec& op, const toml::table& args) {
  retort_error err;
  retort_status st = RETORT_OK;
  if (op.plugin) {
    retort_render_context ctx;
    ctx.dialect = dialect_;
    if (op.plugin->check) st = op.plugin->check(&ctx, as_value(&args), &err);
  } else if (dialect_->check_operation) {
    st = dialect_->check_operation(op.name.c_str(), as_value(&args), &err);
  }
  if (st == RETORT_ERROR) return Error(err.set ? err.message : "not supported").at(dialect_name());
  return Status();
}

Result<std::vector<std::string>> Database::render_statement(retort_statement_kind kind,
                                                            const std::vector<std::string>& args) {
  std::vector<const char*> raw;
  for (const auto& a : args) raw.push_back(a.c_str());
  retort_sink sink;
  retort_error err;
  retort_status st = dialect_->render_statement(kind, raw.data(), raw.size(), &sink, &err);
  if (st == RETORT_UNSUPPORTED) return std::vector<std::string>{};
  if (st != RETORT_OK) return failure(err, "rendering statement " + std::to_string(kind));
  return std::move(sink.items);
}

}  // namespace retort
