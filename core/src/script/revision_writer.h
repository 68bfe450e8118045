// Creating revision files: `retort revision` and `retort merge`. Decides down_revision the way Alembic
// does (the current head, --head, --splice, merges) and the file's name ([retort] file_template and
// truncate_slug_length), and writes the file.
#pragma once

#include "script/create_date.h"
#include "script/file_template.h"
#include "script/script_directory.h"
#include "script/slug.h"
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

// How new files are named: [retort] file_template and truncate_slug_length, and when they are made.
struct RevisionNaming {
  FileTemplate file_template;
  size_t truncate_slug_length = kDefaultSlugLength;
  CreateDate create_date = CreateDate::at(std::time(nullptr));
};

struct NewRevision {
  std::string id;
  std::string message;
  std::vector<std::string> down_revisions;
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::string create_date;  // a TOML offset date-time, 2026-11-21T10:00:00Z
  std::filesystem::path file;
  std::string body;  // the operation sections (autogenerate); "" for none
};

// Checks the request against the tree and decides every field of the new revision.
Result<NewRevision> plan_revision(const ScriptDirectory& scripts, const RevisionRequest& request,
                                  const RevisionNaming& naming = {});

// Writes `text` as the new file `rev.file` (and the folders it needs), never overwriting one.
Status write_revision(const NewRevision& rev, const std::string& text);

// 12 random lowercase hex digits.
std::string new_revision_id();

}  // namespace retort
