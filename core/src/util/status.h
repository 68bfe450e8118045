// Errors as values inside the engine: what went wrong, where (file:line, revision, database) and what to
// do about it. Exceptions are used only at the CLI edge; never across the plugin ABI.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace retort {

class Error {
 public:
  explicit Error(std::string message) : message_(std::move(message)) {}

  // Adds an outer location ("migrations/versions/a1_x.toml:12", "database 'main'"); outermost first. A
  // location already named (a database, added by two layers) is moved out rather than repeated.
  Error& at(std::string where) & {
    where_.erase(std::remove(where_.begin(), where_.end(), where), where_.end());
    where_.insert(where_.begin(), std::move(where));
    return *this;
  }
  Error&& at(std::string where) && { return std::move(at(std::move(where))); }
  Error& hint(std::string what_to_do) & {
    hint_ = std::move(what_to_do);
    return *this;
  }
  Error&& hint(std::string what_to_do) && { return std::move(hint(std::move(what_to_do))); }
  // A hint from an outer layer: kept only if the cause gave none, since the cause knows better.
  Error& default_hint(std::string what_to_do) & {
    if (hint_.empty()) hint_ = std::move(what_to_do);
    return *this;
  }
  Error&& default_hint(std::string what_to_do) && { return std::move(default_hint(std::move(what_to_do))); }

  const std::string& message() const { return message_; }
  const std::string& hint_text() const { return hint_; }
  const std::vector<std::string>& where() const { return where_; }

  // "where: where: message" followed, if any, by "\n  hint: ...".
  std::string to_string() const;

 private:
  std::vector<std::string> where_;
  std::string message_;
  std::string hint_;
};

// Several independent problems found by one check (every broken revision file, say).
class ErrorList {
 public:
  void add(Error e) { errors_.push_back(std::move(e)); }
  // Every problem of `other`, after this list's own (lists kept apart per item, merged in order).
  void add_all(const ErrorList& other) { errors_.insert(errors_.end(), other.errors_.begin(), other.errors_.end()); }
  bool empty() const { return errors_.empty(); }
  const std::vector<Error>& errors() const { return errors_; }
  // One Error whose message lists every problem, one per line.
  Error combined(const std::string& summary) const;

 private:
  std::vector<Error> errors_;
};

// [[nodiscard]]: a failure that nobody looks at is a failure that changes nothing for the user; every call
// site either handles it or says it drops it with a (void) cast and a reason.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error e) : error_(std::move(e)) {}  // NOLINT(google-explicit-constructor): errors convert implicitly

  bool ok() const { return !error_; }
  const Error& error() const& { return *error_; }
  Error&& error() && { return std::move(*error_); }

 private:
  std::optional<Error> error_;
};

// A value or the Error that kept it from being made. There is deliberately no conversion from Status:
// an OK Status has no value to give, so `return status;` in a Result function does not compile, and a
// failed one is passed on as its Error (RETORT_TRY does).
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(v_); }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const& { return std::get<Error>(v_); }
  Error&& error() && { return std::get<Error>(std::move(v_)); }
  Status status() const { return ok() ? Status() : Status(error()); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace retort

#define RETORT_CONCAT_INNER(a, b) a##b
#define RETORT_CONCAT(a, b) RETORT_CONCAT_INNER(a, b)

// Returns the error of a failed Status or Result from the enclosing function.
#define RETORT_TRY(expr)                                          \
  do {                                                            \
    auto&& retort_try_value_ = (expr);                            \
    if (!retort_try_value_.ok()) return std::move(retort_try_value_).error(); \
  } while (0)

// `RETORT_ASSIGN_OR_RETURN(auto x, f());` binds the value of a Result or returns its error.
#define RETORT_ASSIGN_OR_RETURN(lhs, expr) RETORT_ASSIGN_OR_RETURN_IMPL(RETORT_CONCAT(retort_r_, __LINE__), lhs, expr)
#define RETORT_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return std::move(tmp).error();      \
  lhs = std::move(tmp).value()
