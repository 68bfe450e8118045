#include "util/status.h"

namespace retort {

std::string Error::to_string() const {
  std::string out;
  for (const auto& w : where_) out += w + ": ";
  out += message_;
  if (!hint_.empty()) out += "\n  hint: " + hint_;
  return out;
}

Error ErrorList::combined(const std::string& summary) const {
  if (errors_.size() == 1) return errors_.front();
  std::string msg = summary;
  for (const auto& e : errors_) msg += "\n  " + e.to_string();
  return Error(msg);
}

}  // namespace retort
