#include "script/revision_layout.h"

#include "script/revision_text.h"
#include "script/script_directory.h"

namespace retort {

Result<std::string> RevisionLayout::text(const NewRevision& rev) const {
  if (custom) return custom->render(rev);
  std::string text = revision_file_text(rev);
  RETORT_TRY(check_revision_text(rev, text, rev.file.string()));
  return text;
}

Result<RevisionLayout> revision_layout(const RevisionSettings& settings) {
  RevisionLayout layout;
  layout.naming.file_template = settings.file_template;
  layout.naming.truncate_slug_length = settings.truncate_slug_length;
  auto now = CreateDate::now(settings.timezone);
  if (!now.ok()) return std::move(now).error().at(settings.timezone_location + ": 'timezone'");
  layout.naming.create_date = *now;
  if (!settings.revision_template.empty()) {
    auto loaded = RevisionTemplate::load(settings.revision_template, display_path(settings.revision_template));
    if (!loaded.ok()) return std::move(loaded).error().default_hint("fix revision_template in [retort]");
    layout.custom = std::move(loaded).value();
  }
  return layout;
}

}  // namespace retort
