// Tests util/toml_file.cc, the one way retort reads TOML: documents nested absurdly deep are refused with
// a located error before toml++ (which would overflow the stack) sees them, while 100 levels still parse;
// files that are not regular files are refused without blocking.
#include "util/toml_file.h"

#include "temp_dir.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

namespace retort {
namespace {

using testing::TempDir;
using testing::write_file;

std::string repeated(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

std::string dotted_key(int parts) { return "a" + repeated(".a", parts - 1); }

std::string error_of(const Result<toml::table>& r) { return r.ok() ? "(parsed)" : r.error().to_string(); }

TEST(ParseTomlText, HundredLevelsParse) {
  auto key = parse_toml_text(dotted_key(100) + " = 1\n", "x.toml");
  ASSERT_TRUE(key.ok()) << error_of(key);
  EXPECT_EQ(key->at_path(dotted_key(100)).value<int64_t>(), 1);
  auto arrays = parse_toml_text("a = " + repeated("[", 99) + "1" + repeated("]", 99) + "\n", "x.toml");
  EXPECT_TRUE(arrays.ok()) << error_of(arrays);
  auto tables = parse_toml_text("a = " + repeated("{ b = ", 99) + "1" + repeated(" }", 99) + "\n", "x.toml");
  EXPECT_TRUE(tables.ok()) << error_of(tables);
  auto header = parse_toml_text("[" + dotted_key(99) + "]\nb = 1\n", "x.toml");
  EXPECT_TRUE(header.ok()) << error_of(header);
}

TEST(ParseTomlText, FiftyThousandLevelsAreRefusedNotACrash) {
  const std::string expected = "x.toml:2: nesting deeper than 100 levels";
  for (const std::string& deep : {dotted_key(50000) + " = 1\n", "a = " + repeated("[", 50000) + "\n",
                                  "a = " + repeated("{a=", 50000) + "\n", "[" + dotted_key(50000) + "]\n",
                                  "[[" + dotted_key(50000) + "]]\n", "a = " + repeated("[{b=", 20000) + "\n"}) {
    auto r = parse_toml_text("# a hostile file\n" + deep, "x.toml");
    ASSERT_FALSE(r.ok()) << deep.substr(0, 20);
    EXPECT_EQ(r.error().to_string().rfind(expected, 0), 0U) << r.error().to_string();
    EXPECT_EQ(r.error().hint_text(), "write it flatter: revision files and configs need only a few levels");
  }
  EXPECT_FALSE(parse_toml_text(dotted_key(101) + " = 1\n", "x.toml").ok());
}

TEST(ParseTomlFile, DeepFileIsRefusedWithItsPath) {
  TempDir dir;
  write_file(dir / "deep.toml", "a = 1\n" + dotted_key(50000) + " = 1\n");
  auto r = parse_toml_file(dir / "deep.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().to_string().rfind((dir / "deep.toml").string() + ":2: nesting deeper than 100 levels", 0), 0U)
      << r.error().to_string();
}

TEST(ParseTomlFile, OnlyRegularFilesAreRead) {
  TempDir dir;
  ASSERT_EQ(::mkfifo((dir / "fifo.toml").c_str(), 0600), 0);
  auto fifo = parse_toml_file(dir / "fifo.toml");
  ASSERT_FALSE(fifo.ok()) << "a FIFO must be refused, not waited on";
  EXPECT_EQ(fifo.error().to_string().rfind((dir / "fifo.toml").string() + ": not a regular file (a FIFO)", 0), 0U)
      << fifo.error().to_string();

  std::filesystem::create_symlink("/dev/zero", dir / "zero.toml");
  auto zero = parse_toml_file(dir / "zero.toml");
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.error().to_string().find("not a regular file (a character device)"), std::string::npos)
      << zero.error().to_string();

  std::filesystem::create_directories(dir / "folder.toml");
  auto folder = parse_toml_file(dir / "folder.toml");
  ASSERT_FALSE(folder.ok());
  EXPECT_NE(folder.error().to_string().find("is a folder, not a file"), std::string::npos);

  write_file(dir / "real.toml", "a = 1\n");
  std::filesystem::create_symlink("real.toml", dir / "link.toml");
  auto link = parse_toml_file(dir / "link.toml");
  ASSERT_TRUE(link.ok()) << error_of(link);
  EXPECT_EQ((*link)["a"].value<int64_t>(), 1);
}

}  // namespace
}  // namespace retort
