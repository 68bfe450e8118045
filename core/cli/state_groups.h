// Databases grouped by the state they are in, for listings over a fleet: "9996 databases at 4b1ae634e5cd
// (head)", "4 databases at 3adcc9a56557: tenants/a, ...". Keeps a count and the first few names per
// state, nothing else per database.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

namespace retort::cli {

// A group this small names its databases (the odd ones out are what a reader looks for).
constexpr size_t kNamedInGroup = 5;

class StateGroups {
 public:
  void add(const std::string& state, const std::string& database);

  // "N databases STATE" (one: "1 database STATE"), each followed by ": NAME, ..." when it has up to
  // kNamedInGroup databases; the largest group first, equal ones in the order first seen.
  std::vector<std::string> lines() const;
  bool empty() const { return groups_.empty(); }

 private:
  struct Group {
    std::string state;
    size_t count = 0;
    std::vector<std::string> names;  // the first kNamedInGroup + 1, enough to tell whether to list them
  };
  std::vector<Group> groups_;
  std::unordered_map<std::string, size_t> index_;
};

// "N databases" / "1 database".
std::string databases_count(size_t n);

// "a, b, c" for up to `shown` names, "a, b, c and 9997 more" beyond.
std::string first_names(const std::vector<std::string>& names, size_t total, size_t shown);

}  // namespace retort::cli
