// The lines `history -v` adds to each revision's entry: when, and by which tag, each selected database
// applied it, from that database's version and history tables (DESIGN.md §6):
//     Applied: 2026-12-02T15:57:45Z (tag: release-7)
// "Applied on NAME: ..." when the listing covers several databases; over a fleet (or many databases) one
// line per state instead, "    9996 databases have it applied", the databases of a small group named.
#pragma once

#include "cli_context.h"
#include "runtime/applied_revisions.h"

#include "state_groups.h"

#include <map>
#include <string>
#include <vector>

namespace retort::cli {

class AppliedFormat {
 public:
  // Reads the tables of `databases`; one that cannot be read is named in a warning on ctx.err and left out,
  // so the listing of the tree itself never depends on a server being up.
  static Result<AppliedFormat> read(CliContext& ctx, const std::vector<const DatabaseConfig*>& databases);

  // "\n    Applied: ...\n", one line per database read; "" when none was.
  std::string lines(RevIndex rev) const;

 private:
  struct Source {
    std::string name;
    RevisionSet applied;
    LatestEntries last;  // of upgrade, stamp and downgrade rows
  };
  std::string line(const Source& source, const std::string& id, RevIndex rev) const;
  // Adds every revision's state in `source` to grouped_, then forgets the source.
  void add_to_groups(const Source& source);

  const RevisionMap* map_ = nullptr;
  std::vector<Source> sources_;
  bool named_ = false;  // several databases: each line names its own
  bool grouped_ = false;  // a fleet: per revision, databases counted by state; no source kept
  std::map<RevIndex, StateGroups> groups_;
};

}  // namespace retort::cli
