// Tests core/cli/progress_line.cc: the status line is drawn and redrawn with \r, taken away before each
// line written through the stream and drawn again after it, throttled, cleared at the end, and never
// drawn at all when disabled (stderr not a terminal), where lines pass straight through.
#include "progress_line.h"

#include <gtest/gtest.h>

#include <sstream>

namespace retort::cli {
namespace {

using State = DatabaseOutcome::State;
constexpr std::chrono::milliseconds kNoThrottle{0};

TEST(ProgressLine, CountsDoneFailedAndRunning) {
  std::ostringstream err;
  ProgressLine line(err, true, 10000, kNoThrottle);
  for (int i = 0; i < 4; ++i) line.started();
  line.finished(State::kDone);
  line.finished(State::kFailed);
  line.started();
  EXPECT_EQ(line.text(), "1/10000 done, 1 failed, 3 running");
  line.finished(State::kSkipped);
  EXPECT_EQ(line.text(), "1/10000 done, 1 failed, 1 skipped, 3 running");
}

TEST(ProgressLine, IsRedrawnInPlaceAndClearedAtTheEnd) {
  std::ostringstream err;
  {
    ProgressLine line(err, true, 2, kNoThrottle);
    line.started();
    line.finished(State::kDone);
  }
  EXPECT_EQ(err.str(),
            "\r0/2 done, 0 failed, 1 running\x1b[K"
            "\r1/2 done, 0 failed, 0 running\x1b[K"
            "\r\x1b[K");
}

TEST(ProgressLine, OtherLinesGoAboveIt) {
  std::ostringstream err;
  ProgressLine line(err, true, 2, kNoThrottle);
  line.started();
  line << "error: database 'b'" << ": failed\n" << std::flush;
  line.clear();
  EXPECT_EQ(err.str(),
            "\r0/2 done, 0 failed, 1 running\x1b[K"
            "\r\x1b[Kerror: database 'b': failed\n"
            "\r0/2 done, 0 failed, 1 running\x1b[K"
            "\r\x1b[K");
}

TEST(ProgressLine, CountChangesAreThrottled) {
  std::ostringstream err;
  ProgressLine line(err, true, 100, std::chrono::hours(1));
  for (int i = 0; i < 50; ++i) {
    line.started();
    line.finished(State::kDone);
  }
  line.clear();
  EXPECT_EQ(err.str(), "\r0/100 done, 0 failed, 1 running\x1b[K\r\x1b[K") << "drawn once, then cleared";
}

TEST(ProgressLine, DisabledItIsAPlainStream) {
  std::ostringstream err;
  {
    ProgressLine line(err, false, 2, kNoThrottle);
    line.started();
    line << "Running upgrade  -> a1, first\n";
    line << "a question? " << std::flush;
    line.finished(State::kDone);
  }
  EXPECT_EQ(err.str(), "Running upgrade  -> a1, first\na question? ");
}

TEST(ProgressLine, AnUnfinishedLineFlushedOutHoldsTheStatusBack) {
  std::ostringstream err;
  ProgressLine line(err, true, 2, kNoThrottle);
  line.started();
  line << "continue? " << std::flush;
  line.finished(State::kDone);  // not drawn while the question waits
  line << "yes\n";
  line.clear();
  EXPECT_EQ(err.str(),
            "\r0/2 done, 0 failed, 1 running\x1b[K"
            "\r\x1b[Kcontinue? "
            "yes\n"
            "\r1/2 done, 0 failed, 0 running\x1b[K"
            "\r\x1b[K");
}

}  // namespace
}  // namespace retort::cli
