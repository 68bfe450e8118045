// A revision's checksum (DESIGN.md §6): "v1:" + SHA-256 of its parsed links and operations, so comments,
// formatting, key order, line endings and the message never change it, and any change to what it does does.
#pragma once

#include "script/revision_file.h"

#include <string>

namespace retort {

std::string revision_checksum(const RevisionFile& file);

// The text the checksum is taken of: one canonical line per link and per operation section.
std::string canonical_revision_text(const RevisionFile& file);

}  // namespace retort
