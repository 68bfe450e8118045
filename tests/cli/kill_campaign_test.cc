// The fault campaign of issue 15 (DESIGN.md §6, recovery): `retort upgrade heads` is killed at a random
// moment of its run, again and again, each time on a fresh database, and a plain `retort upgrade heads`
// must then finish the job as if nothing had happened.
//
// Each trial: start `upgrade heads` in the background, wait a random time in [0, the measured time of a
// whole run], then kill it: SIGKILL of retort itself, or (the server-side variant) its connections killed
// by the server (pg_terminate_backend, MariaDB KILL). The state left behind is compared with the state of a
// reference database migrated `upgrade +1` at a time, at the revision the version table names: equal means
// all-or-nothing, anything else is partial state. Then the plain rerun, and its result is compared with a
// reference database migrated in one uninterrupted run:
//   1. the rerun exits 0;
//   2. the version table holds the head;
//   3. every data table has the reference's row count and column sums (a data statement that ran twice or
//      not at all shows; the tables have no unique constraints that would stop a second INSERT);
//   4. the schema equals the reference's;
//   5. retort_history: every revision's latest row is a successful upgrade, and no revision is recorded as
//      applied twice.
// PostgreSQL and SQLite must be all-or-nothing after every kill: at a revision boundary with
// transaction_per_migration = true, before the whole run (or after all of it) with false.
//
// The loop never stops at a failing trial: every trial counts, one summary line per campaign goes to stdout
// and the contract is checked on the counts at the end; the first failing trials are described in detail.
// RETORT_KILL_TRIALS overrides the number of trials of every campaign, RETORT_KILL_SEED the seed (each
// campaign prints its own), RETORT_KILL_RUN_MS the measured run time the delays are drawn within (to
// replay a campaign's delays exactly), RETORT_KILL_VERBOSE=1 prints every trial, not only failing ones.
#include "background_retort.h"
#include "cli_runner.h"
#include "live_database.h"
#include "schema_snapshot.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

