// The host side of the plugin ABI: the retort_host_api table handed to every plugin, and the concrete
// types behind the opaque handles it passes (errors, sinks, sessions, values).
#pragma once

#include <retort/retort_plugin.h>

#include <toml++/toml.h>

#include <deque>
#include <optional>
#include <string>
#include <vector>

// These complete the opaque types of retort_plugin.h; plugins never see their insides.
struct retort_error {
  bool set = false;
  bool abi_violation = false;  // the plugin broke the ABI's rules (see plugin_call.h): a bug in the plugin
  bool needs_live_database = false;  // only an offline limit: a run against the database can do it
  // The role table (dialect, driver, operation) that broke them, when it is not the one the host called:
  // a driver query or a dialect's quoting reached through the host during another plugin's call.
  const void* culprit = nullptr;
  std::string message;
  std::string sqlstate;
  std::string statement;
};

struct retort_sink {
  std::vector<std::string> items;
};

struct retort_session {
  const retort_driver* driver = nullptr;
  retort_connection* connection = nullptr;
};

struct retort_render_context {
  const retort_dialect* dialect = nullptr;
  std::deque<std::string> strings;  // what the context_* functions returned, alive for the render call
  // Set when quoting through the dialect failed during the render call; the host then fails the call
  // rather than run SQL built around an empty name.
  std::optional<retort_error> quote_failure;
};

namespace retort {

const retort_host_api* host_api();

// A dialect's family: its `family` when its table is new enough (1.1) to have one and it is set, else its
// name.
const char* dialect_family(const retort_dialect* dialect);

// A dialect's inspector (1.2), or nullptr when its table is older or it has none.
const retort_inspector* dialect_inspector(const retort_dialect* dialect);

// Whether the dialect takes session locks through its own lock and unlock entries (1.2), rather than the
// RETORT_STMT_LOCK_* statements.
bool dialect_has_lock(const retort_dialect* dialect);

// A driver's execute_atomically (1.3), or nullptr when its table is older or it leaves it to the host.
using ExecuteAtomicallyFn = retort_status (*)(retort_connection*, const char* const*, size_t, retort_error*);
ExecuteAtomicallyFn driver_execute_atomically(const retort_driver* driver);

// The ABI handle for a TOML node; the node must outlive every use by the plugin.
inline const retort_value* as_value(const toml::node* node) { return reinterpret_cast<const retort_value*>(node); }

}  // namespace retort
