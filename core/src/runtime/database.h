// One configured database as retort talks to it: the dialect that renders its SQL and, when online, the
// driver connection that runs it. Every failure comes back as an Error naming the database, with the
// statement that failed and the password masked.
#pragma once

#include "config/config.h"
#include "ops/dialect_variants.h"
#include "ops/op_catalogue.h"
#include "plugin/plugin_host.h"
#include "util/status.h"

#include <retort/retort_plugin.h>
#include <toml++/toml.h>

#include <optional>
#include <string>
#include <vector>

namespace retort {

using SqlRow = std::vector<std::optional<std::string>>;

enum class LockOutcome { kGranted, kTimedOut, kNotNeeded };

class Database {
 public:
  // Connects through the URL's driver.
  static Result<Database> connect(const PluginHost& plugins, const DatabaseConfig& config);
  // The dialect alone, for offline --sql output.
  static Result<Database> offline(const PluginHost& plugins, const DatabaseConfig& config);

  Database(Database&& other) noexcept;
  Database& operator=(Database&&) = delete;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  const DatabaseConfig& config() const { return *config_; }
  const std::string& name() const { return config_->name; }
  std::string dialect_name() const { return dialect_->name; }
  // How per-dialect values in revision files are picked for this database's dialect.
  DialectVariants variants() const;
  bool online() const { return connection_ != nullptr; }
  bool transactional_ddl() const { return has_capability(RETORT_CAP_TRANSACTIONAL_DDL); }
  bool has_capability(uint64_t bit) const { return (dialect_->capabilities & bit) != 0; }

  Status execute(const std::string& sql);
  // Each of `rendered` in turn, or the error that rendering them gave (retort's own bookkeeping, which
  // is never echoed; a run's statements go through a StatementTarget).
  Status execute_each(const Result<std::vector<std::string>>& rendered);
  // Runs `sqls` as one unit, all or nothing, with no transaction open: statements a transaction can hold
  // (data changes, retort's bookkeeping). Through the driver's execute_atomically (ABI 1.3) where it has
  // one, in as few round trips as the database allows; else begin, each statement, commit (rollback on a
  // failure). The error names the failing statement.
  Status execute_atomically(const std::vector<std::string>& sqls);
  Result<std::vector<SqlRow>> query(const std::string& sql);
  // The first column of the first row `sql` gives; nullopt when it gives no row, or NULL there.
  Result<std::optional<std::string>> query_value(const std::string& sql);
  Status begin();
  Status commit();
  Status rollback();

  // The statements for an operation already resolved for this dialect, from the operation's plugin or
  // else the dialect. Online, they may read the live schema (SQLite table rebuilds). Offline, a failure
  // that only the live database would avoid sets `*needs_live_database`.
  Result<std::vector<std::string>> render_operation(const OpSpec& op, const toml::table& args,
                                                    bool* needs_live_database = nullptr);
  // What render_operation() gives offline, without reading the live schema: a look at an operation's
  // statements before the operations ahead of it have run (whose effect a live rendering may read). An
  // error where only the live database would tell.
  Result<std::vector<std::string>> preview_operation(const OpSpec& op, const toml::table& args);
  // Asks the operation's plugin or the dialect whether it can perform `op`, before anything runs.
  Status check_operation(const OpSpec& op, const toml::table& args);
  Result<std::vector<std::string>> render_statement(retort_statement_kind kind, const std::vector<std::string>& args);
  // The dialect's query for a fingerprint of the connection's own schema (ABI 1.3,
  // RETORT_STMT_SCHEMA_FINGERPRINT), to run or to nest as a scalar subquery: "" when the dialect has none,
  // or when its first run on this connection failed or broke the contract (a server too old for the
  // catalog it reads); that first run is the only one it costs.
  const std::string& fingerprint_query();
  // Whether the dialect can read a schema back (ABI 1.2 inspector).
  bool can_inspect() const;
  // The live schema `schema` ("" for the connection's own) as the dialect's inspector writes it: a schema
  // document (docs/schema-files.md). An error naming the plugin when the dialect has no inspector.
  Result<std::string> inspect(const std::string& schema);
  // Takes the session lock `name`, keyed within `schema` ("" for the connection's own), waiting up to
  // `timeout_seconds` (0: not at all): the dialect's lock entry (1.2), or its RETORT_STMT_LOCK_ACQUIRE
  // statements (1.1: a first cell of 0, false or NULL is a timeout; no statements, not needed).
  Result<LockOutcome> lock(const std::string& schema, const std::string& name, int timeout_seconds);
  Status unlock(const std::string& schema, const std::string& name);
  // `name` quoted by the dialect.
  Result<std::string> quote_identifier(const std::string& name);
  // `text` as the dialect's string literal.
  Result<std::string> quote_literal(const std::string& text);

 private:
  Database(const PluginHost& plugins, const DatabaseConfig& config, const retort_dialect* dialect,
           const retort_driver* driver)
      : plugins_(&plugins), config_(&config), dialect_(dialect), driver_(driver) {}
  // The error for a failed plugin call on `role` (the driver, dialect or operation table that failed);
  // a plugin that broke the ABI is named, with the hint that it has a bug.
  Error failure(const retort_error& err, const std::string& what, const void* role) const;
  // render_operation(), handing the plugin the live session only when `live_schema`.
  Result<std::vector<std::string>> render_with(const OpSpec& op, const toml::table& args, bool live_schema,
                                               bool* needs_live_database);

  const PluginHost* plugins_;
  const DatabaseConfig* config_;
  const retort_dialect* dialect_;
  const retort_driver* driver_;
  retort_connection* connection_ = nullptr;
  bool in_transaction_ = false;
  std::optional<std::string> fingerprint_query_;  // fingerprint_query(), once asked
};

}  // namespace retort
