// Operations for views and for emptying tables, for every dialect: create_view, drop_view and
// truncate_table. A plugin of the operation role, built and loaded like any third party's.
#pragma once

#include <retort/sdk/plugin.hpp>

namespace retort::views {

// create_view: name, sql (per dialect allowed), replace?. Undone by drop_view.
class CreateView : public sdk::Operation {
 public:
  std::vector<std::string> render(const sdk::RenderContext& ctx, const sdk::Value& args,
                                  const sdk::Session& session) const override;
};

// drop_view: name, if_exists?.
class DropView : public sdk::Operation {
 public:
  std::vector<std::string> render(const sdk::RenderContext& ctx, const sdk::Value& args,
                                  const sdk::Session& session) const override;
};

// truncate_table: table, restart_identity? (PostgreSQL), cascade? (PostgreSQL). Removes every row.
class TruncateTable : public sdk::Operation {
 public:
  void check(const sdk::RenderContext& ctx, const sdk::Value& args) const override;
  std::vector<std::string> render(const sdk::RenderContext& ctx, const sdk::Value& args,
                                  const sdk::Session& session) const override;
};

}  // namespace retort::views
