// The revision-file check key (runtime/check_key.h): whatever the check depends on changes the key, and
// nothing else does.
#include "runtime/check_key.h"

#include "live_database.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

TEST(CheckKey, IsStableForTheSameInputs) {
  const auto& plugins = testing::build_plugins().plugins();
  EXPECT_EQ(revision_check_key(OpCatalogue::core(), plugins, {"main", "legacy"}),
            revision_check_key(OpCatalogue::core(), plugins, {"legacy", "main"}))
      << "the order of the databases does not matter";
}

TEST(CheckKey, ChangesWithTheDatabasesTheCatalogueAndThePlugins) {
  const auto& plugins = testing::build_plugins().plugins();
  ASSERT_FALSE(plugins.empty());
  const std::string base = revision_check_key(OpCatalogue::core(), plugins, {"main"});
  EXPECT_NE(base, revision_check_key(OpCatalogue::core(), plugins, {"main", "legacy"}))
      << "[[upgrade_legacy]] is valid only when legacy is configured";

  OpCatalogue more = OpCatalogue::core();
  more.add(OpSpec{"create_view", {{"name", FieldKind::kString, true}, {"sql", FieldKind::kSql, true}}, "", nullptr});
  EXPECT_NE(base, revision_check_key(more, plugins, {"main"}));

  OpCatalogue required = OpCatalogue::core();
  required.add(OpSpec{"create_view", {{"name", FieldKind::kString, false}, {"sql", FieldKind::kSql, true}}, "", nullptr});
  EXPECT_NE(revision_check_key(more, plugins, {"main"}), revision_check_key(required, plugins, {"main"}))
      << "a field that became optional";

  std::vector<LoadedPlugin> fewer(plugins.begin(), plugins.end() - 1);
  EXPECT_NE(base, revision_check_key(OpCatalogue::core(), fewer, {"main"}));
  std::vector<LoadedPlugin> upgraded = plugins;
  upgraded.front().version += ".1";
  EXPECT_NE(base, revision_check_key(OpCatalogue::core(), upgraded, {"main"}));
}

}  // namespace
}  // namespace retort
