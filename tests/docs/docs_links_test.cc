// The documentation stands on its own: every relative link in README.md and docs/*.md points to a file in
// the repository (and, for a #fragment into a Markdown file, to one of its headings), nothing refers to
// files outside it, and README.md links every page of docs/.
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

namespace retort {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = fs::weakly_canonical(fs::path(RETORT_SOURCE_DIR));

std::vector<fs::path> documentation() {
  std::vector<fs::path> files = {kRoot / "README.md"};
  for (const auto& entry : fs::directory_iterator(kRoot / "docs"))
    if (entry.path().extension() == ".md") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

// The lines of `markdown` outside fenced code blocks, in order.
std::vector<std::string> prose_lines(const std::string& markdown) {
  std::vector<std::string> out;
  bool in_block = false;
  size_t start = 0;
  while (start < markdown.size()) {
    size_t end = markdown.find('\n', start);
    if (end == std::string::npos) end = markdown.size();
    std::string line = markdown.substr(start, end - start);
    start = end + 1;
    if (line.rfind("```", 0) == 0) in_block = !in_block;
    if (!in_block) out.push_back(std::move(line));
  }
  return out;
}

// The targets of [text](target) links, code spans and blocks left out.
std::vector<std::string> link_targets(const std::string& markdown) {
  std::vector<std::string> out;
  static const std::regex link(R"(\]\(([^)\s]+)\))");
  for (const std::string& line : prose_lines(markdown)) {
    if (line.rfind("```", 0) == 0 || line.rfind("    ", 0) == 0) continue;  // a fence, or indented code
    for (std::sregex_iterator m(line.begin(), line.end(), link), last; m != last; ++m) out.push_back((*m)[1]);
  }
  return out;
}

// GitHub's anchor for a heading: lowercase, punctuation dropped, spaces as '-'.
std::string anchor_of(const std::string& heading) {
  std::string out;
  for (char c : heading) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '_')
      out += static_cast<char>(std::tolower(u));
    else if (c == ' ')
      out += '-';
    else if (u >= 0x80)
      out += c;
  }
  return out;
}

std::set<std::string> anchors(const std::string& markdown) {
  std::set<std::string> out;
  for (const std::string& line : prose_lines(markdown)) {
    if (line.empty() || line[0] != '#') continue;
    const size_t text = line.find_first_not_of('#');
    if (text != std::string::npos && line[text] == ' ') out.insert(anchor_of(line.substr(text + 1)));
  }
  return out;
}

TEST(DocsLinks, EveryRelativeLinkPointsToAFileInTheRepository) {
  size_t checked = 0;
  for (const fs::path& doc : documentation()) {
    const std::string text = testing::read_file(doc);
    for (const std::string& target : link_targets(text)) {
      if (target.rfind("http://", 0) == 0 || target.rfind("https://", 0) == 0 || target.rfind("mailto:", 0) == 0)
        continue;
      ++checked;
      const auto hash = target.find('#');
      const std::string file = target.substr(0, hash);
      const std::string fragment = hash == std::string::npos ? "" : target.substr(hash + 1);
      const fs::path resolved = file.empty() ? doc : fs::weakly_canonical(doc.parent_path() / file);
      const std::string where = doc.filename().string() + ": link (" + target + ")";
      const std::string rel = resolved.lexically_relative(kRoot).string();
      EXPECT_FALSE(rel.empty() || rel.rfind("..", 0) == 0) << where << " leaves the repository";
      EXPECT_TRUE(fs::exists(resolved)) << where << " points to a missing file";
      if (!fragment.empty() && resolved.extension() == ".md" && fs::exists(resolved)) {
        EXPECT_TRUE(anchors(testing::read_file(resolved)).count(fragment))
            << where << ": " << resolved.filename() << " has no heading for #" << fragment;
      }
    }
  }
  EXPECT_GT(checked, 20u) << "the documentation should link its pages";
}

TEST(DocsLinks, NothingRefersToFilesUsersDoNotHave) {
  for (const fs::path& doc : documentation()) {
    const std::string text = testing::read_file(doc);
    for (const char* outside : {"DESIGN.md", "DESIGN §", "../shared", "/work/"})
      EXPECT_EQ(text.find(outside), std::string::npos) << doc.filename() << " mentions " << outside;
  }
}

TEST(DocsLinks, TheReadmeLinksEveryPageOfDocs) {
  const std::vector<std::string> targets = link_targets(testing::read_file(kRoot / "README.md"));
  for (const fs::path& doc : documentation()) {
    if (doc.filename() == "README.md") continue;
    const std::string page = "docs/" + doc.filename().string();
    EXPECT_TRUE(std::any_of(targets.begin(), targets.end(),
                            [&](const std::string& t) { return t.substr(0, t.find('#')) == page; }))
        << "README.md does not link " << page;
  }
}

}  // namespace
}  // namespace retort
