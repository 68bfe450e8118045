#include "touch_trigger.hpp"

namespace touch_trigger {

using retort::sdk::Failure;
using retort::sdk::RenderContext;
using retort::sdk::Session;
using retort::sdk::Value;

namespace {

enum class Family { kSqlite, kPostgresql, kMysql };

// By family, not by name: a dialect that speaks SQLite's SQL under another name (the sqlcipher example
// plugin's) gets SQLite's triggers without this plugin knowing it exists.
Family family_of(const RenderContext& ctx) {
  const std::string f = ctx.family();
  if (f == "sqlite") return Family::kSqlite;
  if (f == "postgresql") return Family::kPostgresql;
  if (f == "mysql") return Family::kMysql;
  throw Failure("touch triggers are written for the sqlite, postgresql and mysql families of dialects, not for " +
                ctx.dialect() + (f == ctx.dialect() ? "" : " (which speaks " + f + ")"));
}

std::string trigger_name(const Value& args) {
  return args.get_string("name", args["table"].str() + "_touch_" + args["column"].str());
}

// Runs before anything is applied: the dialect must be one we know, and PostgreSQL's function body is
// dollar-quoted, so the names that go into it must not contain a dollar sign.
void check_args(const RenderContext& ctx, const Value& args) {
  if (family_of(ctx) == Family::kPostgresql)
    for (const std::string& name : {args["table"].str(), args["column"].str(), args.get_string("schema")})
      if (name.find('$') != std::string::npos)
        throw Failure("'" + name + "' contains '$', which cannot go into the trigger function's body");
}

}  // namespace

void CreateTouchTrigger::check(const RenderContext& ctx, const Value& args) const { check_args(ctx, args); }

std::vector<std::string> CreateTouchTrigger::render(const RenderContext& ctx, const Value& args,
                                                    const Session& /*session*/) const {
  const std::string schema = args.get_string("schema");
  const std::string table = ctx.quote(args["table"].str());
  const std::string column = ctx.quote(args["column"].str());
  const std::string name = trigger_name(args);
  switch (family_of(ctx)) {
    case Family::kSqlite:
      // AFTER UPDATE, then an UPDATE of the same row: SQLite's triggers are not recursive by default, and
      // WHEN leaves rows alone whose update set the column itself. Statements inside a trigger body
      // cannot name a schema; the trigger lives in the table's.
      return {"CREATE TRIGGER " + ctx.qualified(schema, name) + " AFTER UPDATE ON " + table + " FOR EACH ROW WHEN NEW." +
              column + " IS OLD." + column + " BEGIN UPDATE " + table + " SET " + column +
              " = CURRENT_TIMESTAMP WHERE rowid = NEW.rowid; END"};
    case Family::kPostgresql: {
      const std::string function = ctx.qualified(schema, name);
      return {"CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $touch$ BEGIN IF NEW." + column +
                  " IS NOT DISTINCT FROM OLD." + column + " THEN NEW." + column +
                  " := CURRENT_TIMESTAMP; END IF; RETURN NEW; END $touch$",
              "CREATE TRIGGER " + ctx.quote(name) + " BEFORE UPDATE ON " + ctx.qualified(schema, args["table"].str()) +
                  " FOR EACH ROW EXECUTE FUNCTION " + function + "()"};
    }
    case Family::kMysql:
      return {"CREATE TRIGGER " + ctx.qualified(schema, name) + " BEFORE UPDATE ON " +
              ctx.qualified(schema, args["table"].str()) + " FOR EACH ROW SET NEW." + column + " = IF(NEW." + column +
              " <=> OLD." + column + ", CURRENT_TIMESTAMP, NEW." + column + ")"};
  }
  return {};
}

void DropTouchTrigger::check(const RenderContext& ctx, const Value& args) const { check_args(ctx, args); }

std::vector<std::string> DropTouchTrigger::render(const RenderContext& ctx, const Value& args,
                                                  const Session& /*session*/) const {
  const std::string schema = args.get_string("schema");
  const std::string name = trigger_name(args);
  if (family_of(ctx) != Family::kPostgresql) return {"DROP TRIGGER " + ctx.qualified(schema, name)};
  return {"DROP TRIGGER " + ctx.quote(name) + " ON " + ctx.qualified(schema, args["table"].str()),
          "DROP FUNCTION " + ctx.qualified(schema, name) + "()"};
}

}  // namespace touch_trigger
