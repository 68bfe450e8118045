// Watches a live database's schema fingerprint (its dialect's RETORT_STMT_SCHEMA_FINGERPRINT query) across
// statements: what the per-dialect fingerprint tests share.
#pragma once

#include "live_database.h"

#include <gtest/gtest.h>

#include <string>

namespace retort::testing {

class FingerprintWatch {
 public:
  explicit FingerprintWatch(LiveDatabase& db) : db_(db) {}

  // The fingerprint now; a failure when the dialect has no query.
  std::string fingerprint() {
    const std::string& query = db_.connection().fingerprint_query();
    EXPECT_FALSE(query.empty()) << "the dialect has a fingerprint query";
    return db_.query(query);
  }
  // Starts watching from the fingerprint now.
  void start() { last_ = fingerprint(); }
  // Runs `ddl` and expects the fingerprint to move (a drop may move it back to an earlier value).
  void expect_change(const std::string& ddl) {
    db_.execute(ddl);
    const std::string now = fingerprint();
    EXPECT_NE(now, last_) << "unchanged after: " << ddl;
    last_ = now;
  }

 private:
  LiveDatabase& db_;
  std::string last_;  // the fingerprint before the last change
};

}  // namespace retort::testing
