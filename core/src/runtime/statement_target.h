// Where the statements of a run go: executed on the live database (OnlineTarget), or written out as an
// offline SQL script (ScriptTarget). A run is written once against this interface and serves both.
#pragma once

#include "runtime/database.h"
#include "util/status.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace retort {

class StatementTarget {
 public:
  virtual ~StatementTarget() = default;
  virtual Status statement(const std::string& sql) = 0;
  // Each of `rendered` in turn, or the error that rendering them gave.
  Status statements(const Result<std::vector<std::string>>& rendered);
  // A `-- text` line in a script; nothing online.
  virtual void comment(const std::string& text) = 0;
  virtual Status begin() = 0;
  virtual Status commit() = 0;
  virtual void rollback() = 0;
  // Runs `statements` (the run's own, echoed with -v) and then `bookkeeping` (retort's records of them,
  // never echoed) as one unit, all or nothing, with no transaction open: only statements a transaction can
  // hold. Online in as few round trips as the driver allows; a script writes `statements` between the
  // dialect's BEGIN and COMMIT, and no bookkeeping (a script keeps no history).
  virtual Status atomically(const std::vector<std::string>& statements, const std::vector<std::string>& bookkeeping) = 0;
  // Whether a transaction is open.
  bool open() const { return open_; }

 protected:
  bool open_ = false;
};

class OnlineTarget : public StatementTarget {
 public:
  // `echo`, when set, gets every statement as it runs (-v).
  OnlineTarget(Database& db, std::ostream* echo) : db_(db), echo_(echo) {}
  Status statement(const std::string& sql) override;
  void comment(const std::string& /*text*/) override {}
  Status begin() override;
  Status commit() override;
  void rollback() override;
  Status atomically(const std::vector<std::string>& statements, const std::vector<std::string>& bookkeeping) override;

 private:
  Database& db_;
  std::ostream* echo_;
};

class ScriptTarget : public StatementTarget {
 public:
  // `db` is offline: its dialect spells BEGIN and COMMIT, where the dialect has transactional DDL.
  ScriptTarget(Database& db, std::ostream& out) : db_(db), out_(out) {}
  Status statement(const std::string& sql) override;
  void comment(const std::string& text) override;
  Status begin() override;
  Status commit() override;
  void rollback() override { open_ = false; }
  Status atomically(const std::vector<std::string>& statements, const std::vector<std::string>& bookkeeping) override;

 private:
  Status emit(retort_statement_kind kind);

  Database& db_;
  std::ostream& out_;
};

}  // namespace retort
