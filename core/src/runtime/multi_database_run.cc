#include "runtime/multi_database_run.h"

#include "graph/revision_query.h"
#include "ops/revision_ops.h"
#include "runtime/database.h"
#include "util/line_sink.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

namespace retort {
namespace {

// Calls work(i) for every i in [0, n), up to `jobs` at a time, starting them in order of i.
void for_each_index(size_t n, size_t jobs, const std::function<void(size_t)>& work) {
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < n; i = next++) work(i);
  };
  const size_t threads = std::min(std::max<size_t>(jobs, 1), n);
  if (threads <= 1) {
    worker();
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (size_t k = 0; k < threads; ++k) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
}

DatabaseOutcome failed(const DatabaseConfig* db, Error error) {
  DatabaseOutcome o;
  o.database = db;
  o.state = DatabaseOutcome::State::kFailed;
  o.error = std::move(error);
  return o;
}

DatabaseOutcome skipped(const DatabaseConfig* db, std::string because) {
  DatabaseOutcome o;
  o.database = db;
  o.state = DatabaseOutcome::State::kSkipped;
  o.skipped_because = std::move(because);
  return o;
}

// Names the database whose progress follows, when several run one after another.
void heading(const RunOutput& output, const DatabaseConfig& config) {
  if (!output.quiet) output.progress << "== database " << config.name << " (" << config.url.masked() << ")\n" << std::flush;
}

// "Nothing to do, at REV" after an upgrade or downgrade that ran no step, so a quiet run is not mistaken
// for a hang or a misconfigured target.
void say_if_nothing_to_do(const RunOutput& output, const MigrationRequest& request, const RunReport& report) {
  if (output.quiet || report.steps > 0 || request.command == MigrationRequest::Command::kStamp) return;
  output.progress << "Nothing to do, at " << id_list(report.after)
                  << "\n" << std::flush;
}

}  // namespace

Precheck effective_precheck(Precheck precheck, size_t databases) {
  if (precheck != Precheck::kAuto) return precheck;
  return databases <= kPrecheckAllUpTo ? Precheck::kAll : Precheck::kEach;
}

Precheck effective_precheck(Precheck precheck, const std::vector<const DatabaseConfig*>& databases) {
  if (precheck == Precheck::kAuto && has_fleet_member(databases)) return Precheck::kEach;
  return effective_precheck(precheck, databases.size());
}

bool effective_continue_on_error(bool continue_on_error, const std::vector<const DatabaseConfig*>& databases) {
  return continue_on_error || has_fleet_member(databases);
}

bool all_done(const std::vector<DatabaseOutcome>& outcomes) {
  return std::all_of(outcomes.begin(), outcomes.end(),
                     [](const DatabaseOutcome& o) { return o.state == DatabaseOutcome::State::kDone; });
}

MultiDatabaseRun::MultiDatabaseRun(const CheckedScripts& scripts, const PluginHost& plugins,
                                   const OpCatalogue& catalogue, RunOptions run_options, MultiRunOptions options)
    : scripts_(scripts),
      plugins_(plugins),
      catalogue_(catalogue),
      run_options_(std::move(run_options)),
      options_(options) {}

bool MultiDatabaseRun::preflight(const std::vector<const DatabaseConfig*>& databases, const MigrationRequest& request,
                                 std::vector<DatabaseOutcome>& outcomes, std::vector<std::optional<Database>>& connections,
                                 bool continue_on_error, const std::function<void(DatabaseOutcome&)>& report) {
  std::vector<std::optional<Error>> problems(databases.size());
  for_each_index(databases.size(), options_.jobs, [&](size_t i) {
    std::ostringstream silent;
    Status st = [&]() -> Status {
      RETORT_ASSIGN_OR_RETURN(Database db, Database::connect(plugins_, *databases[i]));
      MigrationRunner runner(scripts_, db, catalogue_, run_options_, RunOutput{silent, silent, true, false});
      RETORT_TRY(runner.preflight(request));
      connections[i].emplace(std::move(db));
      return Status();
    }();
    if (!st.ok()) problems[i] = std::move(st).error();
  });
  const auto first_problem = std::find_if(problems.begin(), problems.end(), [](const auto& p) { return p.has_value(); });
  if (first_problem == problems.end()) return true;
  const std::string first_name = databases[static_cast<size_t>(first_problem - problems.begin())]->name;
  for (size_t i = 0; i < databases.size(); ++i) {
    if (problems[i]) {
      outcomes[i] = failed(databases[i], std::move(*problems[i]));
      outcomes[i].failed_check = true;
      if (report) report(outcomes[i]);
    } else if (!continue_on_error) {
      outcomes[i] = skipped(databases[i], "not run: database '" + first_name + "' failed the check, so nothing was changed");
      connections[i].reset();
      if (report) report(outcomes[i]);
    }
  }
  return false;
}

