// Reading a driver's URL options (`?timeout=5&charset=utf8mb4`). Each option is checked when the driver
// connects, and a value outside its accepted form is refused naming the option, the value and the form:
//
//   option timeout=abc: must be a number of seconds from 0 to 86400
//
// The reader remembers which options the driver read, so the driver decides in one line what happens to
// the rest: refuse them (refuse_unread(), when its client library would silently ignore them) or pass
// them on to a client library that checks them itself (unread()).
//
//   retort::sdk::ConnectOptions options(params);
//   double seconds = options.seconds("timeout", 0, 86400).value_or(60);
//   options.refuse_unread("mydb");
#pragma once

#include <retort/sdk/failure.hpp>
#include <retort/sdk/plugin.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace retort::sdk {

// How long a server driver waits for a server to answer when the URL sets no connect_timeout: a server
// that accepts connections and never answers must not hang a deploy.
inline constexpr int kDefaultConnectTimeoutSeconds = 10;

// The connect timeout of one connection, and how to word a failure that ran into it.
class ConnectTimeout {
 public:
  ConnectTimeout(int seconds, bool from_url) : seconds_(seconds), from_url_(from_url) {}

  int seconds() const { return seconds_; }
  // False when it is the default.
  bool from_url() const { return from_url_; }

  // Call right before the client library connects.
  void start() { start_ = std::chrono::steady_clock::now(); }

  // The client library's message and, when the attempt lasted (nearly) the whole timeout, that the
  // server did not answer in time: the libraries word a timeout differently (libpq "timeout expired",
  // MariaDB's "Lost connection ... system error: 110"). "Nearly": libpq counts in whole seconds and may
  // give up to 1 s early; connect_timeout is at least 2 s, so a quick refusal is never taken for one.
  std::string explain(const std::string& message) const {
    const auto waited = std::chrono::steady_clock::now() - start_;
    if (waited < std::chrono::seconds(seconds_ - 1)) return message;
    const std::string within = "the server did not answer within " + std::to_string(seconds_) + " s ";
    return message + "; " + within +
           (from_url_ ? "(connect_timeout=" + std::to_string(seconds_) + ")"
                      : "(the default; ?connect_timeout=N in the URL waits N s)");
  }

 private:
  int seconds_;
  bool from_url_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

class ConnectOptions {
 public:
  // ODBC attribute names are case-insensitive; libpq's and retort's own are not.
  enum class Names { exact, any_case };

  // Reads `params`, which must outlive it.
  explicit ConnectOptions(const ConnectParams& params, Names names = Names::exact)
      : params_(params), names_(names), read_(params.options.size(), false) {}

  // Refuses option `name` as the URL spells it: "option NAME=VALUE: MUST".
  [[noreturn]] void refuse(const std::string& name, const std::string& must) const {
    const auto* option = find(name);
    throw Failure("option " + (option ? option->first + "=" + option->second : name) + ": " + must);
  }
  // The same without the value ("option NAME: WHY"), for an option that may hold a password or a refusal
  // that is not about the value.
  [[noreturn]] void refuse_name(const std::string& name, const std::string& why) const {
    const auto* option = find(name);
    throw Failure("option " + (option ? option->first : name) + ": " + why);
  }

  // The value of `name`, nullptr when the URL does not set it. Refused when set more than once: which one
  // was meant is anybody's guess.
  const std::string* text(const std::string& name) {
    if (!is_known(name)) known_.push_back(name);
    const std::string* found = nullptr;
    for (std::size_t i = 0; i < params_.options.size(); ++i) {
      if (!same(params_.options[i].first, name)) continue;
      if (found) throw Failure("option " + params_.options[i].first + ": given more than once; give it once");
      found = &params_.options[i].second;
      read_[i] = true;
    }
    return found;
  }