namespace retort {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using testing::Backend;
using testing::CliResult;
using testing::LiveDatabase;

// ---------------------------------------------------------------------------------------------------
// The revision chain: eight revisions mixing DDL and DML. `ledger`, `audit`, `tag`, `archive` and
// `summary` have no unique constraint, so a data statement run twice leaves more rows. A slow statement
// between the others lets random kills land inside revisions (it changes nothing itself).

const std::vector<std::string> kRevisions = {"kc01", "kc02", "kc03", "kc04", "kc05", "kc06", "kc07", "kc08"};

std::string slow() {
  return "[[upgrade]]\nop = \"execute\"\nsql = { postgresql = \"SELECT pg_sleep(0.04)\", mysql = \"DO SLEEP(0.04)\", "
         "sqlite = \"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 60000) SELECT count(*) "
         "FROM c\", default = \"\" }\n\n";
}

std::string execute(const std::string& sql) { return "[[upgrade]]\nop = \"execute\"\nsql = \"" + sql + "\"\n\n"; }

std::string item_rows() {
  std::string rows;
  for (int i = 1; i <= 20; ++i)
    rows += std::string(i == 1 ? "" : ",\n") + "  { id = " + std::to_string(i) + ", name = \"item-" + std::to_string(i) +
            "\", qty = " + std::to_string(i) + " }";
  return "[\n" + rows + "\n]";
}

std::string ledger_rows(int from, int to, const std::string& note) {
  std::string rows;
  for (int i = from; i <= to; ++i)
    rows += std::string(i == from ? "" : ", ") + "{ entry = " + std::to_string(i) + ", note = \"" + note + "\" }";
  return "[" + rows + "]";
}

// id -> body (after the header).
std::vector<std::pair<std::string, std::string>> revision_bodies() {
  return {
      {"kc01",
       "[[upgrade]]\nop = \"create_table\"\ntable = \"item\"\ncolumns = [\n"
       "  { name = \"id\", type = \"integer\", primary_key = true },\n"
       "  { name = \"name\", type = \"string(40)\", nullable = false },\n"
       "  { name = \"qty\", type = \"integer\" },\n]\n\n"
       "[[upgrade]]\nop = \"bulk_insert\"\ntable = \"item\"\nrows = " + item_rows() + "\n\n" + slow() +
       "[[upgrade]]\nop = \"create_table\"\ntable = \"ledger\"\ncolumns = [\n"
       "  { name = \"entry\", type = \"integer\" },\n  { name = \"note\", type = \"string(40)\" },\n]\n\n"
       "[[upgrade]]\nop = \"bulk_insert\"\ntable = \"ledger\"\nrows = " + ledger_rows(1, 10, "seed") + "\n\n"},
      {"kc02",
       "[[upgrade]]\nop = \"add_column\"\ntable = \"item\"\ncolumn = { name = \"price\", type = \"integer\" }\n\n" + slow() +
       execute("UPDATE item SET price = qty * 3") + execute("INSERT INTO ledger (entry, note) SELECT id, 'priced' FROM item") +
       slow()},
      {"kc03",
       "[[upgrade]]\nop = \"create_index\"\nname = \"ix_ledger_entry\"\ntable = \"ledger\"\ncolumns = [\"entry\"]\n\n"
       "[[upgrade]]\nop = \"bulk_insert\"\ntable = \"ledger\"\nrows = " + ledger_rows(101, 105, "manual") + "\n\n" + slow() +
       "[[upgrade]]\nop = \"create_table\"\ntable = \"audit\"\ncolumns = [\n"
       "  { name = \"rev\", type = \"string(8)\" },\n  { name = \"n\", type = \"integer\" },\n]\n\n" +
       execute("INSERT INTO audit (rev, n) SELECT 'kc03', COUNT(*) FROM ledger")},
      {"kc04",
       execute("INSERT INTO ledger (entry, note) SELECT a.id * 10000 + b.id * 100 + c.id, 'cross' FROM item a "
               "CROSS JOIN item b CROSS JOIN item c") +
       execute("UPDATE item SET qty = qty + 1") + slow() +
       "[[upgrade]]\nop = \"add_column\"\ntable = \"ledger\"\ncolumn = { name = \"amount\", type = \"integer\" }\n\n" +
       execute("UPDATE ledger SET amount = entry * 2")},
      // Idempotent DDL written by hand, as migrations often are: on MySQL the INSERTs before it are committed
      // by it, and a rerun from the revision's start would pass over it and insert them a second time.
      {"kc05",
       "[[upgrade]]\nop = \"bulk_insert\"\ntable = \"audit\"\nrows = [{ rev = \"kc05\", n = 5 }]\n\n" +
       execute("INSERT INTO ledger (entry, note, amount) SELECT id, 'kc05', qty FROM item") + slow() +
       execute("CREATE TABLE IF NOT EXISTS archive (id INTEGER, note VARCHAR(40))") + slow() +
       execute("INSERT INTO archive (id, note) SELECT id, name FROM item")},
      {"kc06",
       "[[upgrade]]\nop = \"create_table\"\ntable = \"tag\"\ncolumns = [\n"
       "  { name = \"name\", type = \"string(40)\" },\n  { name = \"weight\", type = \"integer\" },\n]\n\n" +
       execute("INSERT INTO tag (name, weight) SELECT name, qty FROM item WHERE qty > 10") +
       "[[upgrade]]\nop = \"create_index\"\nname = \"ix_item_name\"\ntable = \"item\"\ncolumns = [\"name\"]\n\n" + slow() +
       "[[upgrade]]\nop = \"bulk_insert\"\ntable = \"tag\"\nrows = [{ name = \"extra\", weight = 99 }, "
       "{ name = \"more\", weight = 7 }]\n\n"},
      {"kc07",
       "[[upgrade]]\nop = \"add_column\"\ntable = \"audit\"\ncolumn = { name = \"note\", type = \"string(40)\" }\n\n" +
       execute("UPDATE audit SET note = 'seen'") + slow() +
       execute("INSERT INTO ledger (entry, note, amount) SELECT entry, 'copy', amount FROM ledger WHERE note = 'cross'") +
       slow()},
      {"kc08",
       "[[upgrade]]\nop = \"create_table\"\ntable = \"summary\"\ncolumns = [\n"
       "  { name = \"k\", type = \"string(16)\" },\n  { name = \"v\", type = \"integer\" },\n]\n\n" +
       execute("INSERT INTO summary (k, v) SELECT note, COUNT(*) FROM ledger GROUP BY note") +
       "[[upgrade]]\nop = \"create_index\"\nname = \"ix_summary_k\"\ntable = \"summary\"\ncolumns = [\"k\"]\n\n" + slow() +
       "[[upgrade]]\nop = \"bulk_insert\"\ntable = \"audit\"\nrows = [{ rev = \"kc08\", n = 8 }]\n\n"},
  };
}

void write_revisions(const fs::path& project) {
  std::string down;
  for (const auto& [id, body] : revision_bodies()) {
    testing::write_file(project / "migrations" / "versions" / (id + "_step.toml"),
                        "revision = \"" + id + "\"\ndown_revision = \"" + down + "\"\nmessage = \"kill campaign " + id +
                            "\"\n\n" + body);
    down = id;
  }
}

// ---------------------------------------------------------------------------------------------------
// What a database holds: its schema, and per data table its row count and the sums of its columns
// (integers summed, text by length), so an UPDATE that ran twice shows as well as an INSERT.

struct State {
  std::string schema;
  std::map<std::string, std::string> data;  // table -> "count=N col=SUM ..."
  std::map<std::string, long long> counts;

