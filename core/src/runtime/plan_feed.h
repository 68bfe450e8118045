// The steps of a plan as a run takes them, one at a time: either all prepared before the first is taken
// (Plan::prepare), or prepared in order on a thread of their own while the run executes the ones before.
// The second is for a run held in one transaction that a rollback undoes entirely: it starts executing at
// once, and before anything commits it waits for the whole plan, so a problem found late still rolls back
// everything and is reported with every other problem, as if the plan had been prepared first.
#pragma once

#include "runtime/run_plan.h"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace retort {

class PlanFeed {
 public:
  // Every step of `plan`, prepared already.
  explicit PlanFeed(Plan plan);
  // `steps`, prepared on another thread from now on; `scripts`, `db` and `catalogue` must outlive the feed.
  PlanFeed(const CheckedScripts& scripts, Database& db, const OpCatalogue& catalogue, std::vector<MigrationStep> steps);
  // Stops preparing (a run that failed needs no more steps) and waits for the thread.
  ~PlanFeed();
  PlanFeed(const PlanFeed&) = delete;
  PlanFeed& operator=(const PlanFeed&) = delete;

  size_t size() const { return order_.size(); }
  // Whether the steps are being prepared on another thread (else all were prepared before).
  bool preparing() const { return thread_.joinable(); }
  // What step i does; known before it is prepared.
  const MigrationStep& step(size_t i) const { return order_[i]; }
  // Step i, once it is prepared; every problem of the plan (finish()) when step i has one.
  Result<PlannedStep*> prepared(size_t i);
  // Waits until every step is prepared: OK, or every problem of the plan, in plan order.
  Status finish();

 private:
  void prepare_all(const CheckedScripts& scripts, Database& db, const OpCatalogue& catalogue);

  std::vector<MigrationStep> order_;  // never changes: read by both threads without the mutex
  std::vector<PlannedStep> steps_;   // steps_[i] is the preparing thread's until ready_ > i
  std::vector<ErrorList> problems_;  // per step, so they are reported in plan order
  std::mutex mutex_;
  std::condition_variable ready_changed_;
  size_t ready_ = 0;     // steps_[0, ready_) are prepared
  bool stop_ = false;    // the run needs no more steps
  std::thread thread_;   // last: started once the rest is set up
};

}  // namespace retort
