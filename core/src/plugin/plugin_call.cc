#include "plugin/plugin_call.h"

#include <string>

namespace retort {

void record_abi_violation(retort_error* err, std::string message) {
  if (!err) return;
  err->set = true;
  err->abi_violation = true;
  err->message = std::move(message);
  err->sqlstate.clear();
  err->statement.clear();
}

retort_status checked_status(const char* function, retort_status status, retort_error* err) {
  switch (status) {
    case RETORT_OK:
    case RETORT_UNSUPPORTED:
      return status;
    case RETORT_ERROR:
      if (err && !err->set)
        record_abi_violation(err, std::string(function) + " failed without reporting why (report_error was not called)");
      return status;
    default:
      record_abi_violation(err, std::string(function) + " returned status " + std::to_string(status) +
                                ", which the plugin ABI does not define");
      return RETORT_ERROR;
  }
}

retort_status unsupported_from_driver(const char* function, retort_error* err) {
  record_abi_violation(err, std::string(function) + " answered RETORT_UNSUPPORTED, which a driver function may not");
  return RETORT_ERROR;
}

void record_escaped_exception(const char* function, const char* what, retort_error* err) {
  record_abi_violation(err, std::string(function) + " let a C++ exception escape across the plugin ABI" +
                            (what ? std::string(": ") + what : std::string(" (not a std::exception)")));
}

}  // namespace retort
