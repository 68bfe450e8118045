// docs/revision-files.md's operation reference is exactly `retort ops --markdown` (core operations and the
// plugins built with retort), between its marker comments, so the documentation cannot drift from the
// catalogue. RETORT_UPDATE_DOCS=1 rewrites the section instead of comparing.
#include "cli_runner.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace retort {
namespace {

namespace fs = std::filesystem;

const char* kBegin = "<!-- BEGIN GENERATED: retort ops --markdown";
const char* kEnd = "<!-- END GENERATED -->";

TEST(OpsReferenceDoc, RevisionFilesMdHoldsTheCataloguesReference) {
  const fs::path doc = fs::path(RETORT_SOURCE_DIR) / "docs" / "revision-files.md";
  const std::string text = testing::read_file(doc);
  const auto begin = text.find(kBegin);
  ASSERT_NE(begin, std::string::npos) << doc << " has no line starting with " << kBegin;
  const auto section = text.find('\n', begin) + 1;
  const auto end = text.find(kEnd, section);
  ASSERT_NE(end, std::string::npos) << doc << " has no " << kEnd << " after the BEGIN marker";

  testing::TempDir nowhere;  // no retort.toml: only the build's plugin folder
  testing::CliResult generated =
      testing::run_retort(nowhere.path(), {"ops", "--markdown"}, {"-u", "RETORT_PLUGIN_PATH", "-u", "RETORT_CONFIG"});
  ASSERT_EQ(generated.exit_code, 0) << generated.err;
  ASSERT_FALSE(generated.out.empty());

  if (const char* update = std::getenv("RETORT_UPDATE_DOCS"); update && std::string(update) == "1") {
    testing::write_file(doc, text.substr(0, section) + generated.out + text.substr(end));
    GTEST_SKIP() << "rewrote the operation reference in " << doc;
  }
  EXPECT_EQ(text.substr(section, end - section), generated.out)
      << "docs/revision-files.md's operation reference differs from `retort ops --markdown`.\n"
      << "Regenerate it from the build folder with\n"
      << "    RETORT_UPDATE_DOCS=1 bin/ops_reference_doc_test\n"
      << "(or paste the output of `bin/retort ops --markdown` between the marker comments), then review and commit it.";
}

}  // namespace
}  // namespace retort
