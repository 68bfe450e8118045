// Fuzzes revision-file text through everything that reads it before a migration runs: the TOML parse
// (with its nesting limit), the header fields, the operation sections and each operation's check against
// the core catalogue, for a dialect and for none, and the operations of each step (inverses included).
#include "fuzz_target.h"

#include "ops/op_catalogue.h"
#include "ops/revision_ops.h"
#include "script/revision_file.h"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace retort;
  const std::string text(reinterpret_cast<const char*>(data), size);
  ErrorList errors;
  std::optional<RevisionFile> file = parse_revision_text(text, "versions/fuzz.toml", errors);
  FUZZ_CHECK(file.has_value() == errors.empty());
  if (!file) return 0;
  const OpCatalogue& catalogue = OpCatalogue::core();
  for (const DialectVariants& dialect :
       {DialectVariants{"", ""}, DialectVariants{"sqlite", "sqlite"}, DialectVariants{"postgresql", "postgresql"}})
    validate_revision_operations(*file, catalogue, dialect, errors);
  check_section_names(*file, {"main", "legacy"}, errors);
  for (bool upgrade : {true, false}) (void)operations_for_step(*file, upgrade, "main", catalogue).ok();
  return 0;
}
