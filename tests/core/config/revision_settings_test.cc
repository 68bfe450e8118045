// Tests config/revision_settings.cc through the config: [retort] file_template, truncate_slug_length,
// timezone, revision_template and post_write_hooks, and recursive_version_locations and ${here} beside them.
#include "config/config.h"
#include "script/revision_layout.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

VariableLookup vars() {
  return [](const std::string& n) -> std::optional<std::string> {
    if (n == "FMT") return std::string("taplo");
    if (n == "here") return std::string("/not/the/config/folder");  // ${here} is always the config's folder
    return std::nullopt;
  };
}

Result<Config> parse(const std::string& retort_lines) {
  return parse_config_text("[retort]\n" + retort_lines + "\n[databases.main]\nurl = \"sqlite:///${here}/app.db\"\n",
                           "/proj/retort.toml", vars());
}

TEST(RevisionSettings, DefaultsAreAlembics) {
  auto c = parse("");
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->revisions.file_template.text(), "%(rev)s_%(slug)s");
  EXPECT_EQ(c->revisions.truncate_slug_length, 40U);
  EXPECT_EQ(c->revisions.timezone, "");
  EXPECT_TRUE(c->revisions.revision_template.empty());
  EXPECT_TRUE(c->revisions.post_write_hooks.empty());
  EXPECT_FALSE(c->recursive_version_locations);
}

TEST(RevisionSettings, EveryKeyIsRead) {
  auto c = parse(R"(file_template = "%(year)d/%(rev)s_%(slug)s"
recursive_version_locations = true
truncate_slug_length = 20
timezone = "Europe/Berlin"
revision_template = "templates/revision.toml.tmpl"

[[retort.post_write_hooks]]
name = "fmt"
command = ["${FMT}", "fmt", "{file}"]
cwd = "${here}/tools"

[[retort.post_write_hooks]]
command = ["git", "add"]
)");
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->revisions.file_template.text(), "%(year)d/%(rev)s_%(slug)s");
  EXPECT_TRUE(c->recursive_version_locations);
  EXPECT_EQ(c->revisions.truncate_slug_length, 20U);
  EXPECT_EQ(c->revisions.timezone, "Europe/Berlin");
  EXPECT_EQ(c->revisions.revision_template, "/proj/templates/revision.toml.tmpl");
  ASSERT_EQ(c->revisions.post_write_hooks.size(), 2U);
  EXPECT_EQ(c->revisions.post_write_hooks[0].name, "fmt");
  EXPECT_EQ(c->revisions.post_write_hooks[0].command, (std::vector<std::string>{"taplo", "fmt", "{file}"}));
  EXPECT_EQ(c->revisions.post_write_hooks[0].cwd, "/proj/tools");
  EXPECT_EQ(c->revisions.post_write_hooks[1].name, "git");
  EXPECT_TRUE(c->revisions.post_write_hooks[1].cwd.empty());
  EXPECT_EQ(c->revisions.post_write_hooks[1].location, "/proj/retort.toml:13");
}

TEST(RevisionSettings, HereIsTheConfigsFolder) {
  auto c = parse("");
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->databases[0].url.database, "/proj/app.db");
}

// Each problem names the key (and its line) and says what to do.
void expect_problem(const std::string& lines, const std::string& text) {
  auto c = parse(lines);
  ASSERT_FALSE(c.ok()) << lines;
  EXPECT_NE(c.error().to_string().find(text), std::string::npos) << c.error().to_string();
}

TEST(RevisionSettings, BadValuesAreConfigErrorsNamingTheKey) {
  expect_problem("file_template = \"%(revision)s\"",
                 "/proj/retort.toml:2: 'file_template': unknown token '%(revision)'; did you mean %(rev)?");
  expect_problem("file_template = \"%(rev)d\"", "'file_template': bad token '%(rev)d' at character 1: rev is text");
  expect_problem("file_template = 12", "'file_template' must be a string, not integer");
  expect_problem("file_template = \"%(year)d/%(rev)s\"",
                 "'file_template' names subfolders, which are read only with recursive_version_locations = true");
  expect_problem("truncate_slug_length = 0", "'truncate_slug_length' must be a whole number from 1 to 255");
  expect_problem("truncate_slug_length = \"40\"", "'truncate_slug_length' must be a whole number from 1 to 255, not string");
  expect_problem("timezone = \"\"", "/proj/retort.toml:2: 'timezone' is empty");
  expect_problem("recursive_version_locations = \"yes\"", "'recursive_version_locations' must be true or false");
  expect_problem("revision_template = \"\"", "'revision_template' is empty");
  expect_problem("post_write_hooks = \"black\"", "'post_write_hooks' must be an array of tables");
  expect_problem("[[retort.post_write_hooks]]\nname = \"fmt\"", "a post write hook has no 'command'");
  expect_problem("[[retort.post_write_hooks]]\ncommand = []", "'command' must name a program");
  expect_problem("[[retort.post_write_hooks]]\ncommand = [\"x\"]\ntype = \"exec\"", "unknown field 'type'");
  expect_problem("file_templates = \"%(rev)s\"", "unknown field 'file_templates'");
}

TEST(RevisionSettings, TheTimezoneIsLookedUpWhenARevisionIsWritten) {
  // A machine without zoneinfo files (a slim container running migrations) still reads the config.
  auto c = parse("timezone = \"Mars/Olympus\"");
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  auto layout = revision_layout(c->revisions);
  ASSERT_FALSE(layout.ok());
  EXPECT_EQ(layout.error().to_string().rfind("/proj/retort.toml:2: 'timezone': unknown time zone 'Mars/Olympus'", 0), 0U)
      << layout.error().to_string();
  auto berlin = parse("timezone = \"Europe/Berlin\"");
  ASSERT_TRUE(berlin.ok());
  auto ok = revision_layout(berlin->revisions);
  ASSERT_TRUE(ok.ok()) << ok.error().to_string();
  const long offset = ok->naming.create_date.local.offset_seconds;
  EXPECT_TRUE(offset == 3600 || offset == 7200) << offset;
}

}  // namespace
}  // namespace retort
