// create_touch_trigger / drop_touch_trigger: a trigger that sets a timestamp column to the current time
// whenever a row is updated without setting that column itself (the "updated_at" that ORMs keep by
// hand), for SQLite (and every dialect that speaks its SQL), PostgreSQL and MySQL/MariaDB.
#pragma once

#include <retort/sdk/plugin.hpp>

namespace touch_trigger {

// Fields: table, column, name? (default "<table>_touch_<column>"), schema?. Undone by drop_touch_trigger.
class CreateTouchTrigger : public retort::sdk::Operation {
 public:
  void check(const retort::sdk::RenderContext& ctx, const retort::sdk::Value& args) const override;
  std::vector<std::string> render(const retort::sdk::RenderContext& ctx, const retort::sdk::Value& args,
                                  const retort::sdk::Session& session) const override;
};

// The same fields; removes the trigger (and, on PostgreSQL, its function).
class DropTouchTrigger : public retort::sdk::Operation {
 public:
  void check(const retort::sdk::RenderContext& ctx, const retort::sdk::Value& args) const override;
  std::vector<std::string> render(const retort::sdk::RenderContext& ctx, const retort::sdk::Value& args,
                                  const retort::sdk::Session& session) const override;
};

}  // namespace touch_trigger
