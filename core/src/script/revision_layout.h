// How a new revision file is named and laid out, from [retort]: file_template, truncate_slug_length and
// timezone name it; revision_template, when set, lays it out instead of retort's own layout.
#pragma once

#include "config/revision_settings.h"
#include "script/revision_template.h"
#include "script/revision_writer.h"
#include "util/status.h"

#include <optional>
#include <string>

namespace retort {

struct RevisionLayout {
  RevisionNaming naming;
  std::optional<RevisionTemplate> custom;  // revision_template; none: retort's layout

  // The file's text, checked to read back as `rev`.
  Result<std::string> text(const NewRevision& rev) const;
};

// The layout `settings` describe, dated now; an unknown timezone, or a revision_template that is missing or
// malformed, is an error naming it.
Result<RevisionLayout> revision_layout(const RevisionSettings& settings);

}  // namespace retort
