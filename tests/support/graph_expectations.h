// Checks shared by the revision-graph tests: an error that names the revisions it is about, and version
// row changes written out as "INSERT a; UPDATE a->b; DELETE c".
#pragma once

#include "graph/version_rows.h"

#include <initializer_list>
#include <string>
#include <vector>

namespace retort::testing {

// `word` occurs in `text` on its own (not inside a longer id), so short ids such as "b" can be checked.
bool mentions(const std::string& text, const std::string& word);
// `got` is "error: ..." and the message names each of `names` (Alembic asserts its own wording; retort
// has its own).
void expect_refused(const std::string& got, std::initializer_list<std::string> names);
// "INSERT a; UPDATE a->b; DELETE c".
std::string changes_text(const std::vector<VersionChange>& changes);

}  // namespace retort::testing
