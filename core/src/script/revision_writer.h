// Creating revision files: `retort revision` and `retort merge`. Decides down_revision the way Alembic
// does (the current head, --head, --splice, merges), then writes a commented TOML template.
#pragma once

#include "script/script_directory.h"
#include "util/status.h"

#include <filesystem>
#include <string>
#include <vector>

namespace retort {

struct RevisionRequest {
  std::string message;
  std::string head = "head";               // what the new revision builds on; "base" for a new root
  bool splice = false;                      // allow building on a revision that is not a head
  std::vector<std::string> merge_of;        // for `merge`: the revisions to join (overrides head)
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::string rev_id;                       // "" for a new random id
  std::string version_path;                 // "" for the default folder
};

struct NewRevision {
  std::string id;
  std::string message;
  std::vector<std::string> down_revisions;
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::filesystem::path file;
  std::string body;  // the operation sections (autogenerate); "" for the commented example
};

// Checks the request against the tree and decides every field of the new revision.
Result<NewRevision> plan_revision(const ScriptDirectory& scripts, const RevisionRequest& request);

// Writes the file (never overwriting one); `create_date` is ISO 8601 UTC.
Status write_revision(const NewRevision& rev, const std::string& create_date);

// The text of a new revision file.
std::string revision_file_text(const NewRevision& rev, const std::string& create_date);

// 12 random lowercase hex digits.
std::string new_revision_id();
// Alembic's file-name slug: words of the message joined by '_', lowercased, at most 40 characters.
std::string slugify(const std::string& message);
// The current time as 2026-11-21T10:00:00Z.
std::string utc_now_iso();

}  // namespace retort
