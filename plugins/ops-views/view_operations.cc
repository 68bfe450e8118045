#include "view_operations.hpp"

namespace retort::views {

using sdk::RenderContext;
using sdk::Session;
using sdk::Value;

namespace {

std::string view_name(const RenderContext& ctx, const Value& args) {
  return ctx.qualified(args.get_string("schema"), args["name"].str());
}

}  // namespace

std::vector<std::string> CreateView::render(const RenderContext& ctx, const Value& args, const Session& /*session*/) const {
  const std::string name = view_name(ctx, args);
  const std::string body = " AS " + args["sql"].str();
  if (!args.get_bool("replace", false)) return {"CREATE VIEW " + name + body};
  // SQLite has no CREATE OR REPLACE VIEW.
  if (ctx.family() == "sqlite") return {"DROP VIEW IF EXISTS " + name, "CREATE VIEW " + name + body};
  return {"CREATE OR REPLACE VIEW " + name + body};
}

std::vector<std::string> DropView::render(const RenderContext& ctx, const Value& args, const Session& /*session*/) const {
  return {std::string("DROP VIEW ") + (args.get_bool("if_exists", false) ? "IF EXISTS " : "") + view_name(ctx, args)};
}

void TruncateTable::check(const RenderContext& ctx, const Value& args) const {
  bool pg_only = args.get_bool("restart_identity", false) || args.get_bool("cascade", false);
  if (pg_only && ctx.family() != "postgresql")
    throw sdk::Failure("restart_identity and cascade are PostgreSQL options of truncate_table; " + ctx.dialect() +
                       " has neither");
}

std::vector<std::string> TruncateTable::render(const RenderContext& ctx, const Value& args,
                                               const Session& /*session*/) const {
  const std::string table = ctx.qualified(args.get_string("schema"), args["table"].str());
  const std::string family = ctx.family();
  if (family == "postgresql")
    return {"TRUNCATE TABLE " + table + (args.get_bool("restart_identity", false) ? " RESTART IDENTITY" : "") +
            (args.get_bool("cascade", false) ? " CASCADE" : "")};
  if (family == "mysql") return {"TRUNCATE TABLE " + table};
  // SQLite, and any dialect this plugin does not know: the standard statement.
  return {"DELETE FROM " + table};
}

}  // namespace retort::views
