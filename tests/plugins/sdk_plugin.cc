// A plugin written with the SDK's C++ helpers (retort/sdk/plugin.hpp), the way plugin authors write them,
// to test the helpers themselves. Variants:
//   VARIANT_SHARED_CLASSES  one class behind two operations (echo_one, echo_two), one behind two dialects
//                           (shared_one, shared_two) and one behind two drivers: every call of operation<O>(),
//                           dialect<D>() and driver<D>() must make a table of its own
#include <retort/sdk/plugin.hpp>
#include <retort/sdk/sqlite_sql_dialect.hpp>

namespace {

using retort::sdk::Failure;
using retort::sdk::RenderContext;
using retort::sdk::Session;
using retort::sdk::Value;

// Serves both echo operations: which one a call is for is in args["op"], as for every operation.
class Echo : public retort::sdk::Operation {
 public:
  std::vector<std::string> render(const RenderContext& ctx, const Value& args, const Session& /*session*/) const override {
    const std::string op = args["op"].str();
    if (op == "echo_one") return {"SELECT " + ctx.literal("echo_one says " + args["a"].str())};
    return {"SELECT " + ctx.literal("echo_two says " + args["b"].str() + (args.get_bool("loud", false) ? "!" : ""))};
  }
};

class SharedDialect : public retort::sdk::SqliteSqlDialect {};

class NoDatabase : public retort::sdk::Driver {
 public:
  std::unique_ptr<retort::sdk::Connection> connect(const retort::sdk::ConnectParams& /*params*/) const override {
    throw Failure("the shared test plugin connects nowhere");
  }
};

}  // namespace

using retort::sdk::dialect;
using retort::sdk::driver;
using retort::sdk::operation;

RETORT_PLUGIN("shared", "1.0.0", "one class behind several roles",
              operation<Echo>("echo_one", {{"a", RETORT_FIELD_STRING, true}, {"quiet", RETORT_FIELD_BOOLEAN}}),
              operation<Echo>("echo_two", {{"b", RETORT_FIELD_STRING, true},
                                           {"loud", RETORT_FIELD_BOOLEAN},
                                           {"names", RETORT_FIELD_NAMES}}),
              dialect<SharedDialect>("shared_one"), dialect<SharedDialect>("shared_two", "shared_alias", "sqlite"),
              driver<NoDatabase>("shared_one"), driver<NoDatabase>("shared_two", "shared_one,shared_two"))
