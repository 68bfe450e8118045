// Tests script/project_template.cc: `retort init DIR` writes a config that reads back with DIR as its
// script_location, whatever DIR is called (quotes, '$', line breaks, emoji), and both templates load.
#include "script/project_template.h"

#include "config/config.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

VariableLookup no_variables() {
  return [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
}

void expect_reads_back(const std::string& folder, const std::string& template_name) {
  testing::TempDir dir;
  Status st = init_project(dir.path(), folder, template_name);
  ASSERT_TRUE(st.ok()) << st.error().to_string();
  EXPECT_TRUE(std::filesystem::is_directory(dir / folder / "versions"));
  auto config = load_config(dir / "retort.toml", no_variables());
  ASSERT_TRUE(config.ok()) << folder << "\n" << config.error().to_string();
  EXPECT_EQ(config->script_location, (dir / folder).lexically_normal()) << folder;
}

TEST(InitProject, AnyFolderNameReadsBack) {
  for (const std::string folder : {"migrations", "db \"x\"", "cost$5", "${HOME}", "back\\slash", "new\nline",
                                   "tab\there", "émoji 🦀"}) {
    expect_reads_back(folder, "generic");
    expect_reads_back(folder, "multidb");
  }
}

TEST(InitProject, FolderNameThatIsNotUtf8IsRefused) {
  testing::TempDir dir;
  Status st = init_project(dir.path(), "caf\xe9", "generic");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message(), "the folder name is not valid UTF-8");
  EXPECT_FALSE(std::filesystem::exists(dir / "retort.toml"));
}

}  // namespace
}  // namespace retort
