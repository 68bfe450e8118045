// A plugin that brings its process down while it is being loaded, where nothing inside that process can
// catch it: retort must name the file and fail the run whatever the plugin does. Variants, one each:
//   VARIANT_CTOR_SEGV, VARIANT_CTOR_ABORT, VARIANT_CTOR_EXIT0, VARIANT_CTOR_EXIT3
//       a static constructor (run by dlopen, before any entry point) segfaults, aborts, calls exit(0), exit(3)
//   VARIANT_ENTRY_SEGV, VARIANT_ENTRY_ABORT, VARIANT_ENTRY_EXIT0, VARIANT_ENTRY_HANGS
//       retort_plugin_entry segfaults, aborts, calls exit(0), never returns
//   VARIANT_BAD_TABLES                        its operation table is a pointer to nowhere: reading it faults
//   VARIANT_INIT_HANGS, VARIANT_INIT_EXITS    init never returns; init calls exit(0)
//   VARIANT_INIT_WHEN_TOLD  loads cleanly, except that init does what RETORT_TEST_INIT_DOES says ("exit",
//                           "segv", "abort"): a plugin that behaves while retort checks it and not afterwards
#include <retort/retort_plugin.h>

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace {

// A real fault, at an address nothing maps: the pointer is volatile so the compiler cannot see it is bad
// (a visible null store may become a trap instruction, and a sanitizer reports a null store itself).
[[noreturn, maybe_unused]] void segfault() {
  int* volatile address = reinterpret_cast<int*>(std::uintptr_t{64});
  *address = 1;
  std::abort();  // not reached
}

[[noreturn, maybe_unused]] void hang() {
  for (;;) pause();
}

#if defined(VARIANT_CTOR_SEGV) || defined(VARIANT_CTOR_ABORT) || defined(VARIANT_CTOR_EXIT0) || \
    defined(VARIANT_CTOR_EXIT3)
struct RunsWhileOpened {
  RunsWhileOpened() {
#if defined(VARIANT_CTOR_SEGV)
    segfault();
#elif defined(VARIANT_CTOR_ABORT)
    std::abort();
#elif defined(VARIANT_CTOR_EXIT0)
    std::exit(0);
#else
    std::exit(3);
#endif
  }
};
const RunsWhileOpened runs_while_opened;
#endif

retort_status init(const retort_host_api* /*host*/, retort_error* /*err*/) {
#if defined(VARIANT_INIT_HANGS)
  hang();
#elif defined(VARIANT_INIT_EXITS)
  std::exit(0);
#elif defined(VARIANT_INIT_WHEN_TOLD)
  if (const char* what = std::getenv("RETORT_TEST_INIT_DOES")) {
    if (std::strcmp(what, "exit") == 0) std::exit(0);
    if (std::strcmp(what, "segv") == 0) segfault();
    if (std::strcmp(what, "abort") == 0) std::abort();
  }
#endif
  return RETORT_OK;
}

retort_plugin make_descriptor() {
  retort_plugin p{};
  p.struct_size = sizeof(retort_plugin);
  p.abi_major = RETORT_ABI_MAJOR;
  p.abi_minor = RETORT_ABI_MINOR;
  p.name = "loadfail";
  p.version = "0.0.1";
  p.description = "brings its process down while loading";
  p.init = init;
#if defined(VARIANT_BAD_TABLES)
  p.operation_count = 1;
  p.operations = reinterpret_cast<const retort_operation* const*>(std::uintptr_t{64});
#endif
  return p;
}

const retort_plugin plugin = make_descriptor();

}  // namespace

extern "C" RETORT_PLUGIN_EXPORT const retort_plugin* retort_plugin_entry(void) {
#if defined(VARIANT_ENTRY_SEGV)
  segfault();
#elif defined(VARIANT_ENTRY_ABORT)
  std::abort();
#elif defined(VARIANT_ENTRY_EXIT0)
  std::exit(0);
#elif defined(VARIANT_ENTRY_HANGS)
  hang();
#else
  return &plugin;
#endif
}