Result<std::vector<DatabaseOutcome>> MultiDatabaseRun::run(const std::vector<const DatabaseConfig*>& databases,
                                                           const MigrationRequest& request, const RunOutput& output,
                                                           const OutcomeFn& on_outcome, const StartFn& on_start) {
  std::vector<DatabaseOutcome> outcomes(databases.size());
  const bool continue_on_error = effective_continue_on_error(options_.continue_on_error, databases);
  const bool grouped = reported_in_groups(databases);
  std::mutex mutex;  // guards output.progress, on_outcome, on_start and `stopped_by`
  // Hands an outcome on and keeps only what a summary needs of it (the report file got the rest).
  const std::function<void(DatabaseOutcome&)> report = [&](DatabaseOutcome& o) {
    if (on_outcome) on_outcome(o);
    if (grouped) o.report.revisions = {};
  };
  // With one database the runner checks everything before it changes anything; the preflight is what
  // gives the same promise across several. Its connections are the ones the run uses.
  std::vector<std::optional<Database>> connections(databases.size());
  if (databases.size() > 1 && effective_precheck(options_.precheck, databases) == Precheck::kAll &&
      !preflight(databases, request, outcomes, connections, continue_on_error, report) && !continue_on_error)
    return outcomes;

  // Many databases show their progress only when asked (-v), and then always a whole line per database,
  // so that one database's lines never split another's.
  const bool prefix_lines = (options_.jobs > 1 && databases.size() > 1) || grouped;
  const bool quiet = output.quiet || (grouped && !output.verbose);
  std::string stopped_by;
  for_each_index(databases.size(), options_.jobs, [&](size_t i) {
    const DatabaseConfig* config = databases[i];
    if (outcomes[i].state == DatabaseOutcome::State::kFailed) return;  // failed the check; already reported
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (!stopped_by.empty()) {
        outcomes[i] = skipped(config, "not started after database '" + stopped_by + "' failed");
        connections[i].reset();
        report(outcomes[i]);
        return;
      }
      if (on_start) on_start(*config);
      if (!prefix_lines && databases.size() > 1) heading(output, *config);
    }
    const auto started = std::chrono::steady_clock::now();
    std::optional<LineSink> prefixed;
    if (prefix_lines) prefixed.emplace(output.progress, mutex, "[" + config->name + "] ");
    RunOutput mine{output.out, prefixed ? static_cast<std::ostream&>(*prefixed) : output.progress, quiet,
                   output.verbose};
    DatabaseOutcome outcome;
    Status st = [&]() -> Status {
      std::optional<Database> connection = std::move(connections[i]);
      connections[i].reset();
      if (!connection) {
        RETORT_ASSIGN_OR_RETURN(Database db, Database::connect(plugins_, *config));
        connection.emplace(std::move(db));
      }
      Database& db = *connection;
      MigrationRunner runner(scripts_, db, catalogue_, run_options_, mine);
      Status result = runner.run(request);
      outcome.report = runner.report();
      if (result.ok()) say_if_nothing_to_do(mine, request, outcome.report);
      return result;
    }();
    prefixed.reset();  // its last lines go out before the outcome is reported
    if (st.ok()) {
      outcome.database = config;
      outcome.state = DatabaseOutcome::State::kDone;
    } else {
      RunReport partial = std::move(outcome.report);
      outcome = failed(config, std::move(st).error());
      outcome.report.revisions = std::move(partial.revisions);
    }
    outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::lock_guard<std::mutex> lock(mutex);
    if (outcome.state == DatabaseOutcome::State::kFailed && !continue_on_error && stopped_by.empty())
      stopped_by = config->name;
    outcomes[i] = std::move(outcome);
    report(outcomes[i]);
  });
  return outcomes;
}

Result<std::vector<DatabaseOutcome>> MultiDatabaseRun::write_sql(const std::vector<const DatabaseConfig*>& databases,
                                                                 const MigrationRequest& request,
                                                                 const RunOutput& output, const OutcomeFn& on_outcome,
                                                                 const StartFn& on_start) {
  std::vector<DatabaseOutcome> outcomes(databases.size());
  const bool continue_on_error = effective_continue_on_error(options_.continue_on_error, databases);
  const bool headings = databases.size() > 1 && !reported_in_groups(databases);
  std::vector<std::string> scripts(databases.size());
  bool any_failed = false;
  for (size_t i = 0; i < databases.size(); ++i) {
    const DatabaseConfig* config = databases[i];
    std::ostringstream script;
    if (on_start) on_start(*config);
    if (headings) heading(output, *config);
    const auto started = std::chrono::steady_clock::now();
    Status st = [&]() -> Status {
      RETORT_ASSIGN_OR_RETURN(Database db, Database::offline(plugins_, *config));
      MigrationRunner runner(scripts_, db, catalogue_, run_options_,
                             RunOutput{script, output.progress, output.quiet, output.verbose});
      Status result = runner.write_sql(request);
      outcomes[i].report = runner.report();
      return result;
    }();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (st.ok()) {
      outcomes[i].database = config;
      outcomes[i].state = DatabaseOutcome::State::kDone;
      if (databases.size() > 1) {
        const std::string rule(72, '=');
        scripts[i] = "-- " + rule + "\n-- database: " + config->name + "\n-- url: " + config->url.masked() +
                     "\n-- dialect: " + config->url.dialect + "\n-- version table: " +
                     (config->version_table_schema.empty() ? "" : config->version_table_schema + ".") +
                     config->version_table + "\n-- " + rule + "\n\n";
      }
      scripts[i] += script.str();
    } else {
      any_failed = true;
      outcomes[i] = failed(config, std::move(st).error());
    }
    outcomes[i].seconds = seconds;
    // Going on past failures, no script is withdrawn later: each goes out as soon as it is ready.
    if (continue_on_error) {
      if (outcomes[i].state == DatabaseOutcome::State::kDone) output.out << scripts[i];
      scripts[i] = {};
      if (on_outcome) on_outcome(outcomes[i]);
    }
  }
  // A failed check leaves no half output: without --continue-on-error nothing is written.
  for (size_t i = 0; i < databases.size() && !continue_on_error; ++i) {
    if (outcomes[i].state == DatabaseOutcome::State::kDone && any_failed) {
      outcomes[i] = skipped(databases[i], "not written: another database's script failed");
    } else if (outcomes[i].state == DatabaseOutcome::State::kDone) {
      output.out << scripts[i];
      scripts[i] = {};
    }
    if (on_outcome) on_outcome(outcomes[i]);
  }
  output.out << std::flush;
  return outcomes;
}

}  // namespace retort
