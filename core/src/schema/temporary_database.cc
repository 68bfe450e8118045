#include "schema/temporary_database.h"


#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <optional>
#include <random>

namespace retort {
namespace {

// Held by the session that uses a temporary database, keyed within that database.
constexpr const char* kInUseLock = "retort:scratch";

int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// 8 hex digits of the creation time and 4 random ones: the time tells the next run a database left
// behind from one whose creator has not locked it yet.
std::string new_name() {
  std::random_device random;
  char hex[16];
  std::snprintf(hex, sizeof hex, "%08llx%04x", static_cast<unsigned long long>(now_seconds()) & 0xffffffffULL,
                static_cast<unsigned>(random()) & 0xffffU);
  return std::string(TemporaryDatabase::kPrefix) + hex;
}

// When a database named by new_name() was created; nothing for any other name.
std::optional<int64_t> created_at(const std::string& name) {
  const std::string prefix = TemporaryDatabase::kPrefix;
  if (name.size() != prefix.size() + 12 || name.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  for (size_t i = prefix.size(); i < name.size(); ++i)
    if (!std::isxdigit(static_cast<unsigned char>(name[i])) || std::isupper(static_cast<unsigned char>(name[i])))
      return std::nullopt;
  return static_cast<int64_t>(std::stoull(name.substr(prefix.size(), 8), nullptr, 16));
}

DatabaseConfig config_for(const DatabaseConfig& live, const std::string& database) {
  DatabaseConfig c = live;
  c.url.database = database;
  c.scratch_auto = false;
  c.scratch_url.reset();
  return c;
}

// The dialect's statements for `kind` on database `name`; an error when it has none.
Result<std::vector<std::string>> statements(Database& admin, retort_statement_kind kind, const std::string& name) {
  RETORT_ASSIGN_OR_RETURN(auto sql, admin.render_statement(kind, {"", name}));
  if (sql.empty())
    return Error("the " + admin.dialect_name() + " dialect cannot create and drop databases, which scratch = \"auto\" needs")
        .at("database '" + admin.name() + "'")
        .hint("set scratch = \"URL\" to an empty database retort may fill and empty");
  return sql;
}

Status run_all(Database& admin, const std::vector<std::string>& sql) {
  for (const auto& s : sql) RETORT_TRY(admin.execute(s));
  return Status();
}

// Drops what killed runs left behind: databases of ours, old enough, whose in-use lock nobody holds. Best
// effort: a database this run cannot reach or drop is left for a later one.
void drop_stale(const PluginHost& plugins, Database& admin, const DatabaseConfig& live, int stale_after_seconds) {
  auto list = statements(admin, RETORT_STMT_DATABASE_LIST, TemporaryDatabase::kPrefix);
  if (!list.ok()) return;
  std::vector<std::string> names;
  for (const auto& q : *list) {
    auto rows = admin.query(q);
    if (!rows.ok()) return;
    for (const auto& row : *rows)
      if (!row.empty() && row[0]) names.push_back(*row[0]);
  }
  const int64_t now = now_seconds();
  for (const auto& name : names) {
    auto created = created_at(name);
    if (!created || now - *created < stale_after_seconds) continue;
    const DatabaseConfig config = config_for(live, name);
    {
      auto session = Database::connect(plugins, config);
      if (!session.ok()) continue;
      auto free = session->lock("", kInUseLock, 0);
      // Held: a run is still working in it. A dialect without locks cannot tell, so nothing is dropped.
      if (!free.ok() || *free != LockOutcome::kGranted) continue;
    }  // the session ends here, and with it the lock
    if (auto drop = statements(admin, RETORT_STMT_DATABASE_DROP, name); drop.ok()) (void)run_all(admin, *drop);
  }
}

}  // namespace

Result<std::unique_ptr<TemporaryDatabase>> TemporaryDatabase::create(const PluginHost& plugins,
                                                                     const DatabaseConfig& live,
                                                                     int stale_after_seconds) {
  const std::string where = "database '" + live.name + "'";
  for (const auto& option : live.url.options)
    if (option.first == "odbc_connect")
      return Error("scratch = \"auto\" names the scratch database in the URL's path, and this URL's database is "
                   "inside odbc_connect")
          .at(where)
          .hint("set scratch = \"URL\" to an empty database retort may fill and empty");
  auto admin_config = std::make_unique<DatabaseConfig>(live);
  RETORT_ASSIGN_OR_RETURN(Database admin, Database::connect(plugins, *admin_config));
  // Between creating a database and locking it lies a connect: never mistake that for a killed run.
  constexpr int kShortestStaleAge = 10;
  drop_stale(plugins, admin, live, std::max(stale_after_seconds, kShortestStaleAge));

  const std::string name = new_name();
  RETORT_ASSIGN_OR_RETURN(auto create, statements(admin, RETORT_STMT_DATABASE_CREATE, name));
  Status created = run_all(admin, create);
  if (!created.ok())
    return std::move(created).error().at("creating the scratch database " + name).at(where).default_hint(
        "scratch = \"auto\" needs the right to create databases named " + std::string(kPrefix) +
        "* on this server (PostgreSQL: CREATEDB; MySQL: CREATE and DROP on `" + kPrefix +
        "%`), or set scratch = \"URL\" to an empty database");
  auto config = std::make_unique<DatabaseConfig>(config_for(live, name));
  return std::unique_ptr<TemporaryDatabase>(
      new TemporaryDatabase(std::move(admin_config), std::move(admin), std::move(config)));
}

TemporaryDatabase::TemporaryDatabase(std::unique_ptr<DatabaseConfig> admin_config, Database admin,
                                     std::unique_ptr<DatabaseConfig> config)
    : admin_config_(std::move(admin_config)),
      admin_(std::move(admin)),
      config_(std::move(config)) {
  on_interrupt_.emplace([this] { drop(); });
}

TemporaryDatabase::~TemporaryDatabase() {
  on_interrupt_.reset();  // waits for an interrupt's drop in progress, so the two never overlap
  drop();
}

void TemporaryDatabase::drop() {
  std::lock_guard<std::mutex> lock(admin_mutex_);
  if (dropped_) return;
  dropped_ = true;
  if (auto sql = statements(admin_, RETORT_STMT_DATABASE_DROP, config_->url.database); sql.ok())
    (void)run_all(admin_, *sql);
}

Status TemporaryDatabase::recreate() {
  std::lock_guard<std::mutex> lock(admin_mutex_);
  if (dropped_) return Error("the scratch database was dropped: retort is being interrupted");
  const std::string& name = config_->url.database;
  RETORT_ASSIGN_OR_RETURN(auto drop_sql, statements(admin_, RETORT_STMT_DATABASE_DROP, name));
  RETORT_ASSIGN_OR_RETURN(auto create_sql, statements(admin_, RETORT_STMT_DATABASE_CREATE, name));
  RETORT_TRY(run_all(admin_, drop_sql));
  return run_all(admin_, create_sql);
}

Status TemporaryDatabase::hold(Database& session) {
  RETORT_ASSIGN_OR_RETURN(LockOutcome outcome, session.lock("", kInUseLock, 0));
  if (outcome == LockOutcome::kTimedOut)
    return Error("another session holds the scratch database " + session.config().url.database + " that retort just created")
        .at("database '" + session.name() + "'");
  return Status();
}

}  // namespace retort
