// Typed read access to the host's revision-file values (an operation's fields) for C++ plugins.
#pragma once

#include <retort/retort_plugin.h>
#include <retort/sdk/failure.hpp>
#include <retort/sdk/host.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace retort::sdk {

// A non-owning view of a host value. A default-constructed Value is "absent".
class Value {
 public:
  Value() = default;
  explicit Value(const retort_value* v) : v_(v) {}

  bool present() const { return v_ != nullptr && type() != RETORT_VALUE_NONE; }
  retort_value_type type() const { return v_ ? host().value_type(v_) : RETORT_VALUE_NONE; }
  bool is_string() const { return type() == RETORT_VALUE_STRING; }
  bool is_table() const { return type() == RETORT_VALUE_TABLE; }
  bool is_array() const { return type() == RETORT_VALUE_ARRAY; }

  std::string str() const {
    const char* s = v_ ? host().value_string(v_) : nullptr;
    if (!s) throw Failure("expected a string");
    return s;
  }
  int64_t integer() const { return host().value_integer(v_); }
  double number() const { return host().value_float(v_); }
  bool boolean() const { return host().value_boolean(v_) != 0; }

  size_t size() const { return v_ ? host().value_length(v_) : 0; }
  Value at(size_t i) const { return Value(host().value_at(v_, i)); }
  std::string key_at(size_t i) const { return host().value_key_at(v_, i); }
  Value operator[](const char* key) const { return Value(v_ ? host().value_get(v_, key) : nullptr); }
  Value operator[](const std::string& key) const { return (*this)[key.c_str()]; }

  // Field helpers for operation tables; the host has already checked required fields and types.
  std::string get_string(const char* key, const std::string& fallback = "") const {
    Value f = (*this)[key];
    return f.present() ? f.str() : fallback;
  }
  bool get_bool(const char* key, bool fallback) const {
    Value f = (*this)[key];
    return f.present() ? f.boolean() : fallback;
  }
  std::vector<std::string> get_strings(const char* key) const {
    std::vector<std::string> out;
    Value f = (*this)[key];
    if (f.is_string()) {
      out.push_back(f.str());
    } else {
      for (size_t i = 0; i < f.size(); ++i) out.push_back(f.at(i).str());
    }
    return out;
  }

  const retort_value* raw() const { return v_; }

 private:
  const retort_value* v_ = nullptr;
};

}  // namespace retort::sdk
