// Fuzzes the revision cache reader (script/revision_cache.h): whatever a cache file holds (damaged,
// truncated, another version's, hand-edited), reading it never crashes, and a cache it accepts is written
// back exactly as it reads, so nothing of it is lost or changed by a run that rewrites it.
#include "fuzz_target.h"

#include "script/revision_cache.h"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace retort;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::filesystem::path folder = "/project/migrations/versions";
  const RevisionCache cache = RevisionCache::parse(text, folder);
  if (cache.entries.empty() && cache.check_key.empty() && cache.plan_keys.empty()) return 0;
  FUZZ_CHECK(cache.plan_keys.size() <= RevisionCache::kMaxPlanKeys);
  for (const auto& e : cache.entries) FUZZ_CHECK(e.planned >> cache.plan_keys.size() == 0);
  const std::string written = cache.text(folder);
  const RevisionCache again = RevisionCache::parse(written, folder);
  FUZZ_CHECK(again.text(folder) == written);
  FUZZ_CHECK(again.entries.size() == cache.entries.size());
  return 0;
}
