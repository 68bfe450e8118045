// Tests script/file_template.cc: Alembic's file_template tokens rendered as Python's %-formatting renders
// them (expected values from Python 3 itself), and every malformed template refused with a clear reason.
#include "script/file_template.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

FileNameFields fields() {
  FileNameFields f;
  f.rev = "ae1027a6acf0";
  f.slug = "add_table";
  f.epoch = 1795255200;
  f.year = 2026;
  f.month = 11;
  f.day = 21;
  f.hour = 9;
  f.minute = 5;
  f.second = 7;
  return f;
}

std::string rendered(const std::string& text) {
  auto t = FileTemplate::parse(text);
  if (!t.ok()) return "error: " + t.error().to_string();
  return t->render(fields());
}

TEST(FileTemplate, DefaultIsAlembics) {
  EXPECT_EQ(FileTemplate().text(), "%(rev)s_%(slug)s");
  EXPECT_EQ(FileTemplate().render(fields()), "ae1027a6acf0_add_table");
}

TEST(FileTemplate, RendersLikePython) {
  EXPECT_EQ(rendered("%(year)d_%(month).2d_%(day).2d_%(hour).2d%(minute).2d-%(rev)s_%(slug)s"),
            "2026_11_21_0905-ae1027a6acf0_add_table");
  EXPECT_EQ(rendered("%(epoch)s_%(rev)s"), "1795255200_ae1027a6acf0");
  EXPECT_EQ(rendered("%(year)d/%(month).2d/%(rev)s"), "2026/11/ae1027a6acf0");
  EXPECT_EQ(rendered("%(rev).4s_%(slug)s"), "ae10_add_table");
  EXPECT_EQ(rendered("100%%_%(rev)s"), "100%_ae1027a6acf0");
  EXPECT_EQ(rendered("%(month)02d-%(day)-3d|%(rev)s"), "11-21 |ae1027a6acf0");
  EXPECT_EQ(rendered("%(second)+d_%(rev)s"), "+7_ae1027a6acf0");
  EXPECT_EQ(rendered("%(hour)5s|%(rev)s"), "    9|ae1027a6acf0");
  EXPECT_EQ(rendered("%(second)05.3d_%(rev)s"), "00007_ae1027a6acf0");
  EXPECT_EQ(rendered("%(minute)i%(second)ld_%(rev)s"), "57_ae1027a6acf0");
}

TEST(FileTemplate, UnknownTokensAreNamedWithTheKnownOnes) {
  auto t = FileTemplate::parse("%(revision)s_%(slug)s");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().message(), "unknown token '%(revision)'; did you mean %(rev)?");
  EXPECT_NE(t.error().hint_text().find("%(rev)s, %(slug)s, %(epoch)s, %(year)d, %(month).2d"), std::string::npos)
      << t.error().hint_text();
}

TEST(FileTemplate, MalformedSpecificationsAreRefused) {
  for (const auto& [text, why] : std::vector<std::pair<std::string, std::string>>{
           {"%(rev)", "incomplete"},
           {"%(rev", "no ')'"},
           {"%s_%(rev)s", "a token is %(name)"},
           {"%(rev)s_%", "a token is %(name)"},
           {"%(rev)q", "unsupported conversion 'q'"},
           {"%(year)f_%(rev)s", "unsupported conversion 'f'"},
           {"%(rev)d", "rev is text"},
           {"%(slug)i_%(rev)s", "slug is text"},
           {"%(rev)1000s", "a width above 100"},
           {"%(rev)#s", "'#' flag"},
       }) {
    auto t = FileTemplate::parse(text);
    ASSERT_FALSE(t.ok()) << text;
    EXPECT_NE(t.error().message().find(why), std::string::npos) << text << ": " << t.error().to_string();
  }
}

TEST(FileTemplate, NamesStayInsideTheVersionLocation) {
  for (const std::string text : {"", "/%(rev)s", "../%(rev)s", "%(rev)s/../x", "a//%(rev)s", "./%(rev)s", "%(rev)s/"}) {
    EXPECT_FALSE(FileTemplate::parse(text).ok()) << text;
  }
  EXPECT_TRUE(FileTemplate::parse("%(year)d/%(rev)s").value().has_folders());
  EXPECT_FALSE(FileTemplate().has_folders());
  // A token that is empty for one revision (no message) is caught when the name is made.
  auto t = FileTemplate::parse("%(slug)s/%(rev)s");
  ASSERT_TRUE(t.ok());
  FileNameFields f = fields();
  f.slug = "";
  EXPECT_FALSE(t->file_name(f).ok());
  EXPECT_EQ(t->file_name(fields()).value(), "add_table/ae1027a6acf0");
}

}  // namespace
}  // namespace retort
