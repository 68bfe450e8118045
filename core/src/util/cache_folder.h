// Where retort keeps its caches (revision headers, plugin probes) and how it writes them. A cache only ever
// saves work: a missing, unwritable or stale one means doing the work again, never a failure.
#pragma once

#include <filesystem>
#include <string>

namespace retort {

// $RETORT_CACHE_DIR, $XDG_CACHE_HOME/retort or ~/.cache/retort; empty when caching is off
// (RETORT_NO_CACHE=1) or there is no such folder.
std::filesystem::path cache_folder();

// The content of a cache file; "" when it is missing or unreadable, or is no regular file or absurdly large
// (a FIFO put in the cache folder must not make retort wait: util/regular_file.h).
std::string read_cache_file(const std::filesystem::path& cache_file);

// Best effort: writes `text` to a temporary file next to `cache_file` and renames it over, so readers never
// see half a cache (a concurrent writer may win, which only costs the other's entries).
void write_cache_file(const std::filesystem::path& cache_file, const std::string& text);

}  // namespace retort
