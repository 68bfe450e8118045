// Fuzzes TARGET text (`upgrade ae1`, `core@-2`, `a:+2`, ...) against a small fixed tree with branches,
// a merge, labels and depends_on: parsing (target.h), what a name stands for, and every command's plan
// and history range, from two sets of version rows.
#include "fuzz_target.h"

#include "graph/migration_plan.h"
#include "graph/revision_traversal.h"
#include "graph/target.h"

#include <string>

namespace {

//   a1 -> b2 -> c3 (core) -> e5 (merge) ; b2 -> d4 (feature-x) -> e5 ; f6 (other, a root, depends on c3)
const retort::RevisionMap& tree() {
  static const retort::RevisionMap map = [] {
    std::vector<retort::RevisionHeader> headers;
    auto add = [&](std::string id, std::vector<std::string> down, std::vector<std::string> labels,
                   std::vector<std::string> deps = {}) {
      retort::RevisionHeader h;
      h.id = std::move(id);
      h.down_revisions = std::move(down);
      h.branch_labels = std::move(labels);
      h.depends_on = std::move(deps);
      h.location = h.id + ".toml:1";
      headers.push_back(std::move(h));
    };
    add("a1aaaa", {}, {});
    add("b2bbbb", {"a1aaaa"}, {});
    add("c3cccc", {"b2bbbb"}, {"core"});
    add("d4dddd", {"b2bbbb"}, {"feature-x"});
    add("e5eeee", {"c3cccc", "d4dddd"}, {});
    add("f6ffff", {}, {"other"}, {"c3cccc"});
    auto built = retort::RevisionMap::build(std::move(headers));
    if (!built.ok()) __builtin_abort();
    return std::move(built).value();
  }();
  return map;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace retort;
  if (size > 256) return 0;  // a TARGET is a word; longer text only slows the search down
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)match_relative(text);
  (void)split_label(text);

  const RevisionMap& map = tree();
  const RevisionQuery query(map);
  (void)query.revisions(text);
  (void)query.revision(text);
  (void)query.resolve_branch(text);

  const RevisionTraversal traversal(map);
  for (const std::vector<RevIndex>& rows : {std::vector<RevIndex>{}, std::vector<RevIndex>{*map.find("c3cccc")},
                                            std::vector<RevIndex>{*map.find("c3cccc"), *map.find("d4dddd")}}) {
    (void)traversal.parse_upgrade_target(Names::ids(map, rows), Names::typed_text(text), true);
    (void)traversal.parse_downgrade_target(Names::ids(map, rows), text, true);
    const Planner planner(map, rows);
    (void)planner.plan_upgrade(text);
    (void)planner.plan_downgrade(text);
    (void)planner.plan_stamp({text}, false);
    (void)planner.revisions(text);
    const size_t colon = text.find(':');
    if (colon != std::string::npos) (void)planner.history(text.substr(0, colon), text.substr(colon + 1));
  }
  return 0;
}
