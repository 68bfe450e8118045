// Alembic's post_write_hooks: each [[retort.post_write_hooks]] command runs on a new revision file once
// it is written (a formatter, a linter, `git add`). A hook that fails (cannot start, exits non-zero, is
// killed) stops the rest and is reported with its exit status and what it wrote to stderr; the revision
// file stays written.
#pragma once

#include "config/revision_settings.h"
#include "util/status.h"

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

namespace retort {

// The hook's program and arguments for `file`: "{file}" (or Alembic's REVISION_SCRIPT_FILENAME) in an
// argument becomes the file's path; with neither anywhere, the path is added as the last argument.
std::vector<std::string> hook_command(const PostWriteHook& hook, const std::filesystem::path& file);

// Runs every hook on `file` in order, saying so on `progress` (Alembic's `Running post write hook "fmt"
// ...  done`) unless it is null.
Status run_post_write_hooks(const std::vector<PostWriteHook>& hooks, const std::filesystem::path& file,
                            std::ostream* progress);

}  // namespace retort
