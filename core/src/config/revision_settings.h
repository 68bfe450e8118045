// The [retort] keys about writing new revision files, with Alembic's names and meanings:
//
//   file_template = "%(rev)s_%(slug)s"     # the file's name (".toml" is added); script/file_template.h
//   truncate_slug_length = 40              # %(slug)s longer than this is cut at a word boundary
//   timezone = "Europe/Berlin"             # create_date (and the date tokens) on this zone's clock; default UTC
//   revision_template = "revision.toml.tmpl"   # the project's own layout; script/revision_template.h
//
//   [[retort.post_write_hooks]]            # run on each new revision file, in order
//   name = "fmt"
//   command = ["taplo", "fmt", "{file}"]   # {file}: the new file's absolute path (added last if absent)
//   cwd = "."                              # optional, relative to the config's folder
#pragma once

#include "config/config_reader.h"
#include "script/file_template.h"
#include "script/slug.h"

#include <toml++/toml.h>

#include <filesystem>
#include <string>
#include <vector>

namespace retort {

struct PostWriteHook {
  std::string name;
  std::vector<std::string> command;  // program and arguments, with {file} where the file goes
  std::filesystem::path cwd;         // absolute; empty: the current folder
  std::string location;              // "retort.toml:12", for errors
};

struct RevisionSettings {
  FileTemplate file_template;
  size_t truncate_slug_length = kDefaultSlugLength;
  std::string timezone;                      // "" for UTC; looked up when a revision is written
  std::string timezone_location;             // "retort.toml:5", for that lookup's error
  std::filesystem::path revision_template;   // absolute; empty for retort's own layout
  std::vector<PostWriteHook> post_write_hooks;
};

// Reads those keys from [retort] (`retort`), relative paths against `base`. A file_template that names
// subfolders needs `recursive`, or the revisions written there would not be read back. Problems are
// collected by `read`, each naming its key.
RevisionSettings read_revision_settings(const toml::table& retort, ConfigReader& read, const std::filesystem::path& base,
                                        bool recursive);

}  // namespace retort
