// The TARGET argument of upgrade, downgrade, stamp and history ranges, parsed but not yet resolved:
// heads, head, base, REV, +N, -N, REV+N, REV-N, LABEL@head, LABEL@base, LABEL@+N, LABEL@REV.
#pragma once

#include "util/status.h"

#include <string>
#include <string_view>

namespace retort {

struct Target {
  enum class Anchor {
    kCurrent,   // "+N"/"-N": relative to what the database has
    kHeads,     // "heads"
    kHead,      // "head": the single head
    kBase,      // "base"
    kRevision,  // an id, unique prefix or branch label
  };
  std::string text;   // as written, for messages
  std::string label;  // the part before '@', or ""
  Anchor anchor = Anchor::kCurrent;
  std::string revision;  // for kRevision
  int relative = 0;      // +N / -N
  bool has_relative = false;
};

Result<Target> parse_target(std::string_view text);

}  // namespace retort