  bool operator==(const State& o) const { return schema == o.schema && data == o.data; }
  bool operator!=(const State& o) const { return !(*this == o); }
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

State read_state(LiveDatabase& db) {
  State s;
  s.schema = testing::schema_snapshot(db.connection());
  std::map<std::string, std::vector<std::string>> columns;  // table -> aggregate expressions
  std::map<std::string, std::vector<std::string>> names;
  static const std::regex table_line(R"(table (\w+))");
  static const std::regex column_line(R"(column (\w+)\.(\w+) (\S+).*)");
  std::smatch m;
  for (const auto& line : lines_of(s.schema)) {
    if (std::regex_match(line, m, table_line)) {
      columns[m[1]];
    } else if (std::regex_match(line, m, column_line)) {
      const std::string type = m[3];
      if (type == "integer" || type == "bigint" || type == "smallint") {
        columns[m[1]].push_back("COALESCE(SUM(" + m[2].str() + "), 0)");
      } else if (type.rfind("string", 0) == 0 || type == "text") {
        columns[m[1]].push_back("COALESCE(SUM(LENGTH(" + m[2].str() + ")), 0)");
      } else {
        continue;
      }
      names[m[1]].push_back(m[2]);
    }
  }
  for (const auto& [table, aggregates] : columns) {
    std::string sql = "SELECT COUNT(*)";
    for (const auto& a : aggregates) sql += ", " + a;
    const std::vector<std::string> cells = split(db.query(sql + " FROM " + table), '|');
    std::string text = "count=" + cells[0];
    for (size_t i = 0; i < names[table].size() && i + 1 < cells.size(); ++i) text += " " + names[table][i] + "=" + cells[i + 1];
    s.data[table] = text;
    s.counts[table] = std::atoll(cells[0].c_str());
  }
  return s;
}

// What differs between two states, a few lines of it.
std::string difference(const State& expected, const State& got) {
  std::ostringstream out;
  int shown = 0;
  const auto want = lines_of(expected.schema), have = lines_of(got.schema);
  const std::set<std::string> want_set(want.begin(), want.end()), have_set(have.begin(), have.end());
  for (const auto& l : want_set)
    if (!have_set.count(l) && shown++ < 6) out << "      missing: " << l << "\n";
  for (const auto& l : have_set)
    if (!want_set.count(l) && shown++ < 12) out << "      extra:   " << l << "\n";
  std::set<std::string> tables;
  for (const auto& [t, d] : expected.data) tables.insert(t);
  for (const auto& [t, d] : got.data) tables.insert(t);
  for (const auto& t : tables) {
    auto e = expected.data.find(t), g = got.data.find(t);
    const std::string ev = e == expected.data.end() ? "<none>" : e->second;
    const std::string gv = g == got.data.end() ? "<none>" : g->second;
    if (ev != gv) out << "      data " << t << ": expected " << ev << ", got " << gv << "\n";
  }
  return out.str();
}

bool table_exists(LiveDatabase& db, const std::string& table) {
  const std::string dialect = db.backend().dialect;
  std::string sql;
  if (dialect == "sqlite") {
    sql = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'";
  } else if (dialect == "postgresql") {
    sql = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '" + table + "'";
  } else {
    sql = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '" + table + "'";
  }
  return db.query(sql) == "1";
}

// The version rows, sorted and joined by ','; "" for none (or no version table yet).
std::string version_rows(LiveDatabase& db) {
  if (!table_exists(db, "retort_version")) return "";
  std::string rows = db.query("SELECT version_num FROM retort_version ORDER BY version_num");
  for (char& c : rows)
    if (c == '\n') c = ',';
  return rows;
}

// "" when retort_history is as the contract says after a finished run, else what is wrong.
std::string history_problem(LiveDatabase& db) {
  if (!table_exists(db, "retort_history")) return "no retort_history table";
  std::map<std::string, std::vector<std::pair<std::string, bool>>> by_revision;
  for (const auto& line : lines_of(db.query("SELECT revision, direction, success FROM retort_history ORDER BY id"))) {
    const auto cells = split(line, '|');
    if (cells.size() != 3) return "unreadable history row: " + line;
    by_revision[cells[0]].emplace_back(cells[1], cells[2] == "1");
  }
  std::string problems;
  for (const auto& id : kRevisions) {
    const auto& rows = by_revision[id];
    if (rows.empty()) {
      problems += id + " has no history row; ";
      continue;
    }
    if (rows.back().first != "upgrade" || !rows.back().second)
      problems += id + "'s latest history row is " + rows.back().first + (rows.back().second ? " (success)" : " (failed)") + "; ";
    // No downgrade runs here, so a second successful upgrade means it was applied twice.
    int applied = 0;
    for (const auto& [direction, success] : rows) {
      if (direction == "downgrade" && success) applied = 0;
      if (direction == "upgrade" && success && ++applied == 2) problems += id + " recorded as applied twice; ";
    }
  }
  return problems;
}

// Sessions on the trial's database other than the test's own connection.
std::string other_sessions_sql(const std::string& dialect) {
  if (dialect == "postgresql")
    return "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
           "AND backend_type = 'client backend'";
  return "SELECT id FROM information_schema.processlist WHERE db = DATABASE() AND id <> CONNECTION_ID()";
}

// Kills the other sessions from the server side; how many it asked to kill.
int kill_sessions(LiveDatabase& db) {
  const std::string dialect = db.backend().dialect;
  const std::string ids = db.query(other_sessions_sql(dialect));
  if (ids.empty() || ids.rfind("<error", 0) == 0) return 0;
  int killed = 0;
  for (const auto& id : lines_of(ids)) {
    // The session may be gone already: the error is ignored.
    Status st = dialect == "postgresql" ? db.connection().execute("SELECT pg_terminate_backend(" + id + ")")
                                        : db.connection().execute("KILL " + id);
    (void)st;
    ++killed;
  }
  return killed;
}

// A killed client's server session may still finish its statement (and then roll back); the state is
// read only once it is gone.
bool wait_for_orphans(LiveDatabase& db) {
  const std::string dialect = db.backend().dialect;
  if (dialect == "sqlite") return true;
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  while (Clock::now() < deadline) {
    const std::string left = db.query(other_sessions_sql(dialect));
    if (left.empty()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

// The last revision the run said it started ("Running upgrade A -> B, message"), or "".
std::string last_started(const std::string& err) {
  static const std::regex step(R"(Running upgrade [^\n]*-> (\S+),)");
  std::string last;
  for (std::sregex_iterator it(err.begin(), err.end(), step), end; it != end; ++it) last = (*it)[1];
  return last;
}

std::string first_lines(const std::string& text, int n) {
  std::string out;
  int k = 0;
  for (const auto& l : lines_of(text)) {
    if (k++ == n) break;
    out += "      | " + l + "\n";
  }
  return out;
}

std::string last_lines(const std::string& text, size_t n) {
  const auto all = lines_of(text);
  std::string out;
  for (size_t i = all.size() > n ? all.size() - n : 0; i < all.size(); ++i) out += "      | " + all[i] + "\n";
  return out;
}

// ---------------------------------------------------------------------------------------------------

enum class Kill { kSigkill, kServer };

struct Campaign {
  std::string name;     // test name and summary label
  std::string backend;  // a native backend's name
  bool per_migration;   // transaction_per_migration
  Kill kill;
  int trials;           // the default; RETORT_KILL_TRIALS overrides
  unsigned seed;        // the default; RETORT_KILL_SEED overrides
};

void PrintTo(const Campaign& c, std::ostream* os) { *os << c.name; }

const std::vector<Campaign>& campaigns() {
  static const std::vector<Campaign> all = {
      {"mariadb", "mysql", false, Kill::kSigkill, 50, 1501},
      {"postgresql_per_run", "postgresql", false, Kill::kSigkill, 15, 1502},
      {"postgresql_per_migration", "postgresql", true, Kill::kSigkill, 15, 1503},
      {"sqlite_per_run", "sqlite", false, Kill::kSigkill, 15, 1504},
      {"sqlite_per_migration", "sqlite", true, Kill::kSigkill, 15, 1505},
      {"mariadb_server_kill", "mysql", false, Kill::kServer, 10, 1506},
      {"postgresql_per_run_server_kill", "postgresql", false, Kill::kServer, 10, 1507},
      {"postgresql_per_migration_server_kill", "postgresql", true, Kill::kServer, 10, 1508},
  };
  return all;
}

Backend backend_named(const std::string& name) {
  for (const auto& b : testing::all_backends())
    if (b.name == name) return b;
  throw std::runtime_error("no backend " + name);
}

int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::atoi(v) : fallback;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Trial {
  int index = 0;
  double delay_ms = 0;
  bool killed = false;            // the kill landed while retort ran
  int background_exit = -1;
  std::string background_err;
  std::string started;            // the last revision the killed run had started
  std::string version_after;      // version rows after the kill
  bool inside = false;            // killed inside a revision: started one it did not record as done
  bool partial = false;           // the state after the kill is not the reference's at version_after
  bool not_whole_run = false;     // transaction_per_migration = false on transactional DDL: not at base or head
  std::string partial_detail;
  CliResult rerun;
  bool rerun_finished = false;
  bool duplicated = false;        // some table has more rows than the reference's (any rerun)
  bool data_mismatch = false;     // finished reruns: data differs from the reference
  bool schema_mismatch = false;
  bool version_mismatch = false;
  std::string history;            // finished reruns: what is wrong with retort_history
  std::string detail;
};

class KillCampaignTest : public ::testing::TestWithParam<Campaign> {
 protected:
  void SetUp() override {
    backend_ = backend_named(GetParam().backend);
    RETORT_REQUIRE_BACKEND(backend_);
    fs::create_directories(project_ / "migrations" / "versions");
    write_revisions(project_.path());
  }

  void configure(const LiveDatabase& db) {
    testing::write_file(project_ / "retort.toml",
                        std::string("[retort]\nscript_location = \"migrations\"\ntransaction_per_migration = ") +
                            (GetParam().per_migration ? "true" : "false") + "\n\n[databases.main]\nurl = \"" + db.url() + "\"\n");
  }

  CliResult retort(const std::vector<std::string>& args) {
    return testing::run_retort_within(std::chrono::seconds(300), project_.path(), args);
  }

  bool transactional() const { return backend_.dialect != "mysql"; }

  // The references: one uninterrupted run (timed), and one `upgrade +1` at a time, read at every step.
  void build_references() {
    LiveDatabase whole(backend_, "kc_ref_whole");
    configure(whole);
    // Timed the way the trials start it, once the plugins' and revision files' caches are warm.
    ASSERT_EQ(retort({"heads"}).exit_code, 0);
    {
      const auto start = Clock::now();
      testing::BackgroundRetort run(project_.path(), {"upgrade", "heads"});
      const int exit_code = run.wait();
      run_seconds_ = seconds_since(start);
      ASSERT_EQ(exit_code, 0) << run.err();
    }
    head_ = read_state(whole);
    ASSERT_EQ(version_rows(whole), kRevisions.back());
    ASSERT_EQ(history_problem(whole), "");

    LiveDatabase steps(backend_, "kc_ref_steps");
    configure(steps);
    prefix_[""] = read_state(steps);
    for (const auto& id : kRevisions) {
      CliResult step = retort({"upgrade", "+1"});
      ASSERT_EQ(step.exit_code, 0) << step.err;
      ASSERT_EQ(version_rows(steps), id);
      prefix_[id] = read_state(steps);
    }
    ASSERT_EQ(prefix_[kRevisions.back()], head_) << difference(head_, prefix_[kRevisions.back()]);
  }

  Trial run_trial(int index, double delay_ms) {
    Trial t;
    t.index = index;
    t.delay_ms = delay_ms;
    LiveDatabase db(backend_, "kc_trial");
    configure(db);
    const bool server_kill = GetParam().kill == Kill::kServer;
    if (server_kill) (void)db.connection();  // connected before the run, so the kill is not late
    {
      testing::BackgroundRetort run(project_.path(), {"upgrade", "heads"});
      std::this_thread::sleep_for(std::chrono::microseconds(static_cast<long long>(delay_ms * 1000)));
      if (!server_kill) {
        run.signal(SIGKILL);
      } else {
        // Kill its sessions as soon as it has one.
        while (run.running()) {
          if (kill_sessions(db) > 0) {
            t.killed = true;
            break;
          }
          std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        const auto deadline = Clock::now() + std::chrono::seconds(120);
        while (run.running() && Clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        if (run.running()) {
          t.detail += "    retort did not end within 120 s of its connection being killed\n";
          run.signal(SIGKILL);
        }
      }
      t.background_exit = run.wait();
      t.background_err = run.err();
    }
    // SIGKILL of a process that had just ended finds it a zombie; a server-side kill after the run's last
    // commit leaves it to exit 0: both finished before the kill.
    if (!server_kill) t.killed = t.background_exit == 128 + SIGKILL;
    if (server_kill && t.background_exit == 0) t.killed = false;
    if (!wait_for_orphans(db)) t.detail += "    the killed run's session was still on the server after 60 s\n";

    t.started = last_started(t.background_err);
    t.version_after = version_rows(db);
    t.inside = t.killed && !t.started.empty() && t.version_after != t.started;
    const State after = read_state(db);
    auto at = prefix_.find(t.version_after);
    if (at == prefix_.end()) {
      t.partial = true;
      t.partial_detail = "      version rows '" + t.version_after + "' are no revision of the chain\n";
    } else if (after != at->second) {
      t.partial = true;
      t.partial_detail = difference(at->second, after);
    }
    if (transactional() && !GetParam().per_migration && t.version_after != "" && t.version_after != kRevisions.back())
      t.not_whole_run = true;

    t.rerun = retort({"upgrade", "heads"});
    t.rerun_finished = t.rerun.exit_code == 0;
    const State final_state = read_state(db);
    for (const auto& [table, count] : final_state.counts) {
      auto ref = head_.counts.find(table);
      if (ref != head_.counts.end() && count > ref->second) t.duplicated = true;
    }
    if (t.rerun_finished) {
      t.version_mismatch = version_rows(db) != kRevisions.back();
      t.schema_mismatch = final_state.schema != head_.schema;
      t.data_mismatch = final_state.data != head_.data;
      t.history = history_problem(db);
      if (t.version_mismatch) t.detail += "    version rows after the rerun: '" + version_rows(db) + "'\n";
      if (t.history != "") t.detail += "    history: " + t.history + "\n";
    }
    if (t.duplicated || t.data_mismatch || t.schema_mismatch)
      t.detail += "    after the rerun, against the reference:\n" + difference(head_, final_state);
    return t;
  }

  bool failed(const Trial& t) const {
    return !t.rerun_finished || t.duplicated || t.data_mismatch || t.schema_mismatch || t.version_mismatch ||
           !t.history.empty() || (transactional() && (t.partial || t.not_whole_run)) || !t.detail.empty();
  }

  void describe(const Trial& t) const {
    std::ostringstream out;
    out << "  trial " << t.index << ": delay " << std::fixed << std::setprecision(1) << t.delay_ms << " ms, "
        << (t.killed ? "killed" : "finished before the kill") << " (exit " << t.background_exit << ")"
        << ", last revision started '" << t.started << "', version rows after '" << t.version_after << "'"
        << (t.inside ? ", inside a revision" : "") << (t.partial ? ", PARTIAL state" : ", all-or-nothing")
        << (t.not_whole_run ? ", NOT at the run's start or end" : "") << "\n";
    if (!t.background_err.empty()) out << "    the interrupted run's stderr ends:\n" << last_lines(t.background_err, 3);
    if (t.partial) out << t.partial_detail;
    out << "    rerun exit " << t.rerun.exit_code << (t.duplicated ? ", DUPLICATED data" : "")
        << (t.data_mismatch ? ", data mismatch" : "") << (t.schema_mismatch ? ", schema mismatch" : "") << "\n";
    if (!t.rerun_finished) out << "    rerun stderr:\n" << first_lines(t.rerun.err, 8);
    out << t.detail;
    std::cout << out.str() << std::flush;
  }

  Backend backend_;
  testing::TempDir project_;
  double run_seconds_ = 0;
  State head_;
  std::map<std::string, State> prefix_;  // version rows -> state
};

TEST_P(KillCampaignTest, EveryRerunFinishesTheJobExactlyOnce) {
  const Campaign& c = GetParam();
  const auto campaign_start = Clock::now();
  build_references();
  if (HasFatalFailure()) return;
  const int trials = env_int("RETORT_KILL_TRIALS", c.trials);
  const unsigned seed = static_cast<unsigned>(env_int("RETORT_KILL_SEED", static_cast<int>(c.seed)));
  const bool verbose = env_int("RETORT_KILL_VERBOSE", 0) == 1;
  // The delays are drawn in [0, a whole run's time]: the same seed and run time give the same delays.
  const int fixed_run_ms = env_int("RETORT_KILL_RUN_MS", 0);
  const double run_ms = fixed_run_ms > 0 ? fixed_run_ms : run_seconds_ * 1000;
  std::cout << "kill campaign " << c.name << ": seed " << seed << " (RETORT_KILL_SEED), " << trials
            << " trials (RETORT_KILL_TRIALS), a whole run takes " << std::fixed << std::setprecision(0)
            << run_seconds_ * 1000 << " ms, delays drawn up to " << run_ms << " ms (RETORT_KILL_RUN_MS)\n"
            << std::flush;
  std::mt19937 random(seed);
  std::uniform_real_distribution<double> delay(0, run_ms);

  int finished_before = 0, inside = 0, partial = 0, not_whole_run = 0, reruns_finished = 0, duplicated = 0,
      data_mismatches = 0, schema_mismatches = 0, version_mismatches = 0, history_errors = 0, failures = 0, other = 0;
  for (int i = 0; i < trials; ++i) {
    const Trial t = run_trial(i, delay(random));
    finished_before += !t.killed;
    inside += t.inside;
    partial += t.partial;
    not_whole_run += t.not_whole_run;
    reruns_finished += t.rerun_finished;
    duplicated += t.duplicated;
    data_mismatches += t.data_mismatch;
    schema_mismatches += t.schema_mismatch;
    version_mismatches += t.version_mismatch;
    history_errors += !t.history.empty();
    if (failed(t)) {
      if (++failures <= 5) describe(t);
    } else if (verbose) {
      describe(t);
    }
    if (!t.detail.empty() && !(t.duplicated || t.data_mismatch || t.schema_mismatch || t.version_mismatch ||
                               !t.history.empty()))
      ++other;
  }

  std::ostringstream summary;
  summary << "kill campaign " << c.name << ": " << trials << " trials, " << finished_before << " finished before the kill, "
          << inside << " killed inside a revision, " << partial << " left partial state";
  if (transactional() && !c.per_migration) summary << " (" << not_whole_run << " not at the run's start or end)";
  summary << ", " << reruns_finished << " reruns finished, " << duplicated << " duplicated data, " << data_mismatches
          << " data mismatches, " << schema_mismatches << " schema mismatches, " << version_mismatches
          << " version mismatches, " << history_errors << " history errors; " << std::fixed << std::setprecision(1)
          << seconds_since(campaign_start) << " s (seed " << seed << ")";
  std::cout << summary.str() << "\n" << std::flush;

  // The contract, on the counts of the summary line above.
  const std::string see = "(kill campaign " + c.name + ": see its summary line)";
  EXPECT_EQ(reruns_finished, trials) << "every plain rerun finishes " << see;
  EXPECT_EQ(duplicated, 0) << "no data statement runs twice " << see;
  EXPECT_EQ(data_mismatches, 0) << "the data equals the uninterrupted run's " << see;
  EXPECT_EQ(schema_mismatches, 0) << "the schema equals the uninterrupted run's " << see;
  EXPECT_EQ(version_mismatches, 0) << "the version table holds the head " << see;
  EXPECT_EQ(history_errors, 0) << "retort_history records every revision applied once " << see;
  EXPECT_EQ(other, 0) << "trials that went wrong otherwise (a hung run, a session left on the server) " << see;
  if (transactional()) {
    EXPECT_EQ(partial, 0) << "PostgreSQL and SQLite are all-or-nothing after every kill " << see;
    EXPECT_EQ(not_whole_run, 0) << "with transaction_per_migration = false the whole run is one transaction " << see;
  }
}

INSTANTIATE_TEST_SUITE_P(Native, KillCampaignTest, ::testing::ValuesIn(campaigns()),
                         [](const ::testing::TestParamInfo<Campaign>& info) { return info.param.name; });

}  // namespace
}  // namespace retort
