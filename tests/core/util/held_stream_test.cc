// HeldStream (util/held_stream.h): passes text straight on, or keeps it until it is released or dropped.
#include "util/held_stream.h"

#include <gtest/gtest.h>

#include <sstream>

namespace retort {
namespace {

TEST(HeldStreamTest, PassesTextStraightOnUntilHeld) {
  std::ostringstream target;
  HeldStream held(target);
  held << "Running upgrade  -> a1" << '\n' << std::flush;
  EXPECT_EQ(target.str(), "Running upgrade  -> a1\n");
}

TEST(HeldStreamTest, ReleasingWritesWhatWasKeptInOrderAndPassesTheRestOn) {
  std::ostringstream target;
  HeldStream held(target);
  held << "before\n";
  held.hold();
  held << "kept " << 1 << '\n' << std::flush;
  held.put('x');
  EXPECT_EQ(target.str(), "before\n") << "nothing held reaches the target, flushed or not";
  held.release();
  EXPECT_EQ(target.str(), "before\nkept 1\nx");
  held << "\nafter\n";
  EXPECT_EQ(target.str(), "before\nkept 1\nx\nafter\n");
}

TEST(HeldStreamTest, DiscardingDropsWhatWasKeptOnly) {
  std::ostringstream target;
  HeldStream held(target);
  held.hold();
  held << "Running upgrade  -> a1\n";
  held.discard();
  held << "error: nothing was applied\n";
  EXPECT_EQ(target.str(), "error: nothing was applied\n");
  held.release();  // nothing left to write
  EXPECT_EQ(target.str(), "error: nothing was applied\n");
}

}  // namespace
}  // namespace retort
