// Tests util/line_sink.cc: whole prefixed lines from several threads, and an unfinished last line.
#include "util/line_sink.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <thread>
#include <vector>

namespace retort {
namespace {

TEST(LineSink, PrefixesEveryLine) {
  std::ostringstream out;
  std::mutex mutex;
  {
    LineSink sink(out, mutex, "[a] ");
    sink << "one\ntwo" << 2 << "\n" << "unfinished";
    EXPECT_EQ(out.str(), "[a] one\n[a] two2\n");
  }
  EXPECT_EQ(out.str(), "[a] one\n[a] two2\n[a] unfinished\n");
}

TEST(LineSink, LinesFromSeveralThreadsNeverInterleave) {
  std::ostringstream out;
  std::mutex mutex;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      LineSink sink(out, mutex, "[" + std::to_string(t) + "] ");
      // Each line is written in pieces, so only the sink's buffering keeps it whole.
      for (int i = 0; i < 500; ++i) sink << "line " << i << " of " << t << '\n';
    });
  }
  for (auto& th : threads) th.join();
  std::istringstream in(out.str());
  std::string line;
  std::set<std::string> seen;
  while (std::getline(in, line)) {
    ASSERT_EQ(line[0], '[') << line;
    const std::string t = line.substr(1, 1);
    EXPECT_EQ(line.substr(3, 6), " line ") << line;
    EXPECT_EQ(line.substr(line.size() - 5), " of " + t) << line;
    seen.insert(line);
  }
  EXPECT_EQ(seen.size(), 2000u);
}

}  // namespace
}  // namespace retort
