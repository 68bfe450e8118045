#include "ops/dialect_variants.h"

namespace retort {

const toml::node* DialectVariants::pick(const toml::table& variants) const {
  if (!name.empty())
    if (const toml::node* own = variants.get(name)) return own;
  if (!family.empty() && family != name)
    if (const toml::node* shared = variants.get(family)) return shared;
  return variants.get("default");
}

std::string DialectVariants::describe() const {
  std::string text = "dialect '" + name + "'";
  if (!family.empty() && family != name) text += " (or its family '" + family + "')";
  return text;
}

}  // namespace retort
