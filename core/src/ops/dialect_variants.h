// How a value written per dialect in a revision file ({ postgresql = "jsonb", default = "text" }) is
// picked for one dialect: its own name's variant, else its family's (a dialect that speaks SQLite's SQL
// under another name takes the `sqlite` variant), else `default`.
#pragma once

#include <toml++/toml.h>

#include <string>

namespace retort {

struct DialectVariants {
  std::string name;    // the dialect's name; "" when no dialect is known yet (nothing is checked)
  std::string family;  // the dialect's family; the same as name when it speaks no other dialect's SQL

  // The chosen variant in `variants`, or nullptr when none applies.
  const toml::node* pick(const toml::table& variants) const;
  // "dialect 'sqlcipher' (or its family 'sqlite')", for errors.
  std::string describe() const;
};

}  // namespace retort
