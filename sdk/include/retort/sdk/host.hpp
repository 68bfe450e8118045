// Access to the host services from C++ plugin code, and the guard that keeps exceptions inside the plugin.
#pragma once

#include <retort/retort_plugin.h>
#include <retort/sdk/failure.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace retort::sdk {

namespace detail {
// One per plugin library: plugins are built with hidden visibility, so this inline variable is private
// to each shared object.
inline const retort_host_api* g_host = nullptr;
}  // namespace detail

inline const retort_host_api& host() { return *detail::g_host; }

// Runs `body` (returning retort_status) and converts any exception into an error report.
template <class Body>
retort_status guard(retort_error* err, Body&& body) noexcept {
  try {
    return body();
  } catch (const NeedsLiveDatabase& f) {
    // A 1.1 host has no such service: it gets an ordinary error.
    const retort_host_api& h = host();
    if (h.struct_size >= offsetof(retort_host_api, report_needs_live_database) + sizeof(h.report_needs_live_database) &&
        h.report_needs_live_database)
      h.report_needs_live_database(err, f.what());
    else
      h.report_error(err, f.what(), nullptr, nullptr);
  } catch (const Failure& f) {
    host().report_error(err, f.what(), f.sqlstate().empty() ? nullptr : f.sqlstate().c_str(),
                        f.statement().empty() ? nullptr : f.statement().c_str());
  } catch (const Unsupported&) {
    return RETORT_UNSUPPORTED;
  } catch (const Reported&) {
    return RETORT_ERROR;
  } catch (const std::exception& e) {
    host().report_error(err, e.what(), nullptr, nullptr);
  } catch (...) {
    host().report_error(err, "unknown C++ exception inside plugin", nullptr, nullptr);
  }
  return RETORT_ERROR;
}

// Writes text to a host sink.
class Sink {
 public:
  explicit Sink(retort_sink* s) : s_(s) {}
  void write(const std::string& text) const { host().sink_write(s_, text.c_str()); }

 private:
  retort_sink* s_;
};

using Row = std::vector<std::optional<std::string>>;

// The live database a dialect may read while rendering; absent offline.
class Session {
 public:
  Session(retort_session* s, retort_error* err) : s_(s), err_(err) {}
  bool online() const { return s_ != nullptr; }

  // Runs a query and returns every row; throws Failure on error, Unsupported offline.
  std::vector<Row> query(const std::string& sql) const {
    std::vector<Row> rows;
    auto collect = [](void* user, size_t n, const char* const* cells) -> int {
      auto* out = static_cast<std::vector<Row>*>(user);
      Row row;
      row.reserve(n);
      for (size_t i = 0; i < n; ++i) row.push_back(cells[i] ? std::optional<std::string>(cells[i]) : std::nullopt);
      out->push_back(std::move(row));
      return 0;
    };
    retort_status st = host().session_query(s_, sql.c_str(), collect, &rows, err_);
    if (st == RETORT_UNSUPPORTED)
      throw NeedsLiveDatabase("this needs the live database and cannot be rendered offline (--sql)");
    if (st != RETORT_OK) throw Reported();
    return rows;
  }

 private:
  retort_session* s_;
  retort_error* err_;
};

}  // namespace retort::sdk
