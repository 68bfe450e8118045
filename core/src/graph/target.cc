#include "graph/target.h"

#include <cctype>

namespace retort {

Result<Target> parse_target(std::string_view text) {
  Target t;
  t.text = std::string(text);
  auto bad = [&](const std::string& why) {
    return Error("invalid target '" + t.text + "': " + why)
        .hint("targets are heads, head, base, a revision id or unique prefix, +N, -N, REV+N, REV-N, LABEL@head, "
              "LABEL@base, LABEL@+N");
  };
  if (text.empty()) return bad("empty");
  std::string_view rest = text;
  if (size_t at = rest.find('@'); at != std::string_view::npos) {
    t.label = std::string(rest.substr(0, at));
    rest = rest.substr(at + 1);
    if (t.label.empty()) return bad("nothing before '@'");
    if (rest.empty()) return bad("nothing after '@'");
  }
  // A trailing +N / -N makes the target relative.
  size_t sign = rest.find_last_of("+-");
  if (sign != std::string_view::npos) {
    std::string_view digits = rest.substr(sign + 1);
    if (digits.empty() || digits.size() > 6) return bad("expected a number after '" + std::string(1, rest[sign]) + "'");
    for (char c : digits)
      if (!std::isdigit(static_cast<unsigned char>(c))) return bad("expected a number after '" + std::string(1, rest[sign]) + "'");
    t.has_relative = true;
    t.relative = std::stoi(std::string(digits)) * (rest[sign] == '-' ? -1 : 1);
    rest = rest.substr(0, sign);
    if (rest.find_first_of("+-") != std::string_view::npos) return bad("more than one relative step");
  }
  if (rest.empty()) {
    t.anchor = Target::Anchor::kCurrent;
    if (!t.has_relative) return bad("empty");
  } else if (rest == "heads") {
    t.anchor = Target::Anchor::kHeads;
  } else if (rest == "head") {
    t.anchor = Target::Anchor::kHead;
  } else if (rest == "base") {
    t.anchor = Target::Anchor::kBase;
  } else if (rest == "current") {
    t.anchor = Target::Anchor::kCurrent;
  } else {
    t.anchor = Target::Anchor::kRevision;
    t.revision = std::string(rest);
  }
  return t;
}

}  // namespace retort
