// Tests runtime/outcome_report.cc: one entry per database with its outcome, revisions, error and time,
// written to a temporary file that replaces the report only when complete, and nothing left behind by a
// report never finished.
#include "runtime/outcome_report.h"

#include "temp_dir.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

namespace fs = std::filesystem;

DatabaseConfig database(const std::string& name) {
  DatabaseConfig db;
  db.name = name;
  return db;
}

size_t files_in(const fs::path& dir) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++n;
  return n;
}

TEST(OutcomeReport, EveryOutcomeIsAnEntry) {
  testing::TempDir dir;
  const DatabaseConfig a = database("tenants/a"), b = database("tenants/b\"q"), c = database("c");
  auto report = OutcomeReport::create(dir / "report.json");
  ASSERT_TRUE(report.ok()) << report.error().to_string();

  DatabaseOutcome done;
  done.database = &a;
  done.state = DatabaseOutcome::State::kDone;
  done.report.revisions = {"a1", "b2"};
  done.seconds = 0.25;
  DatabaseOutcome failed;
  failed.database = &b;
  failed.state = DatabaseOutcome::State::kFailed;
  failed.error = Error("no such table: x").at("database 'tenants/b\"q'");
  failed.seconds = 1.5;
  DatabaseOutcome skipped;
  skipped.database = &c;
  skipped.skipped_because = "not started after database 'tenants/b' failed";
  ASSERT_TRUE(report->add(done).ok());
  ASSERT_TRUE(report->add(failed).ok());
  ASSERT_TRUE(report->add(skipped).ok());
  EXPECT_FALSE(fs::exists(dir / "report.json")) << "no half report is ever in place";
  ASSERT_TRUE(report->finish().ok());

  EXPECT_EQ(testing::read_file(dir / "report.json"),
            "{\"databases\": [\n"
            "  {\"name\": \"tenants/a\", \"outcome\": \"done\", \"revisions\": [\"a1\", \"b2\"], \"error\": null, "
            "\"seconds\": 0.250},\n"
            "  {\"name\": \"tenants/b\\\"q\", \"outcome\": \"failed\", \"revisions\": [], "
            "\"error\": \"database 'tenants/b\\\"q': no such table: x\", \"seconds\": 1.500},\n"
            "  {\"name\": \"c\", \"outcome\": \"skipped\", \"revisions\": [], "
            "\"error\": \"not started after database 'tenants/b' failed\", \"seconds\": 0.000}\n"
            "]}\n");
  EXPECT_EQ(files_in(dir.path()), 1u) << "the temporary file was renamed";
}

TEST(OutcomeReport, ADatabaseNeverRunIsFailedWithTheError) {
  testing::TempDir dir;
  const DatabaseConfig a = database("a");
  auto report = OutcomeReport::create(dir / "r.json");
  ASSERT_TRUE(report.ok());
  ASSERT_TRUE(report->add_failed(a, Error("bad revision file").hint("fix it")).ok());
  ASSERT_TRUE(report->finish().ok());
  EXPECT_EQ(testing::read_file(dir / "r.json"),
            "{\"databases\": [\n  {\"name\": \"a\", \"outcome\": \"failed\", \"revisions\": [], "
            "\"error\": \"bad revision file\\n  hint: fix it\", \"seconds\": 0.000}\n]}\n");
}

TEST(OutcomeReport, NoDatabasesIsAnEmptyList) {
  testing::TempDir dir;
  auto report = OutcomeReport::create(dir / "r.json");
  ASSERT_TRUE(report.ok());
  ASSERT_TRUE(report->finish().ok());
  EXPECT_EQ(testing::read_file(dir / "r.json"), "{\"databases\": []}\n");
}

TEST(OutcomeReport, AnUnfinishedReportLeavesNothingBehind) {
  testing::TempDir dir;
  testing::write_file(dir / "r.json", "the previous report\n");
  {
    auto report = OutcomeReport::create(dir / "r.json");
    ASSERT_TRUE(report.ok());
  }
  EXPECT_EQ(files_in(dir.path()), 1u);
  EXPECT_EQ(testing::read_file(dir / "r.json"), "the previous report\n");
}

TEST(OutcomeReport, AFolderThatDoesNotExistIsAnErrorNamingTheFile) {
  testing::TempDir dir;
  auto report = OutcomeReport::create(dir / "no/such/folder/r.json");
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.error().to_string().find("no/such/folder/r.json"), std::string::npos) << report.error().to_string();
  EXPECT_NE(report.error().to_string().find("cannot write the report"), std::string::npos);
}

}  // namespace
}  // namespace retort
