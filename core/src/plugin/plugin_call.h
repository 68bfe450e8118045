// Every call from the host into a plugin goes through call_plugin. The ABI forbids exceptions across it
// and defines three statuses; a plugin that breaks either rule has a bug, and retort reports that bug,
// naming the function, instead of terminating or running on with a half-made result.
#pragma once

#include "plugin/host_api.h"

#include <exception>
#include <string>
#include <utility>

namespace retort {

// The hint on every error that reports a plugin breaking the ABI.
inline constexpr const char* kPluginBugHint =
    "this is a bug in the plugin: report it to the plugin's authors, and remove the plugin from the plugin "
    "folders until it is fixed";

// Records in `err` that the plugin broke the ABI's rules, replacing whatever it had reported.
void record_abi_violation(retort_error* err, std::string message);
// Turns a status the ABI does not define, or RETORT_ERROR without a report, into a reported ABI
// violation (RETORT_ERROR); passes good statuses through.
retort_status checked_status(const char* function, retort_status status, retort_error* err);
// Records that driver function `function` answered RETORT_UNSUPPORTED; returns RETORT_ERROR.
retort_status unsupported_from_driver(const char* function, retort_error* err);
// Records that `function` let an exception escape (what: its what(), or NULL for a non-std exception).
void record_escaped_exception(const char* function, const char* what, retort_error* err);

// Runs `call`, a plugin function returning retort_status; see above.
template <class Call>
retort_status call_plugin(const char* function, retort_error* err, Call&& call) noexcept {
  try {
    return checked_status(function, std::forward<Call>(call)(), err);
  } catch (const std::exception& e) {
    record_escaped_exception(function, e.what(), err);
  } catch (...) {
    record_escaped_exception(function, nullptr, err);
  }
  return RETORT_ERROR;
}

// The same for a driver function, which succeeds or fails: RETORT_UNSUPPORTED is a violation there too.
template <class Call>
retort_status call_driver(const char* function, retort_error* err, Call&& call) noexcept {
  retort_status st = call_plugin(function, err, std::forward<Call>(call));
  return st == RETORT_UNSUPPORTED ? unsupported_from_driver(function, err) : st;
}

// The same for a plugin function with nothing to return (disconnect): an escaping exception is
// recorded in `err`, if one is given, and otherwise dropped.
template <class Call>
void call_plugin_void(const char* function, retort_error* err, Call&& call) noexcept {
  try {
    std::forward<Call>(call)();
  } catch (const std::exception& e) {
    record_escaped_exception(function, e.what(), err);
  } catch (...) {
    record_escaped_exception(function, nullptr, err);
  }
}

}  // namespace retort
