#include "config/config_reader.h"

namespace retort {
namespace fs = std::filesystem;

std::optional<std::string> ConfigReader::expand(const std::string& text, const toml::node& node, const std::string& key) {
  auto expanded = expand_variables(text, variables);
  if (!expanded.ok()) {
    errors.add(std::move(expanded).error().at(location_of(node, path) + ": in '" + key + "'"));
    return std::nullopt;
  }
  return *expanded;
}

std::optional<std::string> ConfigReader::string(const toml::table& t, const char* key, bool expand_it) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (!n->is_string()) {
    errors.add(error_at(*n, path, std::string("'") + key + "' must be a string, not " + type_name(*n)));
    return std::nullopt;
  }
  std::string value = n->as_string()->get();
  if (!expand_it) return value;
  return expand(value, *n, key);
}

std::optional<bool> ConfigReader::boolean(const toml::table& t, const char* key) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (auto b = n->value<bool>()) return *b;
  errors.add(error_at(*n, path, std::string("'") + key + "' must be true or false, not " + type_name(*n)));
  return std::nullopt;
}

std::optional<int64_t> ConfigReader::integer(const toml::table& t, const char* key, int64_t min, int64_t max) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  const auto* v = n->as_integer();
  if (v && v->get() >= min && v->get() <= max) return v->get();
  errors.add(error_at(*n, path, std::string("'") + key + "' must be a whole number from " + std::to_string(min) +
                                    " to " + std::to_string(max) + (v ? "" : ", not " + type_name(*n))));
  return std::nullopt;
}

std::vector<std::string> ConfigReader::strings(const toml::table& t, const char* key) {
  std::vector<std::string> out;
  const toml::node* n = t.get(key);
  if (!n) return out;
  const toml::array* arr = n->as_array();
  if (!arr) {
    errors.add(error_at(*n, path, std::string("'") + key + "' must be an array of strings"));
    return out;
  }
  for (const auto& item : *arr) {
    if (!item.is_string()) {
      errors.add(error_at(item, path, std::string("'") + key + "' must hold only strings"));
      continue;
    }
    auto v = expand_variables(item.as_string()->get(), variables);
    if (v.ok()) {
      out.push_back(*v);
    } else {
      errors.add(std::move(v).error().at(location_of(item, path)));
    }
  }
  return out;
}

fs::path absolute_from(const fs::path& base, const std::string& p) {
  fs::path candidate(p);
  return (candidate.is_absolute() ? candidate : base / candidate).lexically_normal();
}

}  // namespace retort
