#include "runtime/plan_feed.h"

namespace retort {

PlanFeed::PlanFeed(Plan plan) : steps_(std::move(plan.steps)), problems_(steps_.size()), ready_(steps_.size()) {
  order_.reserve(steps_.size());
  for (const auto& p : steps_) order_.push_back(p.step);
}

PlanFeed::PlanFeed(const CheckedScripts& scripts, Database& db, const OpCatalogue& catalogue,
                   std::vector<MigrationStep> steps)
    : order_(std::move(steps)), steps_(order_.size()), problems_(order_.size()) {
  thread_ = std::thread([this, &scripts, &db, &catalogue] { prepare_all(scripts, db, catalogue); });
}

PlanFeed::~PlanFeed() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  thread_.join();
}

void PlanFeed::prepare_all(const CheckedScripts& scripts, Database& db, const OpCatalogue& catalogue) {
  // One thread, in plan order: the run's own thread executes meanwhile, and wants the next step first.
  const DialectVariants dialect = db.variants();
  for (size_t i = 0; i < steps_.size(); ++i) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stop_) return;
    }
    ErrorList errors;
    PlannedStep p = prepare_step(scripts, db, catalogue, dialect, order_[i], errors);
    std::lock_guard<std::mutex> lock(mutex_);
    steps_[i] = std::move(p);
    problems_[i] = std::move(errors);
    ready_ = i + 1;
    ready_changed_.notify_all();
  }
}

Result<PlannedStep*> PlanFeed::prepared(size_t i) {
  bool fine = false;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_changed_.wait(lock, [&] { return ready_ > i; });
    fine = problems_[i].empty();
  }
  if (fine) return &steps_[i];
  return finish().error();  // step i's problems, with every other step's
}

Status PlanFeed::finish() {
  std::unique_lock<std::mutex> lock(mutex_);
  ready_changed_.wait(lock, [&] { return ready_ == steps_.size(); });
  return plan_problems(problems_);
}

}  // namespace retort