  // A number of seconds, fractions allowed ("2.5"), from `min` to `max`.
  std::optional<double> seconds(const std::string& name, int min, int max) {
    const std::string* value = text(name);
    if (!value) return std::nullopt;
    std::optional<double> n = decimal(*value);
    if (!n || *n < min || *n > max)
      refuse(name, "must be a number of seconds from " + std::to_string(min) + " to " + std::to_string(max));
    return n;
  }

  // A whole number of seconds from `min` to `max`.
  std::optional<int> whole_seconds(const std::string& name, int min, int max) {
    const std::string* value = text(name);
    if (!value) return std::nullopt;
    std::optional<double> n = decimal(*value);
    if (!n || value->find('.') != std::string::npos || *n < min || *n > max)
      refuse(name, "must be a whole number of seconds from " + std::to_string(min) + " to " + std::to_string(max));
    return static_cast<int>(*n);
  }

  // connect_timeout, the option every server driver reads with one meaning: how long to wait for the
  // server to answer. At least 2 s (libpq raises 1 to 2 anyway; 0, libpq's "wait for ever", would let a
  // silent server hang the run); at most an hour, which also catches milliseconds written for seconds.
  ConnectTimeout connect_timeout() {
    std::optional<int> seconds = whole_seconds("connect_timeout", 2, 3600);
    return ConnectTimeout(seconds.value_or(kDefaultConnectTimeoutSeconds), seconds.has_value());
  }

  // The options not read so far, in URL order.
  std::vector<std::pair<std::string, std::string>> unread() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t i = 0; i < params_.options.size(); ++i)
      if (!read_[i]) out.push_back(params_.options[i]);
    return out;
  }

  // Refuses the first option not read so far (its value is not shown: it may be a password), naming the
  // options `driver` reads; `advice` says where the option might be taken instead.
  void refuse_unread(const std::string& driver, const std::string& advice = "") const {
    for (std::size_t i = 0; i < params_.options.size(); ++i) {
      if (read_[i]) continue;
      std::string reads;
      for (std::size_t k = 0; k < known_.size(); ++k)
        reads += (k == 0 ? "" : k + 1 == known_.size() ? " and " : ", ") + known_[k];
      throw Failure("option " + params_.options[i].first + ": not an option of the " + driver +
                    " driver, which reads " + (reads.empty() ? "none" : reads) + (advice.empty() ? "" : "; " + advice));
    }
  }

 private:
  const std::pair<std::string, std::string>* find(const std::string& name) const {
    for (const auto& option : params_.options)
      if (same(option.first, name)) return &option;
    return nullptr;
  }
  bool same(const std::string& a, const std::string& b) const {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (names_ == Names::exact ? a[i] != b[i] : lower(a[i]) != lower(b[i])) return false;
    return true;
  }
  static char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
  bool is_known(const std::string& name) const {
    for (const auto& k : known_)
      if (k == name) return true;
    return false;
  }

  // Digits with at most one '.', nothing else: no sign, exponent, hex, inf, nan or spaces, which
  // strtod would accept and turn into values no driver can use. Read by hand because strtod follows
  // the locale's decimal point. Twelve digits before the point are plenty for any range here.
  static std::optional<double> decimal(const std::string& text) {
    double whole = 0, fraction = 0, scale = 1;
    bool point = false, digits = false;
    int whole_digits = 0;
    for (char c : text) {
      if (c == '.' && !point) {
        point = true;
      } else if (c >= '0' && c <= '9') {
        digits = true;
        if (point) {
          scale /= 10;
          fraction += (c - '0') * scale;
        } else if (++whole_digits > 12) {
          return std::nullopt;
        } else {
          whole = whole * 10 + (c - '0');
        }
      } else {
        return std::nullopt;
      }
    }
    if (!digits) return std::nullopt;
    return whole + fraction;
  }

  const ConnectParams& params_;
  Names names_;
  std::vector<bool> read_;
  std::vector<std::string> known_;
};

}  // namespace retort::sdk
